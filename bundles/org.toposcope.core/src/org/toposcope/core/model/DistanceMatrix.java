package org.toposcope.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A labelled matrix of distances or similarities between layers (or diagrams), rows x columns,
 * row-major. Square and symmetric for one set of layers; rectangular for a cross-model block.
 */
public record DistanceMatrix(String name, List<String> rowLabels, List<String> columnLabels, double[] values) {

    public DistanceMatrix {
        Objects.requireNonNull(name, "name");
        rowLabels = List.copyOf(rowLabels);
        columnLabels = List.copyOf(columnLabels);
        if ((long) rowLabels.size() * columnLabels.size() != values.length) {
            throw new IllegalArgumentException(name + ": " + values.length + " values for " + rowLabels.size() + " x "
                    + columnLabels.size() + " labels");
        }
        values = values.clone();
    }

    public int rows() {
        return rowLabels.size();
    }

    public int columns() {
        return columnLabels.size();
    }

    public double get(int row, int column) {
        return values[row * columnLabels.size() + column];
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DistanceMatrix m && m.name.equals(name) && m.rowLabels.equals(rowLabels)
                && m.columnLabels.equals(columnLabels) && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, rowLabels, columnLabels) * 31 + Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "DistanceMatrix[" + name + ", " + rows() + " x " + columns() + "]";
    }
}
