package org.toposcope.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A symmetric distance matrix of {@code size} points, stored as its strict lower triangle row by row
 * (entry (i, j), i > j, at {@code i*(i-1)/2 + j}) — ripser's "lower-distance" layout.
 */
public record LowerDistanceMatrix(String name, int size, double[] values) {

    public LowerDistanceMatrix {
        Objects.requireNonNull(name, "name");
        if (size < 0 || (long) size * (size - 1) / 2 != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values are not the lower triangle of "
                    + size + " points");
        }
        values = values.clone();
    }

    /** The distance between points i and j; 0 on the diagonal. */
    public double get(int i, int j) {
        if (i == j) {
            return 0;
        }
        // long arithmetic: i*(i-1) overflows an int above 46340 points
        return i > j ? values[(int) ((long) i * (i - 1) / 2 + j)] : values[(int) ((long) j * (j - 1) / 2 + i)];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LowerDistanceMatrix m && m.name.equals(name) && m.size == size && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "LowerDistanceMatrix[" + name + ", " + size + " points]";
    }
}
