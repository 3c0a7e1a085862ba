package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.PointCloud;
import org.toposcope.mapper.cluster.Dbscan;

/** DBSCAN labels equal sklearn's on the same data and parameters, up to renumbering, noise included. */
class DbscanVsSklearnTest {

    private static final String SCRIPT = """
            import sys
            import numpy as np
            from sklearn.cluster import DBSCAN
            x = np.loadtxt(sys.argv[1], ndmin=2)
            labels = DBSCAN(eps=float(sys.argv[2]), min_samples=int(sys.argv[3])).fit_predict(x)
            print(' '.join(str(int(l)) for l in labels))
            """;

    @TempDir
    Path dir;

    @Test
    void blobsWithNoiseAtSeveralRadii() throws Exception {
        PointCloud cloud = blobs(11);
        for (double eps : new double[] {0.25, 0.4, 0.7}) {
            for (int minSamples : new int[] {3, 5, 10}) {
                compare(cloud, eps, minSamples);
            }
        }
    }

    @Test
    void defaultEpsIsTheKneeAndSklearnAgreesWithIt() throws Exception {
        PointCloud cloud = blobs(23);
        Dbscan dbscan = new Dbscan();
        double eps = Dbscan.defaultEps(cloud);
        assertTrue(eps > 0, "knee eps " + eps);
        int[] auto = dbscan.cluster(cloud, Parameters.defaults(dbscan));
        int[] explicit = dbscan.cluster(cloud, Parameters.resolve(dbscan, Map.of("eps", Double.toString(eps))));
        assertEquals(List.of(), diff(auto, explicit));
        // the knee is itself a pair distance, so sklearn gets a radius just above it, where no pair lies
        double above = eps * (1 + 1e-6);
        int[] nudged = dbscan.cluster(cloud, Parameters.resolve(dbscan, Map.of("eps", Double.toString(above))));
        assertEquals(List.of(), diff(auto, nudged));
        compare(cloud, above, 5);
    }

    private void compare(PointCloud cloud, double eps, int minSamples) throws Exception {
        assertTrue(clearOfBoundaries(cloud, eps), "no pair at distance eps (rounding would decide) for eps " + eps);
        Dbscan dbscan = new Dbscan();
        int[] ours = dbscan.cluster(cloud, Parameters.resolve(dbscan,
                Map.of("eps", Double.toString(eps), "min-samples", Integer.toString(minSamples))));
        String line = Python.run(dir, SCRIPT, Python.write(cloud, dir).toString(), Double.toString(eps),
                Integer.toString(minSamples)).get(0);
        String[] t = line.trim().split(" ");
        int[] theirs = new int[t.length];
        for (int i = 0; i < t.length; i++) {
            theirs[i] = Integer.parseInt(t[i]);
        }
        List<String> d = diff(ours, theirs);
        assertEquals(List.of(), d, "eps " + eps + ", min-samples " + minSamples);
        int clusters = 0;
        for (int l : ours) {
            clusters = Math.max(clusters, l + 1);
        }
        assertTrue(clusters >= 1, "eps " + eps + " min " + minSamples + " found clusters");
    }

    /** Rows where the labellings disagree under the renumbering that the first rows fix; noise must be noise. */
    private static List<String> diff(int[] a, int[] b) {
        assertEquals(a.length, b.length);
        Map<Integer, Integer> aToB = new HashMap<>();
        Map<Integer, Integer> bToA = new HashMap<>();
        List<String> bad = new java.util.ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            boolean ok;
            if (a[i] == -1 || b[i] == -1) {
                ok = a[i] == b[i];
            } else {
                ok = aToB.computeIfAbsent(a[i], k -> b[indexOf(a, k)]) == b[i]
                        && bToA.computeIfAbsent(b[i], k -> a[indexOf(b, k)]) == a[i];
            }
            if (!ok) {
                bad.add("row " + i + ": " + a[i] + " vs " + b[i]);
            }
        }
        return bad;
    }

    private static int indexOf(int[] v, int value) {
        for (int i = 0; i < v.length; i++) {
            if (v[i] == value) {
                return i;
            }
        }
        return -1;
    }

    private static boolean clearOfBoundaries(PointCloud c, double eps) {
        for (int i = 0; i < c.size(); i++) {
            for (int j = i + 1; j < c.size(); j++) {
                double dx = c.get(i, 0) - c.get(j, 0);
                double dy = c.get(i, 1) - c.get(j, 1);
                if (Math.abs(Math.sqrt(dx * dx + dy * dy) - eps) < 1e-9) {
                    return false;
                }
            }
        }
        return true;
    }

    /** Three Gaussian blobs of different spreads plus uniform background noise, in the plane. */
    static PointCloud blobs(long seed) {
        Random r = new Random(seed);
        double[][] centres = {{0, 0}, {4, 1}, {1, 5}};
        double[] spreads = {0.3, 0.5, 0.2};
        double[][] rows = new double[190][];
        for (int i = 0; i < 170; i++) {
            int b = i % 3;
            rows[i] = new double[] {centres[b][0] + spreads[b] * r.nextGaussian(),
                    centres[b][1] + spreads[b] * r.nextGaussian()};
        }
        for (int i = 170; i < rows.length; i++) {
            rows[i] = new double[] {-2 + 8 * r.nextDouble(), -2 + 9 * r.nextDouble()};
        }
        return PointCloud.of("blobs-" + seed, rows);
    }
}
