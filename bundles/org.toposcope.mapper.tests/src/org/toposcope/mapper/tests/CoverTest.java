package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;
import org.toposcope.mapper.cover.QuantileCover;
import org.toposcope.mapper.cover.UniformCover;

/** Cover membership worked out by hand. */
class CoverTest {

    @Test
    void uniformIntervalsOverOneColumn() {
        // 0..10, 4 intervals overlapping by half: width 10 / (4 - 3 * 0.5) = 4, step 2 -> [0,4] [2,6] [4,8] [6,10]
        double[] v = new double[11];
        for (int i = 0; i < v.length; i++) {
            v[i] = i;
        }
        UniformCover cover = new UniformCover();
        List<int[]> sets = cover.cover(new Matrix(11, 1, v),
                Parameters.resolve(cover, Map.of("intervals", "4", "overlap", "0.5")));
        assertEquals(4, sets.size());
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, sets.get(0));
        assertArrayEquals(new int[] {2, 3, 4, 5, 6}, sets.get(1));
        assertArrayEquals(new int[] {4, 5, 6, 7, 8}, sets.get(2));
        assertArrayEquals(new int[] {6, 7, 8, 9, 10}, sets.get(3));
    }

    @Test
    void twoColumnsAreCoveredByTheProductOfIntervals() {
        // corners of the unit square and its centre; 2 intervals, no overlap: [0, .5] and [.5, 1] per axis
        Matrix lens = new Matrix(5, 2, new double[] {0, 0, 1, 0, 0, 1, 1, 1, 0.5, 0.5});
        UniformCover cover = new UniformCover();
        List<int[]> sets = cover.cover(lens, Parameters.resolve(cover, Map.of("intervals", "2", "overlap", "0")));
        assertEquals(4, sets.size());
        assertArrayEquals(new int[] {0, 4}, sets.get(0)); // x low, y low
        assertArrayEquals(new int[] {2, 4}, sets.get(1)); // x low, y high
        assertArrayEquals(new int[] {1, 4}, sets.get(2)); // x high, y low
        assertArrayEquals(new int[] {3, 4}, sets.get(3));
    }

    @Test
    void quantileIntervalsBalanceSkewedValues() {
        // ranks 0..7, 2 intervals overlapping by half: rank intervals [0, 4.67] and [2.33, 7] -> values [0, 100], [3, 400]
        Matrix lens = new Matrix(8, 1, new double[] {300, 0, 2, 100, 1, 400, 3, 200});
        Map<String, String> p = Map.of("intervals", "2", "overlap", "0.5");
        QuantileCover quantile = new QuantileCover();
        List<int[]> sets = quantile.cover(lens, Parameters.resolve(quantile, p));
        assertArrayEquals(new int[] {1, 2, 3, 4, 6}, sets.get(0));
        assertArrayEquals(new int[] {0, 3, 5, 6, 7}, sets.get(1));
        // the uniform cover of the same values is lopsided: [0, 266.7] and [133.3, 400]
        UniformCover uniform = new UniformCover();
        List<int[]> even = uniform.cover(lens, Parameters.resolve(uniform, p));
        assertArrayEquals(new int[] {1, 2, 3, 4, 6, 7}, even.get(0));
        assertArrayEquals(new int[] {0, 5, 7}, even.get(1));
    }

    @Test
    void defaultsAreFortyIntervalsWithThirtyPercentOverlap() {
        for (var cover : List.of(new UniformCover(), new QuantileCover())) {
            Parameters p = Parameters.defaults(cover);
            assertEquals(40, p.integer("intervals"));
            assertEquals(0.3, p.real("overlap"));
        }
    }

    @Test
    void everyRowIsInAtLeastOneSetEvenWithoutOverlap() {
        double[] v = new double[1000];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sin(i) * 1e-3 + i * 0.1; // values that fall near interval ends after rounding
        }
        UniformCover cover = new UniformCover();
        List<int[]> sets = cover.cover(new Matrix(v.length, 1, v),
                Parameters.resolve(cover, Map.of("intervals", "37", "overlap", "0")));
        boolean[] seen = new boolean[v.length];
        for (int[] s : sets) {
            for (int r : s) {
                seen[r] = true;
            }
        }
        for (int i = 0; i < v.length; i++) {
            assertEquals(true, seen[i], "row " + i);
        }
    }

    @Test
    void aConstantColumnFillsOneSetInsteadOfRepeatingIt() {
        // column 0 constant, column 1 = 0..3; 2 intervals per column: only the first x interval is used
        Matrix lens = new Matrix(4, 2, new double[] {7, 0, 7, 1, 7, 2, 7, 3});
        for (var cover : List.of(new UniformCover(), new QuantileCover())) {
            List<int[]> sets = cover.cover(lens, Parameters.resolve(cover, Map.of("intervals", "2", "overlap", "0.5")));
            assertEquals(4, sets.size(), cover.id());
            assertArrayEquals(new int[] {0, 1, 2}, sets.get(0), cover.id()); // y in [0, 2]
            assertArrayEquals(new int[] {1, 2, 3}, sets.get(1), cover.id()); // y in [1, 3]
            assertArrayEquals(new int[0], sets.get(2), cover.id());
            assertArrayEquals(new int[0], sets.get(3), cover.id());
        }
    }
}
