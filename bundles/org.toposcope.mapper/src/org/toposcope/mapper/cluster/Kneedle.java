package org.toposcope.mapper.cluster;

import org.toposcope.core.ToposcopeException;

/**
 * The Kneedle knee detector (Satopää, Albrecht, Irwin, Raghavan 2011) for a convex increasing curve,
 * such as sorted nearest-neighbour distances. Both axes are scaled to [0, 1]; the difference curve is
 * x - y (the curve's depth below the chord); each local maximum i of it gets the threshold
 * diff(i) - S / (n - 1) (S times the mean x step), and is the knee when the difference curve falls below
 * that threshold before the next local maximum. If no local maximum qualifies, the global maximum of the
 * difference curve is the knee.
 */
public final class Kneedle {

    /** Sensitivity S of the paper; 1 is its recommended offline value. */
    public static final double SENSITIVITY = 1.0;

    private Kneedle() {
    }

    /** Index of the knee of the points (x[i], y[i]), x strictly increasing, y non-decreasing. */
    public static int knee(double[] x, double[] y) {
        int n = x.length;
        if (n != y.length || n < 3) {
            throw new ToposcopeException("kneedle: needs at least 3 points with x and y of equal length, got " + n
                    + " and " + y.length);
        }
        double x0 = x[0];
        double xRange = x[n - 1] - x0;
        double y0 = y[0];
        double yRange = y[n - 1] - y0;
        if (!(xRange > 0) || !(yRange > 0)) {
            return 0; // a flat curve has no knee; its first point is as good as any
        }
        double[] diff = new double[n];
        for (int i = 0; i < n; i++) {
            diff[i] = (x[i] - x0) / xRange - (y[i] - y0) / yRange;
        }
        double step = SENSITIVITY / (n - 1);
        int best = 0;
        for (int i = 1; i < n - 1; i++) {
            if (diff[i] > diff[best]) {
                best = i;
            }
            if (diff[i] >= diff[i - 1] && diff[i] > diff[i + 1]) {
                double threshold = diff[i] - step;
                for (int j = i + 1; j < n; j++) {
                    if (j < n - 1 && diff[j] >= diff[j - 1] && diff[j] > diff[j + 1]) {
                        break; // the next local maximum came first
                    }
                    if (diff[j] < threshold) {
                        return i;
                    }
                }
            }
        }
        return diff[n - 1] > diff[best] ? n - 1 : best;
    }

    /** The knee value of a sorted ascending sequence, with x = 0, 1, 2, ... */
    public static double kneeOfSorted(double[] sortedAscending) {
        double[] x = new double[sortedAscending.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        return sortedAscending[knee(x, sortedAscending)];
    }
}
