package org.toposcope.diagrams.metrics;

import java.util.Arrays;

import org.toposcope.core.model.PersistenceDiagram;

/**
 * Matching of essential classes as gudhi does it for points at infinity: they can only be matched with
 * each other, so differing counts make every distance infinite; otherwise the sorted births are paired.
 */
final class EssentialClasses {

    private EssentialClasses() {
    }

    /** Largest birth difference of the sorted pairing; +inf when the counts differ, 0 when both have none. */
    static double maxGap(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b) {
        double[] gaps = sortedPairGaps(a, b);
        if (gaps == null) {
            return Double.POSITIVE_INFINITY;
        }
        double max = 0;
        for (double g : gaps) {
            max = Math.max(max, g);
        }
        return max;
    }

    /** Sum of |birth difference|^order over the sorted pairing; +inf when the counts differ. */
    static double powerSum(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, double order) {
        double[] gaps = sortedPairGaps(a, b);
        if (gaps == null) {
            return Double.POSITIVE_INFINITY;
        }
        double sum = 0;
        for (double g : gaps) {
            sum += Math.pow(g, order);
        }
        return sum;
    }

    /** |x_i - y_i| for the essential births of both sorted, paired in order; null when the counts differ. */
    private static double[] sortedPairGaps(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b) {
        double[] x = a.essentialBirths();
        double[] y = b.essentialBirths();
        if (x.length != y.length) {
            return null;
        }
        Arrays.sort(x);
        Arrays.sort(y);
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.abs(x[i] - y[i]);
        }
        return x;
    }
}
