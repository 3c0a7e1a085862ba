package org.toposcope.ph.rips;

/**
 * Enumerates the cofacets of one simplex within the threshold, in decreasing index order, by
 * intersecting the descending neighbour lists of its vertices (driven by the shortest list). Cofacet
 * indices are updated incrementally in the combinatorial number system. One instance per thread.
 */
final class CofacetEnumerator {

    private final RipsFiltration f;
    final int[] vertices = new int[6];
    private final int[] cursor = new int[6];
    private int dim;
    private int rank;
    private long idxBelow;
    private long idxAbove;
    private int k;
    private int driver;
    private int driverPos;
    private int driverEnd;
    private boolean topOnly;

    int cofacetRank;
    long cofacetIndex;

    CofacetEnumerator(RipsFiltration f) {
        this.f = f;
    }

    /**
     * Starts on the simplex; with {@code topOnly}, only cofacets whose new vertex is larger than all of
     * the simplex's are listed, so that every simplex of the next dimension is met exactly once.
     */
    void set(int rank, long index, int dim, boolean topOnly) {
        f.vertices(index, dim, vertices);
        this.rank = rank;
        this.dim = dim;
        this.idxBelow = index;
        this.idxAbove = 0;
        this.k = 0;
        this.topOnly = topOnly;
        int[] start = f.neighbourStart;
        driver = 0;
        int best = Integer.MAX_VALUE;
        for (int t = 0; t <= dim; t++) {
            int v = vertices[t];
            cursor[t] = start[v];
            int degree = start[v + 1] - start[v];
            if (degree < best) {
                best = degree;
                driver = t;
            }
        }
        driverPos = cursor[driver];
        driverEnd = start[vertices[driver] + 1];
    }

    /** Moves to the next cofacet (into cofacetRank/cofacetIndex); false when there is none. */
    boolean next() {
        int[] nbr = f.neighbours;
        int[] nbrRank = f.neighbourRanks;
        int[] start = f.neighbourStart;
        candidates:
        while (driverPos < driverEnd) {
            int w = nbr[driverPos];
            int r = Math.max(rank, nbrRank[driverPos]);
            driverPos++;
            if (topOnly && w < vertices[0]) {
                driverPos = driverEnd;
                return false;
            }
            for (int t = 0; t <= dim; t++) {
                if (t == driver) {
                    continue;
                }
                int end = start[vertices[t] + 1];
                int c = cursor[t];
                while (c < end && nbr[c] > w) {
                    c++;
                }
                cursor[t] = c;
                if (c == end) {
                    driverPos = driverEnd; // no later candidate can be a neighbour of this vertex
                    return false;
                }
                if (nbr[c] != w) {
                    continue candidates;
                }
                if (nbrRank[c] > r) {
                    r = nbrRank[c];
                }
            }
            long[][] b = f.binomial;
            while (k <= dim && vertices[k] > w) {
                idxBelow -= b[dim + 1 - k][vertices[k]];
                idxAbove += b[dim + 2 - k][vertices[k]];
                k++;
            }
            cofacetRank = r;
            cofacetIndex = idxAbove + b[dim + 2 - k][w] + idxBelow;
            return true;
        }
        return false;
    }
}
