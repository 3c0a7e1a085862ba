package org.toposcope.diagrams.representations;

import java.util.Arrays;

import org.toposcope.core.model.PersistenceDiagram;

/**
 * Betti curve: at each grid value x, the number of classes alive at x, i.e. with birth <= x < death.
 * Essential classes count from their birth on. Matches {@code gudhi.representations.BettiCurve} with
 * a {@code predefined_grid}.
 */
public final class BettiCurve {

    private BettiCurve() {
    }

    /** Betti numbers at each value of {@code grid} (any order). */
    public static int[] sample(PersistenceDiagram.Dimension d, double[] grid) {
        int n = d.finiteCount();
        double[] essential = d.essentialBirths();
        double[] births = Arrays.copyOf(d.births(), n + essential.length);
        System.arraycopy(essential, 0, births, n, essential.length);
        double[] deaths = d.deaths();
        Arrays.sort(births);
        Arrays.sort(deaths);
        int[] betti = new int[grid.length];
        for (int i = 0; i < grid.length; i++) {
            betti[i] = countAtMost(births, grid[i]) - countAtMost(deaths, grid[i]);
        }
        return betti;
    }

    /** Number of values {@code <= x} in a sorted array (binary search for the first value > x). */
    private static int countAtMost(double[] sorted, double x) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
