package org.toposcope.similarity.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.toposcope.similarity.tests.RandomClouds.cloud;
import static org.toposcope.similarity.tests.RandomClouds.gaussian;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.function.DoubleSupplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PointCloud;
import org.toposcope.similarity.LinearCka;
import org.toposcope.similarity.RbfCka;
import org.toposcope.similarity.Svcca;

/** Every measure against an independent numpy implementation on the same random matrices. */
class SimilarityVsNumpyTest {

    @TempDir
    Path dir;

    /** Shapes with n above and below p + q, so both the feature and the Gram form are checked. */
    private static final int[][] SHAPES = { { 60, 8, 20 }, { 30, 45, 25 }, { 200, 3, 100 }, { 5, 2, 7 }, { 40, 40, 1 } };

    @Test
    void linearCkaMatchesNumpy() throws Exception {
        NumpyReference numpy = new NumpyReference(dir);
        Map<String, DoubleSupplier> ours = new LinkedHashMap<>();
        Random random = new Random(11);
        for (int[] s : SHAPES) {
            PointCloud a = cloud("a", gaussian(random, s[0], s[1]));
            // correlated with a through its first columns, so the values are spread over (0, 1)
            double[][] y = gaussian(random, s[0], s[2]);
            for (int i = 0; i < s[0]; i++) {
                for (int j = 0; j < Math.min(s[1], s[2]); j++) {
                    y[i][j] += 2 * a.get(i, j);
                }
            }
            PointCloud b = cloud("b", y);
            ours.put(numpy.add("linear-cka", a, b, ""), () -> LinearCka.of(a, b, Progress.none()));
        }
        compare(numpy, ours, 1e-10);
    }

    @Test
    void rbfCkaMatchesNumpy() throws Exception {
        NumpyReference numpy = new NumpyReference(dir);
        Map<String, DoubleSupplier> ours = new LinkedHashMap<>();
        Random random = new Random(12);
        for (double factor : new double[] { 1.0, 0.5, 3.0 }) {
            for (int[] s : SHAPES) {
                PointCloud a = cloud("a", gaussian(random, s[0], s[1]));
                double[][] y = gaussian(random, s[0], s[2]);
                for (int i = 0; i < s[0]; i++) {
                    y[i][0] += 3 * a.get(i, 0);
                }
                PointCloud b = cloud("b", y);
                ours.put(numpy.add("rbf-cka", a, b, "factor=" + factor), () -> RbfCka.of(a, b, factor, Progress.none()));
            }
        }
        compare(numpy, ours, 1e-10);
    }

    @Test
    void svccaMatchesNumpy() throws Exception {
        NumpyReference numpy = new NumpyReference(dir);
        Map<String, DoubleSupplier> ours = new LinkedHashMap<>();
        Random random = new Random(13);
        int n = 300;
        for (double variance : new double[] { 0.99, 0.9, 0.5 }) {
            for (int directions : new int[] { 0, 4 }) {
                // decaying column scales so that the variance threshold keeps a proper subset of directions
                double[][] x = gaussian(random, n, 12);
                double[][] y = gaussian(random, n, 9);
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < 12; j++) {
                        x[i][j] *= Math.pow(0.6, j);
                    }
                    for (int j = 0; j < 9; j++) {
                        y[i][j] = Math.pow(0.7, j) * y[i][j] + (j < 5 ? x[i][j] : 0);
                    }
                }
                PointCloud a = cloud("a", x);
                PointCloud b = cloud("b", y);
                ours.put(numpy.add("svcca", a, b, "variance=" + variance + ",directions=" + directions),
                        () -> Svcca.of(a, b, variance, directions, Progress.none()));
            }
        }
        compare(numpy, ours, 1e-9);
    }

    private static void compare(NumpyReference numpy, Map<String, DoubleSupplier> ours, double tolerance)
            throws Exception {
        Map<String, Double> reference = numpy.run();
        double worst = 0;
        for (Map.Entry<String, DoubleSupplier> e : ours.entrySet()) {
            double expected = reference.get(e.getKey());
            double actual = e.getValue().getAsDouble();
            assertEquals(expected, actual, tolerance, e.getKey());
            worst = Math.max(worst, Math.abs(expected - actual));
        }
        System.out.println("largest difference from numpy over " + ours.size() + " cases: " + worst);
    }
}
