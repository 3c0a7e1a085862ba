package org.toposcope.similarity.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.toposcope.similarity.tests.SimilarityTest.expect;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.similarity.MatrixCorrelation;

/** Pearson and Spearman of upper triangles against scipy.stats, ties included. */
class MatrixCorrelationTest {

    @TempDir
    Path dir;

    @Test
    void pearsonAndSpearmanMatchScipy() throws Exception {
        NumpyReference scipy = new NumpyReference(dir);
        Map<String, Double> ours = new LinkedHashMap<>();
        Random random = new Random(31);
        for (int n : new int[] { 3, 4, 7, 12, 30 }) {
            for (boolean ties : new boolean[] { false, true }) {
                DistanceMatrix a = symmetric("a", n, random, ties);
                DistanceMatrix b = related("b", a, random, ties);
                double[] x = MatrixCorrelation.upperTriangle(a);
                double[] y = MatrixCorrelation.upperTriangle(b);
                ours.put(scipy.add("pearson", x, y), MatrixCorrelation.pearson(a, b));
                ours.put(scipy.add("spearman", x, y), MatrixCorrelation.spearman(a, b));
            }
        }
        Map<String, Double> reference = scipy.run();
        double worst = 0;
        for (Map.Entry<String, Double> e : ours.entrySet()) {
            assertEquals(reference.get(e.getKey()), e.getValue(), 1e-12, e.getKey());
            worst = Math.max(worst, Math.abs(reference.get(e.getKey()) - e.getValue()));
        }
        System.out.println("largest difference from scipy over " + ours.size() + " cases: " + worst);
    }

    @Test
    void ranksAverageTies() {
        assertArrayEquals(new double[] { 2.5, 1, 2.5, 5, 5, 5 },
                MatrixCorrelation.ranks(new double[] { 0.3, 0.1, 0.3, 0.9, 0.9, 0.9 }), 0);
        DistanceMatrix a = new DistanceMatrix("a", List.of("x", "y", "z"), List.of("x", "y", "z"),
                new double[] { 0, 1, 2, 1, 0, 3, 2, 3, 0 });
        assertArrayEquals(new double[] { 1, 2, 3 }, MatrixCorrelation.upperTriangle(a), 0);
        assertEquals(1.0, MatrixCorrelation.pearson(a, a), 1e-15);
        assertEquals(1.0, MatrixCorrelation.spearman(a, a), 1e-15);
    }

    @Test
    void badInputsGiveOneLineErrors() {
        List<String> three = List.of("l1", "l2", "l3");
        DistanceMatrix a = new DistanceMatrix("cka", three, three, new double[] { 0, 1, 2, 1, 0, 3, 2, 3, 0 });
        DistanceMatrix flat = new DistanceMatrix("flat", three, three, new double[] { 0, 1, 1, 1, 0, 1, 1, 1, 0 });
        DistanceMatrix nan = new DistanceMatrix("nan", three, three, new double[] { 0, 1, Double.NaN, 1, 0, 3, 2, 3, 0 });
        DistanceMatrix twoByThree = new DistanceMatrix("wide", List.of("l1", "l2"), three, new double[6]);
        DistanceMatrix two = new DistanceMatrix("small", List.of("l1", "l2"), List.of("l1", "l2"), new double[4]);
        expect(() -> MatrixCorrelation.pearson(a, flat), "correlation undefined: second sample is constant");
        expect(() -> MatrixCorrelation.spearman(flat, a), "correlation undefined: first sample is constant");
        expect(() -> MatrixCorrelation.pearson(a, nan), "correlation: value 1 is not finite");
        expect(() -> MatrixCorrelation.spearman(twoByThree, twoByThree), "wide: 2 x 3 is not square");
        expect(() -> MatrixCorrelation.pearson(a, two), "cka is 3 x 3 but small is 2 x 2");
        expect(() -> MatrixCorrelation.pearson(two, two), "correlation: 1 values; need at least 2");
    }

    private static DistanceMatrix symmetric(String name, int n, Random random, boolean ties) {
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = ties ? random.nextInt(4) : random.nextDouble();
                v[i * n + j] = d;
                v[j * n + i] = d;
            }
        }
        return new DistanceMatrix(name, labels(n), labels(n), v);
    }

    private static DistanceMatrix related(String name, DistanceMatrix a, Random random, boolean ties) {
        int n = a.rows();
        double[] v = a.values();
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double d = ties ? Math.round(v[i * n + j] + random.nextInt(3)) : v[i * n + j] + 0.5 * random.nextGaussian();
                v[i * n + j] = d;
                v[j * n + i] = d;
            }
        }
        return new DistanceMatrix(name, labels(n), labels(n), v);
    }

    private static List<String> labels(int n) {
        List<String> l = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            l.add("layer" + i);
        }
        return l;
    }
}
