package org.toposcope.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.similarity.MatrixCorrelation;

class SeedStabilityTest {

    private static final List<String> LAYERS = Components.labels("layer", 6);

    /** A within-model matrix from real diagrams and sliced Wasserstein. */
    private static DistanceMatrix real(long seed) {
        var metric = Components.metric("sliced-wasserstein");
        return LayerDistances.matrix("seed" + seed, LAYERS, Components.diagrams(seed, 6), metric,
                Components.defaults(metric), Dimensions.BOTH, Progress.none());
    }

    private static DistanceMatrix map(DistanceMatrix m, java.util.function.DoubleUnaryOperator f) {
        double[] v = m.values();
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsDouble(v[i]);
        }
        return new DistanceMatrix(m.name() + "'", m.rowLabels(), m.columnLabels(), v);
    }

    @Test
    void identicalMatricesCorrelatePerfectly() {
        DistanceMatrix m = real(1);
        SeedStability s = SeedStability.of(List.of("a", "b", "c"), List.of(m, m, m));
        assertEquals(3, s.pearson().length);
        for (int p = 0; p < 3; p++) {
            assertEquals(1.0, s.pearson()[p], 1e-12);
            assertEquals(1.0, s.spearman()[p], 1e-12);
        }
        assertEquals(1.0, s.meanPearson(), 1e-12);
        assertEquals(1.0, s.minSpearman(), 1e-12);
    }

    @Test
    void monotoneTransformKeepsSpearmanNotPearson() {
        DistanceMatrix m = real(1);
        DistanceMatrix exponential = map(m, v -> Math.exp(3 * v));
        SeedStability s = SeedStability.of(List.of("a", "b"), List.of(m, exponential));
        assertEquals(1.0, s.spearman()[0], 1e-12);
        assertTrue(s.pearson()[0] < 0.999, "Pearson " + s.pearson()[0]);
        assertEquals(s.pearson()[0], s.minPearson());
    }

    @Test
    void pairsAreRowMajorAndMatchMatrixCorrelation() {
        List<DistanceMatrix> seeds = List.of(real(1), real(2), real(3), real(4));
        SeedStability s = SeedStability.of(List.of("s1", "s2", "s3", "s4"), seeds);
        int p = 0;
        double sum = 0;
        double min = Double.POSITIVE_INFINITY;
        for (int i = 0; i < 4; i++) {
            for (int j = i + 1; j < 4; j++, p++) {
                assertEquals(MatrixCorrelation.pearson(seeds.get(i), seeds.get(j)), s.pearson()[p], "pair " + i + "," + j);
                assertEquals(MatrixCorrelation.spearman(seeds.get(i), seeds.get(j)), s.spearman()[p]);
                sum += s.pearson()[p];
                min = Math.min(min, s.pearson()[p]);
            }
        }
        assertEquals(6, p);
        assertEquals(sum / 6, s.meanPearson(), 1e-15);
        assertEquals(min, s.minPearson());
    }

    @Test
    void mismatchedInputIsOneLine() {
        DistanceMatrix m = real(1);
        List<String> other = List.of("layer0", "layer1", "conv", "layer3", "layer4", "layer5");
        DistanceMatrix renamed = new DistanceMatrix("r", other, other, m.values());
        ToposcopeException labels = assertThrows(ToposcopeException.class,
                () -> SeedStability.of(List.of("a", "b"), List.of(m, renamed)));
        assertEquals("seed stability: matrix r of b has labels 'conv' at position 3 where there is 'layer2' in matrix seed1 of a",
                labels.getMessage());
        ToposcopeException one = assertThrows(ToposcopeException.class, () -> SeedStability.of(List.of("a"), List.of(m)));
        assertEquals("seed stability: 1 model(s); need at least 2 to compare", one.getMessage());
        ToposcopeException count = assertThrows(ToposcopeException.class,
                () -> SeedStability.of(List.of("a", "b", "c"), List.of(m, m)));
        assertEquals("seed stability: 3 models but 2 matrices", count.getMessage());
        DistanceMatrix constant = new DistanceMatrix("k", LAYERS, LAYERS, new double[36]);
        ToposcopeException flat = assertThrows(ToposcopeException.class,
                () -> SeedStability.of(List.of("a", "b"), List.of(m, constant)));
        assertEquals("seed stability: a vs b: correlation undefined: second sample is constant", flat.getMessage());
        double[] v = new double[12];
        v[1] = 0.5;
        DistanceMatrix rect = new DistanceMatrix("rect", List.of("x", "y", "z"), List.of("p", "q", "r", "s"), v);
        ToposcopeException square = assertThrows(ToposcopeException.class,
                () -> SeedStability.of(List.of("a", "b"), List.of(rect, rect)));
        assertEquals("seed stability: matrix rect of a is not square over one set of labels", square.getMessage());
    }
}
