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
    /** Bitset mode: the common neighbours still to visit, and the word being visited. */
    private final long[] common;
    private int word;
    private long bits;

    int cofacetRank;
    long cofacetIndex;

    CofacetEnumerator(RipsFiltration f) {
        this.f = f;
        this.common = f.adjacency == null ? null : new long[f.words];
    }

    /**
     * Starts on the simplex; with {@code topOnly}, only cofacets whose new vertex is larger than all of
     * the simplex's are listed, so that every simplex of the next dimension is met exactly once.
     */
    void set(int rank, long index, int dim, boolean topOnly) {
        f.vertices(index, dim, vertices);
        int[] limits = f.vertexRankLimit;
        limit = Integer.MAX_VALUE;
        if (limits != null && dim >= 1) { // edges (cofacets of vertices) are never blocked
            for (int t = 0; t <= dim; t++) {
                limit = Math.min(limit, limits[vertices[t]]);
            }
        }
        this.rank = rank;
        this.dim = dim;
        this.idxBelow = index;
        this.idxAbove = 0;
        this.k = 0;
        this.topOnly = topOnly;
        if (common != null) {
            long[] adj = f.adjacency;
            int words = f.words;
            int top = topOnly ? vertices[0] : -1;
            int lowWord = top < 0 ? 0 : (top + 1) >>> 6;
            for (int wd = words - 1; wd >= lowWord; wd--) {
                long and = adj[vertices[0] * words + wd];
                for (int t = 1; t <= dim && and != 0; t++) {
                    and &= adj[vertices[t] * words + wd];
                }
                common[wd] = and;
            }
            if (top >= 0 && ((top + 1) & 63) != 0 && lowWord < words) {
                common[lowWord] &= -1L << ((top + 1) & 63); // only vertices above the simplex's largest
            }
            word = words - 1;
            bits = word >= lowWord ? common[word] : 0; // no word at all when the simplex holds the last vertex
            this.lowWord = lowWord;
            return;
        }
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

    private int lowWord;
    /** Under a blocker, the largest rank a cofacet may have from the simplex's own vertices. */
    private int limit;

    /** Whether sparse Rips's blocker leaves out the cofacet adding w at rank r. */
    private boolean blocked(int w, int r) {
        return r > limit || (limit != Integer.MAX_VALUE && r > f.vertexRankLimit[w]);
    }

    /** Moves to the next cofacet (into cofacetRank/cofacetIndex); false when there is none. */
    boolean next() {
        if (common != null) {
            return nextFromBits();
        }
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
            if (blocked(w, r)) {
                continue;
            }
            emit(w, r);
            return true;
        }
        return false;
    }

    private boolean nextFromBits() {
        while (true) {
            while (bits == 0) {
                if (--word < lowWord) {
                    return false;
                }
                bits = common[word];
            }
            int bit = 63 - Long.numberOfLeadingZeros(bits);
            bits &= ~(1L << bit);
            int w = (word << 6) + bit;
            int r = rank;
            for (int t = 0; t <= dim; t++) {
                int e = f.edgeRank(w, vertices[t]);
                if (e > r) {
                    r = e;
                }
            }
            if (!blocked(w, r)) {
                emit(w, r);
                return true;
            }
        }
    }

    /** Sets the cofacet that adds vertex w, of rank r, moving past the simplex's vertices above w. */
    private void emit(int w, int r) {
        long[][] b = f.binomial;
        while (k <= dim && vertices[k] > w) {
            idxBelow -= b[dim + 1 - k][vertices[k]];
            idxAbove += b[dim + 2 - k][vertices[k]];
            k++;
        }
        cofacetRank = r;
        cofacetIndex = idxAbove + b[dim + 2 - k][w] + idxBelow;
    }
}
