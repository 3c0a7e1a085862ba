package org.toposcope.ph.rips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceResult;

/**
 * The batched parallel reduction against the sequential one, with batches small enough that the test
 * clouds span many of them (so columns of one batch take each other's pivots and phase 2 must redo work).
 */
class ParallelReductionTest {

    private static RipsFiltration gaussian(long seed, int n, int d, int maxDim, double threshold) {
        Random r = new Random(seed);
        double[][] p = new double[n][d];
        for (double[] x : p) {
            for (int k = 0; k < d; k++) {
                x[k] = r.nextGaussian();
            }
        }
        double[] lower = new double[n * (n - 1) / 2];
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += (p[i][k] - p[j][k]) * (p[i][k] - p[j][k]);
                }
                lower[i * (i - 1) / 2 + j] = Math.sqrt(s);
            }
        }
        return RipsFiltration.fromLowerTriangle(n, lower, maxDim, threshold);
    }

    @Test
    void everyThreadCountAndBatchSizeGivesTheSequentialDiagramAndCycles() {
        RipsFiltration[] clouds = {gaussian(1, 70, 3, 2, 2.5), gaussian(2, 40, 5, 3, 2.2), gaussian(3, 120, 8, 1, Double.POSITIVE_INFINITY),
            gaussian(4, 90, 2, 2, 1.0)};
        for (RipsFiltration f : clouds) {
            PersistenceResult sequential = RipsPersistence.computeWithCycles(f, "g", 1, 1024, Progress.none());
            assertTrue(sequential.diagram().dimension(1).finiteCount() > 0);
            for (int threads : new int[] {1, 2, 4}) {
                for (int batch : new int[] {1, 2, 7, 64, 1024}) {
                    String what = f.size() + " points, " + threads + " threads, batches of " + batch;
                    PersistenceDiagram d = RipsPersistence.compute(f, "g", threads, batch, Progress.none());
                    assertEquals(sequential.diagram(), d, what);
                    PersistenceResult withCycles = RipsPersistence.computeWithCycles(f, "g", threads, batch, Progress.none());
                    assertEquals(sequential, withCycles, what + ": cycles follow from the pairs alone");
                }
            }
        }
    }

    @Test
    void columnsDeferredByASmallWorkingBudgetStillGiveTheSequentialDiagram() {
        // dense H1 (every edge in) and a denser H2: columns add many others, so small budgets defer them to phase 2
        RipsFiltration[] clouds = {gaussian(5, 150, 16, 1, Double.POSITIVE_INFINITY), gaussian(6, 70, 3, 2, 2.5)};
        for (RipsFiltration f : clouds) {
            PersistenceDiagram sequential = RipsPersistence.compute(f, "g", 1, Progress.none());
            assertTrue(RipsPersistence.deferredColumns(f, 2, 16, 1) > 0, f.size() + " points: a budget of one entry defers");
            assertEquals(0, RipsPersistence.deferredColumns(f, 2, 16, 1 << 20), f.size() + " points: a large budget does not");
            for (long budget : new long[] {1, 64, 1024, 1 << 16}) {
                for (int batch : new int[] {2, 16, 256}) {
                    assertEquals(sequential, RipsPersistence.compute(f, "g", 2, batch, budget, Progress.none()),
                            f.size() + " points, budget " + budget + ", batches of " + batch);
                }
            }
        }
    }
}
