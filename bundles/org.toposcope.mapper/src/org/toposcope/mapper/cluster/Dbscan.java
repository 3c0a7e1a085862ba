package org.toposcope.mapper.cluster;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.mapper.Clouds;
import org.toposcope.mapper.lens.KnnDistanceLens;

/**
 * DBSCAN with Euclidean distance, defined as in scikit-learn: a point is core when at least min-samples
 * points (itself included) lie within distance ≤ eps; clusters are numbered in order of their first core
 * point, and a border point joins the first cluster that reaches it. eps = 0 means the knee (Kneedle)
 * of the sorted distances to the nearest other point, computed per cover set.
 */
@Component(service = Clusterer.class)
public final class Dbscan implements Clusterer {

    public static final String ID = "dbscan";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "DBSCAN (eps defaults to the knee of the sorted nearest-neighbour distances)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("min-samples", 5, "points (itself included) within eps that make a core point"),
                ParameterSpec.real("eps", 0.0, "neighbourhood radius; 0 = knee of the sorted 1-NN distances (Kneedle)"));
    }

    @Override
    public int[] cluster(PointCloud points, Parameters parameters) {
        int minSamples = parameters.integer("min-samples");
        double eps = parameters.real("eps");
        if (minSamples < 1) {
            throw new ToposcopeException(points.name() + ": " + ID + " min-samples must be at least 1, got " + minSamples);
        }
        if (!(eps >= 0) || Double.isInfinite(eps)) {
            throw new ToposcopeException(points.name() + ": " + ID + " eps must be a finite number >= 0, got " + eps);
        }
        Clouds.requireUsable(points, ID, 0);
        if (eps == 0) {
            eps = defaultEps(points);
        }
        return cluster(points, eps, minSamples);
    }

    /** The knee of the sorted distances to the nearest other point; 0 for fewer than 3 points. */
    public static double defaultEps(PointCloud points) {
        if (points.size() < 3) {
            return 0;
        }
        double[] nn = KnnDistanceLens.kthNeighbourDistances(points, 1);
        Arrays.sort(nn);
        return Kneedle.kneeOfSorted(nn);
    }

    static int[] cluster(PointCloud points, double eps, int minSamples) {
        int n = points.size();
        int d = points.dimension();
        double[] x = points.coordinates();
        // distances as sqrt of the squared sum, like the 1-NN curve, so the knee's own pair is within eps
        // neighbourhoods are recomputed on expansion rather than stored: O(n) memory, each row scanned twice
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            int count = 0;
            for (int j = 0; j < n && count < minSamples; j++) {
                if (Math.sqrt(Clouds.squaredDistance(x, d, i, j)) <= eps) {
                    count++;
                }
            }
            core[i] = count >= minSamples;
        }
        int[] labels = new int[n];
        Arrays.fill(labels, -1);
        int[] stack = new int[n];
        int clusters = 0;
        for (int i = 0; i < n; i++) {
            if (labels[i] != -1 || !core[i]) {
                continue;
            }
            int top = 0;
            labels[i] = clusters;
            stack[top++] = i;
            while (top > 0) {
                int p = stack[--top];
                for (int j = 0; j < n; j++) {
                    if (labels[j] == -1 && Math.sqrt(Clouds.squaredDistance(x, d, p, j)) <= eps) {
                        labels[j] = clusters;
                        if (core[j]) {
                            stack[top++] = j;
                        }
                    }
                }
            }
            clusters++;
        }
        return labels;
    }
}
