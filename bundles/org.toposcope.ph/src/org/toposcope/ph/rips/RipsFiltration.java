package org.toposcope.ph.rips;

import java.util.Arrays;
import java.util.stream.IntStream;

import org.toposcope.core.ToposcopeException;

/**
 * The Vietoris–Rips filtration of a finite metric space, as the data layout of the reduction:
 * every edge within the threshold gets the rank of its length among the distinct edge lengths, so a
 * simplex's diameter is an int (the largest rank of its edges) and comparisons are exact. Simplices are
 * numbered by the combinatorial number system: vertices v_d > ... > v_0 give sum C(v_i, i+1).
 */
public final class RipsFiltration {

    /** Rank of an edge longer than the threshold, or missing from a sparse input. */
    static final int ABSENT = Integer.MAX_VALUE;

    final int n;
    final int maxDimension;
    /** binomial[k][v] = C(v, k) for k <= maxDimension + 2. */
    final long[][] binomial;
    /** Edge ranks, strict lower triangle: (i, j), i > j, at i*(i-1)/2 + j. */
    final int[] edgeRanks;
    /** rankValues[r] = the length of the edges of rank r, ascending. */
    final double[] rankValues;
    /**
     * Neighbours of vertex v within the threshold, descending, at neighbourStart[v] until
     * neighbourStart[v+1], with the rank of each edge beside: cofacets are enumerated by intersecting
     * these lists, so their cost follows the degree, not the number of points.
     */
    final int[] neighbourStart;
    final int[] neighbours;
    final int[] neighbourRanks;
    /**
     * When neighbourhoods are dense, the same graph as bitsets, {@code words} longs per vertex: common
     * neighbours are then a few word-wise ANDs instead of merging long lists. Null when sparse.
     */
    final long[] adjacency;
    final int words;
    /**
     * Sparse Rips's blocker, or null: vertex v may be in a simplex of dimension 2 or more only up to rank
     * {@code vertexRankLimit[v]} (after that it has died), so cofacets beyond it are skipped.
     */
    final int[] vertexRankLimit;

    private RipsFiltration(int n, int maxDimension, int[] edgeRanks, double[] rankValues, int[] vertexRankLimit) {
        this.n = n;
        this.vertexRankLimit = vertexRankLimit;
        this.maxDimension = maxDimension;
        this.edgeRanks = edgeRanks;
        this.rankValues = rankValues;
        this.binomial = binomials(n, maxDimension + 2);
        this.neighbourStart = new int[n + 1];
        for (int i = 1; i < n; i++) {
            int base = i * (i - 1) / 2;
            for (int j = 0; j < i; j++) {
                if (edgeRanks[base + j] != ABSENT) {
                    neighbourStart[i + 1]++;
                    neighbourStart[j + 1]++;
                }
            }
        }
        for (int v = 0; v < n; v++) {
            neighbourStart[v + 1] += neighbourStart[v];
        }
        this.neighbours = new int[neighbourStart[n]];
        this.neighbourRanks = new int[neighbourStart[n]];
        this.words = (n + 63) >>> 6;
        long degreeSum = neighbourStart[n];
        // bitsets pay when a vertex has more neighbours than its bitset has words (times a margin)
        this.adjacency = n > 0 && (long) words * n * 2 <= degreeSum ? new long[words * n] : null;
        IntStream vertices = IntStream.range(0, n);
        (n > 256 ? vertices.parallel() : vertices).forEach(v -> {
            int at = neighbourStart[v];
            for (int w = n - 1; w >= 0; w--) {
                int r = w == v ? ABSENT : edgeRank(v, w);
                if (r != ABSENT) {
                    neighbours[at] = w;
                    neighbourRanks[at++] = r;
                    if (adjacency != null) {
                        adjacency[v * words + (w >>> 6)] |= 1L << (w & 63);
                    }
                }
            }
        });
    }

    /**
     * Builds the filtration from distances in the strict lower triangle. Edges longer than
     * {@code threshold}, and infinite ones, never enter.
     */
    public static RipsFiltration fromLowerTriangle(int n, double[] lower, int maxDimension, double threshold) {
        return fromLowerTriangle(n, lower, maxDimension, threshold, null, 0);
    }

    /**
     * As {@link #fromLowerTriangle(int, double[], int, double)}, with a blocker (sparse Rips): a simplex of
     * dimension 2 or more whose value f has {@code deathRadius[v] < factor * f} for one of its vertices v is
     * left out. The left-out simplices are closed under cofaces, so the rest is a complex.
     */
    public static RipsFiltration fromLowerTriangle(int n, double[] lower, int maxDimension, double threshold,
            double[] deathRadius, double factor) {
        checkSize(n, maxDimension);
        int edges = lower.length;
        double[] within = Arrays.stream(lower).parallel().filter(d -> d <= threshold && d < Double.POSITIVE_INFINITY)
                .toArray();
        Arrays.parallelSort(within);
        double[] distinct = distinct(within);
        int[] ranks = new int[edges];
        IntStream range = IntStream.range(0, n);
        (edges > 1 << 16 ? range.parallel() : range).forEach(i -> {
            int base = i * (i - 1) / 2;
            for (int j = 0; j < i; j++) {
                double d = lower[base + j];
                ranks[base + j] = d <= threshold && d < Double.POSITIVE_INFINITY ? Arrays.binarySearch(distinct, d) : ABSENT;
            }
        });
        int[] limits = null;
        if (deathRadius != null) {
            limits = new int[n];
            for (int v = 0; v < n; v++) {
                limits[v] = lastRankWithin(distinct, factor, deathRadius[v]);
            }
        }
        return new RipsFiltration(n, maxDimension, ranks, distinct, limits);
    }

    /** The largest rank r with factor * value(r) <= radius (-1 when none), by binary search. */
    private static int lastRankWithin(double[] values, double factor, double radius) {
        int lo = -1;
        int hi = values.length;
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (values[mid] * factor <= radius) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** The number of distinct edge lengths within the threshold. */
    public int rankCount() {
        return rankValues.length;
    }

    public int size() {
        return n;
    }

    double value(int rank) {
        return rankValues[rank];
    }

    int edgeRank(int i, int j) {
        return i > j ? edgeRanks[i * (i - 1) / 2 + j] : edgeRanks[j * (j - 1) / 2 + i];
    }

    /** Writes the vertices of simplex {@code index} of dimension {@code dim}, descending, into {@code out}. */
    void vertices(long index, int dim, int[] out) {
        int top = n - 1;
        for (int k = dim + 1; k >= 3; k--) {
            top = maxVertex(index, k, top);
            out[dim + 1 - k] = top;
            index -= binomial[k][top];
        }
        if (dim >= 1) { // the last two vertices in closed form: C(v, 2) = v(v-1)/2, C(v, 1) = v
            int v = (int) ((1 + Math.sqrt(1 + 8.0 * index)) / 2);
            while (v > 1 && binomial[2][v] > index) {
                v--;
            }
            while (v + 1 <= top && binomial[2][v + 1] <= index) {
                v++;
            }
            out[dim - 1] = v;
            index -= binomial[2][v];
        }
        out[dim] = (int) index;
    }

    /** The largest v <= top with C(v, k) <= index (binary search; C(., k) is increasing for v >= k - 1). */
    private int maxVertex(long index, int k, int top) {
        long[] row = binomial[k];
        int lo = k - 1;
        int hi = top;
        if (row[hi] <= index) {
            return hi;
        }
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (row[mid] <= index) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private static double[] distinct(double[] sorted) {
        int m = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (m == 0 || sorted[i] != sorted[m - 1]) {
                sorted[m++] = sorted[i];
            }
        }
        return Arrays.copyOf(sorted, m);
    }

    private static void checkSize(int n, int maxDimension) {
        if (maxDimension < 0 || maxDimension > 3) {
            throw new ToposcopeException("homology dimension " + maxDimension + " is not supported (0 to 3)");
        }
        if (n > 46_340) { // n*(n-1)/2 must index an int array
            throw new ToposcopeException(n + " points are too many for a dense Vietoris–Rips complex (at most 46340); subsample first");
        }
        // the largest index is C(n, maxDimension + 2), which must fit in a long
        double bits = 0;
        for (int i = 0; i < maxDimension + 2; i++) {
            bits += Math.log((double) n - i) / Math.log(2) - Math.log(i + 1.0) / Math.log(2);
        }
        if (bits > 62) {
            throw new ToposcopeException(n + " points up to dimension " + maxDimension + " exceed the 64-bit simplex numbering; subsample first");
        }
    }

    private static long[][] binomials(int n, int maxK) {
        long[][] b = new long[maxK + 1][n + 1];
        for (int v = 0; v <= n; v++) {
            b[0][v] = 1;
            for (int k = 1; k <= Math.min(v, maxK); k++) {
                b[k][v] = b[k - 1][v - 1] + b[k][v - 1]; // C(v-1, k) is 0 for k > v-1
            }
        }
        return b;
    }
}
