package org.toposcope.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.LayerSimilarity;

class SimilarityMatrixTest {

    /** Clouds of the same 80 "images": a base cloud, noisier versions of it in other widths, and an unrelated one. */
    private static List<PointCloud> layers() {
        Random random = new Random(42);
        PointCloud base = Clouds.gaussian("base", random, 80, 10);
        List<PointCloud> clouds = new ArrayList<>();
        clouds.add(base);
        for (int w : new int[] { 6, 14 }) {
            double[][] rows = new double[80][w];
            for (int i = 0; i < 80; i++) {
                for (int c = 0; c < w; c++) {
                    rows[i][c] = base.get(i, c % 10) * (c + 1) + 0.5 * w / 6.0 * random.nextGaussian();
                }
            }
            clouds.add(PointCloud.of("width" + w, rows));
        }
        clouds.add(Clouds.gaussian("unrelated", random, 80, 5));
        return clouds;
    }

    @Test
    void holdsThePairwiseSimilaritiesDiagonalIncluded() {
        List<PointCloud> clouds = layers();
        List<String> labels = List.of("l0", "l1", "l2", "l3");
        for (String id : List.of("linear-cka", "svcca")) {
            LayerSimilarity similarity = Components.similarity(id);
            Parameters p = Components.defaults(similarity);
            AtomicLong units = new AtomicLong();
            DistanceMatrix m = SimilarityMatrix.of(id, labels, clouds, similarity, p,
                    LayerDistancesTest.counting(units, Long.MAX_VALUE));
            assertEquals(10, units.get(), "one unit per pair i <= j");
            assertEquals(labels, m.rowLabels());
            for (int i = 0; i < 4; i++) {
                for (int j = i; j < 4; j++) {
                    double expected = similarity.similarity(clouds.get(i), clouds.get(j), p, Progress.none());
                    assertEquals(expected, m.get(i, j), id + " (" + i + ", " + j + ")");
                    assertEquals(m.get(i, j), m.get(j, i));
                }
                assertEquals(1.0, m.get(i, i), 1e-12, id + " diagonal " + i);
            }
            assertTrue(m.get(0, 1) > m.get(0, 3), id + ": related layers " + m.get(0, 1) + ", unrelated " + m.get(0, 3));
            assertEquals(m, SimilarityMatrix.of(id, labels, clouds, similarity, p, Progress.none(), 1));
        }
    }

    @Test
    void errorsNameThePair() {
        List<PointCloud> clouds = new ArrayList<>(layers());
        clouds.add(Clouds.gaussian("short", new Random(1), 30, 4));
        LayerSimilarity cka = Components.similarity("linear-cka");
        Parameters p = Components.defaults(cka);
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> SimilarityMatrix.of("s",
                List.of("a", "b", "c", "d", "e"), clouds, cka, p, Progress.none(), 1));
        assertTrue(e.getMessage().startsWith("s: a vs e: "), e.getMessage());
        assertEquals(1, e.getMessage().lines().count());
        // pairs (a, e), (b, e), ... all fail; whichever thread meets one first, the first pair is reported
        for (int threads : new int[] { 2, 3, 8 }) {
            for (int repeat = 0; repeat < 5; repeat++) {
                ToposcopeException parallel = assertThrows(ToposcopeException.class, () -> SimilarityMatrix.of("s",
                        List.of("a", "b", "c", "d", "e"), clouds, cka, p, Progress.none(), threads));
                assertEquals(e.getMessage(), parallel.getMessage(), threads + " threads");
            }
        }
        ToposcopeException labels = assertThrows(ToposcopeException.class,
                () -> SimilarityMatrix.of("s", List.of("a"), clouds, cka, p, Progress.none()));
        assertEquals("s: 1 labels for 5 clouds", labels.getMessage());
    }
}
