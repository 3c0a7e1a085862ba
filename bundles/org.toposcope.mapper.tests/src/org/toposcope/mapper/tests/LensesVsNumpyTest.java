package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Lens;
import org.toposcope.mapper.lens.ClassScoreLens;
import org.toposcope.mapper.lens.DensityLens;
import org.toposcope.mapper.lens.EccentricityLens;
import org.toposcope.mapper.lens.KnnDistanceLens;
import org.toposcope.mapper.lens.L2NormLens;
import org.toposcope.mapper.lens.PcaLens;

/** Every lens against the same formula evaluated by numpy on the same cloud. */
class LensesVsNumpyTest {

    private static final String SCRIPT = """
            import sys
            import numpy as np
            x = np.loadtxt(sys.argv[1], ndmin=2)
            op = sys.argv[2]
            arg = float(sys.argv[3])
            d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
            if op == 'l2-norm':
                v = np.linalg.norm(x, axis=1)
                out = ((v - v.min()) / (v.max() - v.min()))[:, None]
            elif op == 'pca':
                c = x - x.mean(0)
                u, s, vt = np.linalg.svd(c, full_matrices=False)
                out = c @ vt[:int(arg)].T
            elif op == 'knn-distance':
                out = np.sort(d, axis=1)[:, int(arg)][:, None]  # column 0 is the point itself
            elif op == 'density':
                out = np.exp(-d ** 2 / (2 * arg * arg)).mean(1)[:, None]
            elif op == 'eccentricity':
                out = ((d ** arg).mean(1) ** (1 / arg))[:, None]
            elif op == 'class-score':
                e = np.exp(x - x.max(1, keepdims=True))
                out = (e / e.sum(1, keepdims=True))[:, int(arg)][:, None]
            for row in out:
                print(' '.join(repr(float(v)) for v in row))
            """;

    @TempDir
    Path dir;

    @Test
    void l2NormMatchesNumpy() throws Exception {
        check(new L2NormLens(), Map.of(), "0", false);
    }

    @Test
    void pcaMatchesNumpySvdUpToTheSignOfEachAxis() throws Exception {
        check(new PcaLens(), Map.of("components", "3"), "3", true);
        check(new PcaLens(), Map.of(), "2", true);
    }

    @Test
    void knnDistanceMatchesNumpy() throws Exception {
        check(new KnnDistanceLens(), Map.of("k", "4"), "4", false);
        check(new KnnDistanceLens(), Map.of("k", "1"), "1", false);
    }

    @Test
    void densityMatchesNumpy() throws Exception {
        check(new DensityLens(), Map.of("bandwidth", "2.5"), "2.5", false);
    }

    @Test
    void eccentricityMatchesNumpy() throws Exception {
        check(new EccentricityLens(), Map.of(), "1", false);
        check(new EccentricityLens(), Map.of("p", "2"), "2", false);
    }

    @Test
    void classScoreIsTheSoftmaxProbabilityNumpyGives() throws Exception {
        check(new ClassScoreLens(), Map.of("class", "3"), "3", false);
    }

    private void check(Lens lens, Map<String, String> parameters, String argument, boolean upToSign) throws Exception {
        PointCloud cloud = Python.gaussian("lens-cloud", 60, 5, 11);
        Matrix ours = lens.apply(cloud, Parameters.resolve(lens, parameters));
        List<String> lines = Python.run(dir, SCRIPT, Python.write(cloud, dir).toString(), lens.id(), argument);
        assertEquals(cloud.size(), lines.size(), "numpy rows");
        assertEquals(cloud.size(), ours.rows());
        int columns = Python.numbers(lines.get(0)).length;
        assertEquals(columns, ours.columns(), lens.id() + " columns");
        for (int c = 0; c < columns; c++) {
            double sign = 1;
            if (upToSign) {
                // the sign of an eigenvector is arbitrary: align on the largest numpy value of the column
                int at = 0;
                for (int i = 0; i < cloud.size(); i++) {
                    if (Math.abs(Python.numbers(lines.get(i))[c]) > Math.abs(Python.numbers(lines.get(at))[c])) {
                        at = i;
                    }
                }
                sign = Math.signum(Python.numbers(lines.get(at))[c]) * Math.signum(ours.get(at, c));
            }
            for (int i = 0; i < cloud.size(); i++) {
                Python.assertClose(Python.numbers(lines.get(i))[c], sign * ours.get(i, c), 1e-9,
                        lens.id() + " row " + i + " column " + c);
            }
        }
    }
}
