package org.toposcope.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * Distances given only for some pairs of {@code size} points (ripser's "sparse" format: one
 * {@code i j d} line per edge); a missing pair is an edge that never enters the filtration.
 */
public record SparseDistances(String name, int size, int[] first, int[] second, double[] distances) {

    public SparseDistances {
        Objects.requireNonNull(name, "name");
        if (first.length != second.length || first.length != distances.length) {
            throw new IllegalArgumentException(name + ": edge arrays differ in length");
        }
        for (int e = 0; e < first.length; e++) {
            if (first[e] < 0 || first[e] >= size || second[e] < 0 || second[e] >= size) {
                throw new IllegalArgumentException(name + ": edge " + e + " names a point outside 0.." + (size - 1));
            }
        }
        first = first.clone();
        second = second.clone();
        distances = distances.clone();
    }

    public int edgeCount() {
        return first.length;
    }

    public int first(int edge) {
        return first[edge];
    }

    public int second(int edge) {
        return second[edge];
    }

    public double distance(int edge) {
        return distances[edge];
    }

    @Override
    public int[] first() {
        return first.clone();
    }

    @Override
    public int[] second() {
        return second.clone();
    }

    @Override
    public double[] distances() {
        return distances.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SparseDistances s && s.name.equals(name) && s.size == size && Arrays.equals(s.first, first)
                && Arrays.equals(s.second, second) && Arrays.equals(s.distances, distances);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(distances);
    }

    @Override
    public String toString() {
        return "SparseDistances[" + name + ", " + size + " points, " + first.length + " edges]";
    }
}
