package org.toposcope.report;

import java.util.Arrays;
import java.util.Objects;

import org.toposcope.core.ToposcopeException;

/**
 * One named line of a chart. {@code x} may be null: then the points are at 0, 1, 2, ... (category charts use
 * {@code y} only). NaN values leave a gap.
 */
public record Series(String name, double[] x, double[] y) {

    public Series {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(y, "y");
        if (x != null && x.length != y.length) {
            throw new ToposcopeException("series '" + name + "': " + x.length + " x values for " + y.length + " y values");
        }
        x = x == null ? null : x.clone();
        y = y.clone();
    }

    /** A series over categories or indexes. */
    public static Series of(String name, double... y) {
        return new Series(name, null, y);
    }

    public int size() {
        return y.length;
    }

    /** The x of point {@code i}: its value, or {@code i} when the series has none. */
    public double xAt(int i) {
        return x == null ? i : x[i];
    }

    public double yAt(int i) {
        return y[i];
    }

    @Override
    public double[] x() {
        return x == null ? null : x.clone();
    }

    @Override
    public double[] y() {
        return y.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Series s && s.name.equals(name) && Arrays.equals(s.x, x) && Arrays.equals(s.y, y);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(y);
    }

    @Override
    public String toString() {
        return "Series[" + name + ", " + y.length + " points]";
    }
}
