package org.toposcope.core.model;

import java.util.Arrays;

/** A dense, immutable rows x columns matrix of doubles, row-major; used for lens values. */
public record Matrix(int rows, int columns, double[] values) {

    public Matrix {
        if (rows < 0 || columns < 0 || (long) rows * columns != values.length) {
            throw new IllegalArgumentException(values.length + " values do not form " + rows + " x " + columns);
        }
        values = values.clone();
    }

    public double get(int row, int column) {
        return values[row * columns + column];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Matrix m && m.rows == rows && m.columns == columns && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return rows * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "Matrix[" + rows + " x " + columns + "]";
    }
}
