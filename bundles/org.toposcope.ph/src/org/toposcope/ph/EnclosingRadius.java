package org.toposcope.ph;

/**
 * The enclosing radius: the smallest eccentricity (largest distance from a point to the others). Beyond it
 * the Vietoris–Rips complex is a cone, so no class is born later; ripser's default threshold.
 */
public final class EnclosingRadius {

    private EnclosingRadius() {
    }

    /** Over all pairs: +∞ for no points (no cone), 0 for one. */
    public static double of(int n, Subsampling.DistanceFunction distance) {
        if (n == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] eccentricity = new double[n];
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                double d = distance.between(i, j);
                if (d > eccentricity[i]) {
                    eccentricity[i] = d;
                }
                if (d > eccentricity[j]) {
                    eccentricity[j] = d;
                }
            }
        }
        double r = Double.POSITIVE_INFINITY;
        for (double e : eccentricity) {
            r = Math.min(r, e);
        }
        return r;
    }

    /** As {@link #of(int, Subsampling.DistanceFunction)}, over a strict lower triangle. */
    public static double of(int n, double[] lower) {
        return of(n, (i, j) -> lower[i * (i - 1) / 2 + j]); // called with i > j only
    }
}
