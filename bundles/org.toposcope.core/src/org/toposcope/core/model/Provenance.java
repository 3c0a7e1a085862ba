package org.toposcope.core.model;

import java.util.Arrays;

/**
 * Where each row of a point cloud came from: the image's index in the data set, its class label, and
 * the spatial position in the feature map (-1 when the row stands for a whole image). Kept as
 * parallel arrays so a cloud of a million rows stays a handful of allocations.
 */
public record Provenance(int[] imageIds, int[] labels, int[] rowsInMap, int[] columnsInMap) {

    public static final int NO_POSITION = -1;

    public Provenance {
        int n = imageIds.length;
        if (labels.length != n || rowsInMap.length != n || columnsInMap.length != n) {
            throw new IllegalArgumentException("provenance arrays differ in length");
        }
        imageIds = imageIds.clone();
        labels = labels.clone();
        rowsInMap = rowsInMap.clone();
        columnsInMap = columnsInMap.clone();
    }

    /** Provenance for rows that are not images: row i is "image" i with label -1 and no position. */
    public static Provenance anonymous(int size) {
        int[] ids = new int[size];
        Arrays.setAll(ids, i -> i);
        int[] none = new int[size];
        Arrays.fill(none, NO_POSITION);
        return new Provenance(ids, none, none, none);
    }

    public int size() {
        return imageIds.length;
    }

    public int imageId(int row) {
        return imageIds[row];
    }

    public int label(int row) {
        return labels[row];
    }

    public int rowInMap(int row) {
        return rowsInMap[row];
    }

    public int columnInMap(int row) {
        return columnsInMap[row];
    }

    @Override
    public int[] imageIds() {
        return imageIds.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public int[] rowsInMap() {
        return rowsInMap.clone();
    }

    @Override
    public int[] columnsInMap() {
        return columnsInMap.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Provenance p && Arrays.equals(imageIds, p.imageIds) && Arrays.equals(labels, p.labels)
                && Arrays.equals(rowsInMap, p.rowsInMap) && Arrays.equals(columnsInMap, p.columnsInMap);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(imageIds) * 31 + Arrays.hashCode(labels);
    }

    @Override
    public String toString() {
        return "Provenance[" + size() + " rows]";
    }
}
