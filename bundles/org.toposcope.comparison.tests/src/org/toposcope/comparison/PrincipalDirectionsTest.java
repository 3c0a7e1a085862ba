package org.toposcope.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;

class PrincipalDirectionsTest {

    @TempDir
    Path dir;

    @Test
    void deletingSmallestDirectionsMatchesNumpy() throws Exception {
        Random random = new Random(20230207);
        PointCloud tall = Clouds.gaussian("tall", random, 50, 12);
        PointCloud wide = Clouds.gaussian("wide", random, 8, 12); // n < d: r = n
        NumpyReference numpy = new NumpyReference(dir);
        Map<String, PointCloud> expectedFor = new LinkedHashMap<>();
        Map<String, PointCloud> actualFor = new LinkedHashMap<>();
        for (int k : new int[] { 1, 3, 6, 11 }) {
            String id = numpy.deleteSmallest(tall, k);
            expectedFor.put(id, tall);
            actualFor.put(id, PrincipalDirections.deleteSmallest(tall, k));
        }
        for (int k : new int[] { 2, 7 }) {
            String id = numpy.deleteSmallest(wide, k);
            expectedFor.put(id, wide);
            actualFor.put(id, PrincipalDirections.deleteSmallest(wide, k));
        }
        Map<String, double[]> reference = numpy.run();
        for (String id : actualFor.keySet()) {
            double[] expected = reference.get(id);
            double[] actual = actualFor.get(id).coordinates();
            assertEquals(expected.length, actual.length, id);
            double max = 0;
            for (int i = 0; i < actual.length; i++) {
                max = Math.max(max, Math.abs(expected[i] - actual[i]));
            }
            assertTrue(max <= 1e-10, id + " (" + expectedFor.get(id) + "): max |diff| " + max);
        }
    }

    @Test
    void zeroDirectionsKeepTheCloudAndAllGiveZeros() {
        PointCloud cloud = Clouds.gaussian("x", new Random(7), 50, 12);
        assertSame(cloud, PrincipalDirections.deleteSmallest(cloud, 0));
        // through the decomposition, k = 0 reconstructs X from all its directions
        PointCloud full = PrincipalDirections.of(cloud).without(0);
        double[] x = cloud.coordinates();
        double[] y = full.coordinates();
        for (int i = 0; i < x.length; i++) {
            assertEquals(x[i], y[i], 1e-12, "entry " + i);
        }
        PointCloud none = PrincipalDirections.deleteSmallest(cloud, 12);
        for (double v : none.coordinates()) {
            assertEquals(0.0, v);
        }
        assertEquals(cloud.provenance(), none.provenance());
    }

    @Test
    void keptDirectionsAreTheLargest() {
        // a cloud stretched along its first axes: keeping r - k directions keeps most of the energy
        Random random = new Random(11);
        double[][] rows = new double[200][6];
        for (double[] row : rows) {
            for (int c = 0; c < 6; c++) {
                row[c] = random.nextGaussian() * Math.pow(10, -c);
            }
        }
        PointCloud cloud = PointCloud.of("stretched", rows);
        PointCloud two = PrincipalDirections.deleteSmallest(cloud, 4);
        for (int i = 0; i < rows.length; i++) {
            assertEquals(rows[i][0], two.get(i, 0), 1e-3);
            assertEquals(rows[i][1], two.get(i, 1), 1e-3);
            assertEquals(0, two.get(i, 5), 1e-3);
        }
    }

    @Test
    void badInputIsOneLine() {
        PointCloud cloud = Clouds.gaussian("x", new Random(3), 5, 4);
        ToposcopeException tooMany = assertThrows(ToposcopeException.class,
                () -> PrincipalDirections.deleteSmallest(cloud, 5));
        assertEquals("x: cannot delete 5 principal directions of 4 (min of 5 points, 4 dimensions)", tooMany.getMessage());
        assertThrows(ToposcopeException.class, () -> PrincipalDirections.deleteSmallest(cloud, -1));
        double[][] rows = { { 1, 2 }, { Double.NaN, 0 }, { 3, 4 } };
        ToposcopeException nan = assertThrows(ToposcopeException.class,
                () -> PrincipalDirections.deleteSmallest(PointCloud.of("n", rows), 1));
        assertEquals("n: row 1, column 0 is not finite (NaN)", nan.getMessage());
    }
}
