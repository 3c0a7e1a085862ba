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
        double[] x = a.essentialBirths();
        double[] y = b.essentialBirths();
        if (x.length != y.length) {
            return Double.POSITIVE_INFINITY;
        }
        Arrays.sort(x);
        Arrays.sort(y);
        double max = 0;
        for (int i = 0; i < x.length; i++) {
            max = Math.max(max, Math.abs(x[i] - y[i]));
        }
        return max;
    }

    /** Sum of |birth difference|^order over the sorted pairing; +inf when the counts differ. */
    static double powerSum(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, double order) {
        double[] x = a.essentialBirths();
        double[] y = b.essentialBirths();
        if (x.length != y.length) {
            return Double.POSITIVE_INFINITY;
        }
        Arrays.sort(x);
        Arrays.sort(y);
        double sum = 0;
        for (int i = 0; i < x.length; i++) {
            sum += Math.pow(Math.abs(x[i] - y[i]), order);
        }
        return sum;
    }
}
