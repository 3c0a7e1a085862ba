package org.toposcope.diagrams.representations;

/** Sample grids for the representations. */
public final class Grid {

    private Grid() {
    }

    /**
     * {@code count} evenly spaced values from {@code lo} to {@code hi}, both included, computed like
     * {@code numpy.linspace} ({@code lo + i * step}, last value exactly {@code hi}) so grids agree bit for bit.
     */
    public static double[] linspace(double lo, double hi, int count) {
        if (count < 1) {
            throw new IllegalArgumentException("a grid needs at least one value, not " + count);
        }
        if (!(Double.isFinite(lo) && Double.isFinite(hi) && lo <= hi)) {
            throw new IllegalArgumentException("grid range must be finite with lo <= hi: [" + lo + ", " + hi + "]");
        }
        double[] x = new double[count];
        if (count == 1) {
            x[0] = lo;
            return x;
        }
        double step = (hi - lo) / (count - 1);
        for (int i = 0; i < count; i++) {
            x[i] = i * step + lo;
        }
        x[count - 1] = hi;
        return x;
    }
}
