package org.toposcope.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.toposcope.core.CancelledException;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;

class LayerDistancesTest {

    private static final List<PersistenceDiagram> DIAGRAMS = Components.diagrams(1, 6);
    private static final List<String> LABELS = Components.labels("layer", 6);

    @Test
    void matrixIsSymmetricWithZeroDiagonalAndHoldsThePairwiseDistances() {
        for (String id : List.of("sliced-wasserstein", "bottleneck")) {
            DiagramMetric metric = Components.metric(id);
            Parameters p = Components.defaults(metric);
            for (Dimensions dims : Dimensions.values()) {
                DistanceMatrix m = LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p, dims, Progress.none());
                assertEquals(LABELS, m.rowLabels());
                assertEquals(LABELS, m.columnLabels());
                for (int i = 0; i < 6; i++) {
                    assertEquals(0.0, m.get(i, i));
                    for (int j = i + 1; j < 6; j++) {
                        double h0 = metric.distance(DIAGRAMS.get(i).dimension(0), DIAGRAMS.get(j).dimension(0), p);
                        double h1 = metric.distance(DIAGRAMS.get(i).dimension(1), DIAGRAMS.get(j).dimension(1), p);
                        double expected = dims == Dimensions.H0 ? h0 : dims == Dimensions.H1 ? h1 : h0 + h1;
                        assertEquals(expected, m.get(i, j), id + " " + dims + " (" + i + ", " + j + ")");
                        assertEquals(m.get(i, j), m.get(j, i));
                        assertTrue(m.get(i, j) > 0, id + " " + dims + " (" + i + ", " + j + ") = " + m.get(i, j));
                    }
                }
            }
        }
    }

    @Test
    void bothIsTheSumOfH0AndH1() {
        DiagramMetric metric = Components.metric("sliced-wasserstein");
        Parameters p = Components.defaults(metric);
        double[] h0 = LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p, Dimensions.H0, Progress.none()).values();
        double[] h1 = LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p, Dimensions.H1, Progress.none()).values();
        double[] both = LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p, Dimensions.BOTH, Progress.none()).values();
        for (int i = 0; i < both.length; i++) {
            assertEquals(h0[i] + h1[i], both[i], "entry " + i);
        }
    }

    @Test
    void sameNumbersWhateverTheThreadCount() {
        DiagramMetric metric = Components.metric("bottleneck");
        Parameters p = Components.defaults(metric);
        DistanceMatrix one = LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p, Dimensions.BOTH, Progress.none(), 1);
        for (int threads : new int[] { 2, 3, 8 }) {
            assertEquals(one, LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p, Dimensions.BOTH, Progress.none(),
                    threads), threads + " threads");
        }
        DistanceMatrix block = LayerDistances.block("b", LABELS, DIAGRAMS, LABELS.subList(0, 4), DIAGRAMS.subList(0, 4),
                metric, p, Dimensions.H1, Progress.none(), 1);
        assertEquals(block, LayerDistances.block("b", LABELS, DIAGRAMS, LABELS.subList(0, 4), DIAGRAMS.subList(0, 4),
                metric, p, Dimensions.H1, Progress.none(), 3));
    }

    @Test
    void blockOfASetWithItselfIsItsMatrix() {
        for (String id : List.of("sliced-wasserstein", "bottleneck")) {
            DiagramMetric metric = Components.metric(id);
            Parameters p = Components.defaults(metric);
            DistanceMatrix matrix = LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p, Dimensions.BOTH, Progress.none());
            DistanceMatrix block = LayerDistances.block("m", LABELS, DIAGRAMS, LABELS, DIAGRAMS, metric, p,
                    Dimensions.BOTH, Progress.none());
            assertEquals(matrix, block, id);
        }
    }

    @Test
    void blockHoldsRowToColumnDistances() {
        DiagramMetric metric = Components.metric("sliced-wasserstein");
        Parameters p = Components.parameters(metric, Map.of("directions", "20"));
        List<PersistenceDiagram> other = Components.diagrams(2, 3);
        DistanceMatrix block = LayerDistances.block("b", LABELS, DIAGRAMS, Components.labels("other", 3), other, metric, p,
                Dimensions.H1, Progress.none());
        assertEquals(6, block.rows());
        assertEquals(3, block.columns());
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 3; j++) {
                assertEquals(metric.distance(DIAGRAMS.get(i).dimension(1), other.get(j).dimension(1), p), block.get(i, j));
            }
        }
    }

    @Test
    void crossModelPutsTheBlocksInPlace() {
        DiagramMetric metric = Components.metric("sliced-wasserstein");
        Parameters p = Components.defaults(metric);
        List<String> models = List.of("a", "b", "c");
        List<List<PersistenceDiagram>> diagrams = List.of(DIAGRAMS.subList(0, 2), Components.diagrams(3, 3),
                Components.diagrams(4, 4));
        List<List<String>> layers = List.of(List.of("conv1", "conv2"), Components.labels("l", 3), Components.labels("l", 4));
        AtomicLong units = new AtomicLong();
        DistanceMatrix cross = LayerDistances.crossModel("cross", models, layers, diagrams, metric, p, Dimensions.BOTH,
                counting(units, Long.MAX_VALUE));
        assertEquals(9 * 8 / 2, units.get());
        assertEquals(List.of("a/conv1", "a/conv2", "b/l0", "b/l1", "b/l2", "c/l0", "c/l1", "c/l2", "c/l3"),
                cross.rowLabels());
        assertEquals(cross.rowLabels(), cross.columnLabels());
        int[] offset = { 0, 2, 5 };
        for (int a = 0; a < 3; a++) {
            for (int b = 0; b < 3; b++) {
                DistanceMatrix expected = a == b
                        ? LayerDistances.matrix("m", layers.get(a), diagrams.get(a), metric, p, Dimensions.BOTH, Progress.none())
                        : LayerDistances.block("m", layers.get(a), diagrams.get(a), layers.get(b), diagrams.get(b), metric, p,
                                Dimensions.BOTH, Progress.none());
                for (int i = 0; i < expected.rows(); i++) {
                    for (int j = 0; j < expected.columns(); j++) {
                        assertEquals(expected.get(i, j), cross.get(offset[a] + i, offset[b] + j),
                                "block (" + a + ", " + b + ") entry (" + i + ", " + j + ")");
                    }
                }
            }
        }
    }

    @Test
    void progressCountsPairsAndCancelStops() {
        DiagramMetric metric = Components.metric("bottleneck");
        Parameters p = Components.defaults(metric);
        AtomicLong units = new AtomicLong();
        LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p, Dimensions.H0, counting(units, Long.MAX_VALUE));
        assertEquals(15, units.get());
        units.set(0);
        LayerDistances.block("m", LABELS, DIAGRAMS, LABELS.subList(0, 2), DIAGRAMS.subList(0, 2), metric, p, Dimensions.H0,
                counting(units, Long.MAX_VALUE));
        assertEquals(12, units.get());
        for (int threads : new int[] { 1, 2 }) {
            AtomicLong done = new AtomicLong();
            assertThrows(CancelledException.class, () -> LayerDistances.matrix("m", LABELS, DIAGRAMS, metric, p,
                    Dimensions.H0, counting(done, 3), threads));
            assertTrue(done.get() < 15, threads + " threads: " + done.get() + " units after cancelling at 3");
        }
    }

    @Test
    void badInputIsOneLine() {
        DiagramMetric metric = Components.metric("bottleneck");
        Parameters p = Components.defaults(metric);
        ToposcopeException labels = assertThrows(ToposcopeException.class, () -> LayerDistances.matrix("m",
                LABELS.subList(0, 5), DIAGRAMS, metric, p, Dimensions.H0, Progress.none()));
        assertEquals("m: 5 labels for 6 diagrams", labels.getMessage());
        FiltrationBackend rips = Components.rips();
        PersistenceDiagram h0Only = rips.compute(Clouds.gaussian("g", new java.util.Random(5), 20, 2),
                Components.parameters(rips, Map.of("max-dimension", "0")), Progress.none());
        ToposcopeException noH1 = assertThrows(ToposcopeException.class, () -> LayerDistances.block("m",
                List.of("x"), List.of(h0Only), LABELS, DIAGRAMS, metric, p, Dimensions.BOTH, Progress.none()));
        assertEquals("m: x: diagram g has no H1 (computed up to H0)", noH1.getMessage());
        ToposcopeException models = assertThrows(ToposcopeException.class, () -> LayerDistances.crossModel("c",
                List.of("a", "b"), List.of(LABELS, LABELS.subList(0, 2)), List.of(DIAGRAMS, DIAGRAMS), metric, p,
                Dimensions.H0, Progress.none()));
        assertEquals("c: model b has 2 layer labels but 6 diagrams", models.getMessage());
        assertEquals(Dimensions.BOTH, Dimensions.parse("Both"));
        assertEquals(Dimensions.H1, Dimensions.parse("h1"));
        ToposcopeException dims = assertThrows(ToposcopeException.class, () -> Dimensions.parse("h2"));
        assertEquals("homology dimensions 'h2': expected h0, h1 or both", dims.getMessage());
    }

    /** Counts units and reports cancellation once {@code cancelAt} units are done. */
    static Progress counting(AtomicLong units, long cancelAt) {
        return new Progress() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long n) {
                units.addAndGet(n);
            }

            @Override
            public boolean isCancelled() {
                return units.get() >= cancelAt;
            }
        };
    }
}
