package org.toposcope.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable cloud of {@code size} points in R^{@code dimension}, stored row-major in one array (the
 * layout numeric kernels want), with the provenance of every row.
 */
public record PointCloud(String name, int size, int dimension, double[] coordinates, Provenance provenance) {

    public PointCloud {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provenance, "provenance");
        if (size < 0 || dimension < 0 || (long) size * dimension != coordinates.length) {
            throw new IllegalArgumentException(
                    name + ": " + coordinates.length + " values do not form " + size + " x " + dimension);
        }
        if (provenance.size() != size) {
            throw new IllegalArgumentException(name + ": provenance has " + provenance.size() + " rows, cloud " + size);
        }
        coordinates = coordinates.clone();
    }

    /** A cloud without image provenance, from rows of equal length. */
    public static PointCloud of(String name, double[][] rows) {
        int d = rows.length == 0 ? 0 : rows[0].length;
        double[] flat = new double[rows.length * d];
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw new IllegalArgumentException(name + ": row " + i + " has " + rows[i].length + " values, not " + d);
            }
            System.arraycopy(rows[i], 0, flat, i * d, d);
        }
        return new PointCloud(name, rows.length, d, flat, Provenance.anonymous(rows.length));
    }

    public double get(int row, int column) {
        return coordinates[row * dimension + column];
    }

    /** A copy of one row. */
    public double[] row(int row) {
        return Arrays.copyOfRange(coordinates, row * dimension, (row + 1) * dimension);
    }

    /** A copy of all coordinates, row-major. */
    @Override
    public double[] coordinates() {
        return coordinates.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PointCloud p && p.name.equals(name) && p.size == size && p.dimension == dimension
                && Arrays.equals(p.coordinates, coordinates) && p.provenance.equals(provenance);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, size, dimension) * 31 + Arrays.hashCode(coordinates);
    }

    @Override
    public String toString() {
        return "PointCloud[" + name + ", " + size + " x " + dimension + "]";
    }
}
