package org.toposcope.activations.strategies;

import java.util.Arrays;

import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;

/** A growing row-major cloud with the provenance of each row; grows by doubling, so appends are amortised O(1). */
final class Rows {

    private final int dimension;
    private double[] coordinates;
    private int[] images;
    private int[] labels;
    private int[] rowsInMap;
    private int[] columnsInMap;
    private int size;

    Rows(int dimension, int expectedRows) {
        this.dimension = dimension;
        int capacity = Math.max(16, expectedRows);
        coordinates = new double[Math.multiplyExact(capacity, Math.max(1, dimension))];
        images = new int[capacity];
        labels = new int[capacity];
        rowsInMap = new int[capacity];
        columnsInMap = new int[capacity];
    }

    int dimension() {
        return dimension;
    }

    int size() {
        return size;
    }

    /** Starts a row and returns the offset of its first coordinate in {@link #coordinates}; the caller fills it. */
    int append(int image, int label, int rowInMap, int columnInMap) {
        if (size == images.length) {
            int capacity = Math.addExact(size, Math.max(16, size / 2));
            coordinates = Arrays.copyOf(coordinates, Math.multiplyExact(capacity, Math.max(1, dimension)));
            images = Arrays.copyOf(images, capacity);
            labels = Arrays.copyOf(labels, capacity);
            rowsInMap = Arrays.copyOf(rowsInMap, capacity);
            columnsInMap = Arrays.copyOf(columnsInMap, capacity);
        }
        images[size] = image;
        labels[size] = label;
        rowsInMap[size] = rowInMap;
        columnsInMap[size] = columnInMap;
        return size++ * dimension;
    }

    /** The backing array: valid while no row is appended. */
    double[] coordinates() {
        return coordinates;
    }

    /** Appends channel values {@code values[offset + c * stride]}, c = 0 .. dimension-1. */
    void appendStrided(float[] values, int offset, int stride, int image, int label, int rowInMap, int columnInMap) {
        int at = append(image, label, rowInMap, columnInMap);
        for (int c = 0; c < dimension; c++) {
            coordinates[at + c] = values[offset + c * stride];
        }
    }

    PointCloud toCloud(String name, Normalisation normalisation) {
        double[] c = Arrays.copyOf(coordinates, size * dimension);
        normalisation.apply(c, size, dimension);
        return new PointCloud(name, size, dimension, c, new Provenance(Arrays.copyOf(images, size),
                Arrays.copyOf(labels, size), Arrays.copyOf(rowsInMap, size), Arrays.copyOf(columnsInMap, size)));
    }
}
