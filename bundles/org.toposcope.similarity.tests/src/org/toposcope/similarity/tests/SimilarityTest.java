package org.toposcope.similarity.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toposcope.similarity.tests.RandomClouds.cloud;
import static org.toposcope.similarity.tests.RandomClouds.gaussian;
import static org.toposcope.similarity.tests.RandomClouds.multiply;
import static org.toposcope.similarity.tests.RandomClouds.orthogonal;
import static org.toposcope.similarity.tests.RandomClouds.plus;
import static org.toposcope.similarity.tests.RandomClouds.scale;

import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.registry.ServiceLoaderRegistry;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.similarity.LinearCka;
import org.toposcope.similarity.RbfCka;
import org.toposcope.similarity.Svcca;

/** Registration, invariances, constructed cases and bad inputs, without numpy. */
class SimilarityTest {

    private static final List<String> IDS = List.of("linear-cka", "rbf-cka", "svcca");
    private static final List<LayerSimilarity> ALL = List.of(new LinearCka(), new RbfCka(), new Svcca());

    @Test
    void osgiRegistryFindsTheThreeMeasuresById() throws InterruptedException {
        Registry registry = Registry.current();
        assertTrue(registry.getClass().getName().contains("Osgi"), "inside OSGi the registry uses services: " + registry);
        long deadline = System.nanoTime() + 10_000_000_000L; // DS activates components asynchronously
        while (!registry.all(LayerSimilarity.class).stream().map(Registered::id).toList().containsAll(IDS)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(registry.get(LayerSimilarity.class, "linear-cka") instanceof LinearCka);
        assertTrue(registry.get(LayerSimilarity.class, "rbf-cka") instanceof RbfCka);
        assertTrue(registry.get(LayerSimilarity.class, "svcca") instanceof Svcca);
    }

    @Test
    void serviceLoaderFindsTheSameMeasuresOutsideDs() {
        Registry registry = new ServiceLoaderRegistry(LinearCka.class.getClassLoader());
        assertEquals(IDS, registry.all(LayerSimilarity.class).stream().map(Registered::id).toList());
    }

    @Test
    void idsDescriptionsAndDefaults() {
        for (Extension e : ALL) {
            assertTrue(IDS.contains(e.id()), e.id());
            assertTrue(!e.description().isBlank() && !e.description().contains("\n"), e.description());
        }
        assertEquals(List.of(), new LinearCka().parameters());
        assertEquals(1.0, Parameters.defaults(new RbfCka()).real("factor"));
        Parameters svcca = Parameters.defaults(new Svcca());
        assertEquals(0.99, svcca.real("variance"));
        assertEquals(0, svcca.integer("directions"));
    }

    @Test
    void ckaIsOneUnderARandomOrthogonalMapAndIsotropicScaling() {
        Random random = new Random(21);
        for (int[] shape : new int[][] { { 50, 10 }, { 20, 35 } }) { // feature form and Gram form
            double[][] x = gaussian(random, shape[0], shape[1]);
            double[][] q = orthogonal(random, shape[1]);
            double[][] identity = multiply(q, transpose(q));
            for (int i = 0; i < shape[1]; i++) {
                assertEquals(1.0, identity[i][i], 1e-12, "Q is orthogonal");
            }
            PointCloud a = cloud("x", x);
            PointCloud rotated = cloud("xq", multiply(x, q));
            PointCloud scaled = cloud("3.7xq", scale(multiply(x, q), 3.7));
            for (LayerSimilarity s : ALL) {
                Parameters p = Parameters.defaults(s);
                assertEquals(1.0, s.similarity(a, rotated, p, Progress.none()), 1e-12, s.id() + " X vs XQ");
                assertEquals(1.0, s.similarity(a, scaled, p, Progress.none()), 1e-12, s.id() + " X vs 3.7 XQ");
            }
            PointCloud y = cloud("y", gaussian(random, shape[0], 6));
            for (LayerSimilarity s : List.of(new LinearCka(), new RbfCka())) {
                Parameters p = Parameters.defaults(s);
                double plain = s.similarity(a, y, p, Progress.none());
                assertEquals(plain, s.similarity(scaled, y, p, Progress.none()), 1e-12, s.id() + " scaling");
                assertEquals(plain, s.similarity(rotated, y, p, Progress.none()), 1e-12, s.id() + " rotation");
                assertEquals(plain, s.similarity(y, a, p, Progress.none()), 1e-12, s.id() + " symmetry");
            }
        }
    }

    @Test
    void ckaOfIndependentCloudsIsFarBelowOne() {
        Random random = new Random(22);
        PointCloud a = cloud("a", gaussian(random, 500, 10));
        PointCloud b = cloud("b", gaussian(random, 500, 10));
        double linear = LinearCka.of(a, b, Progress.none());
        double rbf = RbfCka.of(a, b, 1.0, Progress.none());
        System.out.println("independent 500 x 10 clouds: linear CKA " + linear + ", RBF CKA " + rbf);
        assertTrue(linear < 0.1, "linear " + linear);
        assertTrue(rbf < 0.1, "rbf " + rbf);
    }

    @Test
    void svccaIsNearOneForALinearMapPlusNoiseAndLowForIndependentData() {
        Random random = new Random(23);
        int n = 1000;
        double[][] x = gaussian(random, n, 8);
        double[][] mapped = plus(multiply(x, gaussian(random, 8, 12)), gaussian(random, n, 12), 0.05);
        double related = Svcca.of(cloud("x", x), cloud("xa+noise", mapped), 0.99, 0, Progress.none());
        double independent = Svcca.of(cloud("x", x), cloud("z", gaussian(random, n, 8)), 0.99, 0, Progress.none());
        System.out.println("SVCCA, n = 1000: Y = XA + 0.05 noise " + related + ", independent " + independent);
        assertTrue(related > 0.99, "related " + related);
        assertTrue(independent < 0.15, "independent " + independent);
    }

    @Test
    void svccaKeepsTheDirectionsThatExplainTheRequestedVariance() {
        Random random = new Random(24);
        int n = 400;
        double[][] x = gaussian(random, n, 5);
        for (double[] row : x) {
            row[0] *= 10;
            row[1] *= 10;
            row[2] *= 0.01; // directions 3 to 5 together carry well under 1% of the variance
            row[3] *= 0.01;
            row[4] *= 0.01;
        }
        PointCloud a = cloud("a", x);
        Svcca.Result r = Svcca.canonicalCorrelations(a, a, 0.99, 0, Progress.none());
        assertEquals(2, r.keptA());
        assertEquals(5, Svcca.canonicalCorrelations(a, a, 1.0, 0, Progress.none()).keptA());
        assertEquals(3, Svcca.canonicalCorrelations(a, a, 0.99, 3, Progress.none()).keptB());
        assertEquals(1.0, r.mean(), 1e-12);
        // a rank-2 cloud cannot keep more than 2 directions whatever is asked
        double[][] flat = new double[n][4];
        for (int i = 0; i < n; i++) {
            flat[i][0] = x[i][0];
            flat[i][1] = x[i][1];
            flat[i][2] = x[i][0] - x[i][1];
        }
        assertEquals(2, Svcca.canonicalCorrelations(cloud("flat", flat), a, 1.0, 4, Progress.none()).keptA());
    }

    @Test
    void badInputsGiveOneLineErrors() {
        Random random = new Random(25);
        PointCloud a = cloud("layer1", gaussian(random, 10, 3));
        PointCloud shorter = cloud("layer2", gaussian(random, 9, 3));
        double[][] withNan = gaussian(random, 10, 3);
        withNan[4][2] = Double.NaN;
        PointCloud nan = cloud("nan-layer", withNan);
        PointCloud one = cloud("one-row", gaussian(random, 1, 3));
        double[][] same = new double[10][3];
        for (double[] row : same) {
            row[0] = 0.1;
            row[1] = 0.7;
        }
        PointCloud constant = cloud("constant-layer", same);
        for (LayerSimilarity s : ALL) {
            Parameters p = Parameters.defaults(s);
            expect(() -> s.similarity(a, shorter, p, Progress.none()), s.id() + ": layer1 has 10 rows but layer2 has 9");
            expect(() -> s.similarity(a, nan, p, Progress.none()), s.id() + ": nan-layer: row 4 column 2 is NaN");
            expect(() -> s.similarity(one, one, p, Progress.none()), s.id() + ": one-row has 1 rows; need at least 2");
            expect(() -> s.similarity(a, constant, p, Progress.none()), s.id() + ": constant-layer has zero variance");
        }
        // more than half the pairs at distance 0 leave no bandwidth
        double[][] mostlySame = new double[10][2];
        mostlySame[9][0] = 1;
        expect(() -> RbfCka.of(a, cloud("dup", mostlySame), 1.0, Progress.none()), "rbf-cka: dup: median pairwise distance is 0");
        expect(() -> RbfCka.of(a, a, 0, Progress.none()), "rbf-cka: factor must be a positive number");
        expect(() -> Svcca.of(a, a, 1.5, 0, Progress.none()), "svcca: variance must be in (0, 1]");
        expect(() -> Svcca.of(a, a, 0.99, -1, Progress.none()), "svcca: directions must be 0");
        expect(() -> Parameters.resolve(new RbfCka(), Map.of("factor", "wide")), "rbf-cka: parameter factor");
    }

    static void expect(Executable call, String start) {
        ToposcopeException e = assertThrows(ToposcopeException.class, call);
        assertTrue(e.getMessage().startsWith(start), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    private static double[][] transpose(double[][] a) {
        double[][] t = new double[a[0].length][a.length];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < a[0].length; j++) {
                t[j][i] = a[i][j];
            }
        }
        return t;
    }
}
