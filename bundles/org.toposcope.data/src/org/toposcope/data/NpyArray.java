package org.toposcope.data;

import java.util.Arrays;

/**
 * An N-dimensional array read from a .npy file: its shape and its values in C (row-major) order,
 * whatever the file's order, converted to double. Immutable: arrays are copied in and out.
 */
public record NpyArray(int[] shape, double[] values) {

    public NpyArray {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            // past int range the count only needs to stay "too large", unless a 0 empties it
            count = count > Integer.MAX_VALUE ? (d == 0 ? 0 : count) : count * d;
        }
        if (count != values.length) {
            throw new IllegalArgumentException(values.length + " values do not fill shape " + Arrays.toString(shape));
        }
        shape = shape.clone();
        values = values.clone();
    }

    /** The number of dimensions (0 for a scalar). */
    public int rank() {
        return shape.length;
    }

    /** The length of dimension {@code axis}. */
    public int dimension(int axis) {
        return shape[axis];
    }

    /** The value at C-order position {@code index}. */
    public double value(int index) {
        return values[index];
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NpyArray a && Arrays.equals(a.shape, shape) && Arrays.equals(a.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(shape) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "NpyArray" + NpyHeader.format(Arrays.stream(shape).asLongStream().toArray());
    }
}
