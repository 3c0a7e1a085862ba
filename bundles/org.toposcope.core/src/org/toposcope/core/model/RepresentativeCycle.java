package org.toposcope.core.model;

import java.util.Arrays;

/**
 * A mod-2 cycle representing one finite pair of a persistence diagram: a set of edges in which every
 * vertex has even degree, whose longest edge has length {@code birth}, and whose homology class becomes
 * a boundary at {@code death} (not before).
 *
 * <p>Vertices are 0-based rows of the input the backend was given: row i of the {@link PointCloud} (or
 * of the distance matrix), also when the backend subsampled first. For a cloud of activations, row i
 * leads to what it came from through the cloud's {@link Provenance}: {@code provenance().imageId(i)} is
 * the image's index in the data set, {@code label(i)} its class, and {@code rowInMap(i)},
 * {@code columnInMap(i)} the spatial position in the feature map ({@link Provenance#NO_POSITION} for a
 * whole-image vector).
 *
 * @param dimension the homology dimension (1 for loops)
 * @param edges     the cycle's edges as {i, j} pairs of rows, i &gt; j, in no particular order
 */
public record RepresentativeCycle(int dimension, double birth, double death, int[][] edges) {

    public RepresentativeCycle {
        edges = copy(edges);
        for (int[] e : edges) {
            if (e.length != 2) {
                throw new IllegalArgumentException("an edge has " + e.length + " vertices");
            }
        }
    }

    /** The number of edges. */
    public int size() {
        return edges.length;
    }

    /** The distinct rows the cycle passes through, ascending. */
    public int[] vertices() {
        return Arrays.stream(edges).flatMapToInt(Arrays::stream).distinct().sorted().toArray();
    }

    @Override
    public int[][] edges() {
        return copy(edges);
    }

    private static int[][] copy(int[][] edges) {
        int[][] c = new int[edges.length][];
        for (int k = 0; k < edges.length; k++) {
            c[k] = edges[k].clone();
        }
        return c;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RepresentativeCycle c && c.dimension == dimension && Double.compare(c.birth, birth) == 0
                && Double.compare(c.death, death) == 0 && Arrays.deepEquals(c.edges, edges);
    }

    @Override
    public int hashCode() {
        return dimension + 31 * (Double.hashCode(birth) + 31 * (Double.hashCode(death) + 31 * Arrays.deepHashCode(edges)));
    }

    @Override
    public String toString() {
        return "H" + dimension + " cycle [" + birth + ", " + death + ") of " + edges.length + " edges";
    }
}
