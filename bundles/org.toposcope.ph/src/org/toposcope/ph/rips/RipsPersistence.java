package org.toposcope.ph.rips;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;

import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;

/**
 * Persistent homology of a {@link RipsFiltration} with Z/2 coefficients, by the algorithm of Ripser
 * (Bauer 2021): cohomology columns reduced in reverse filtration order, clearing between dimensions,
 * coboundaries generated implicitly from simplex indices, and apparent and emergent pairs recognised
 * without building their columns. Pairs of zero persistence are not reported, as in ripser.
 */
public final class RipsPersistence {

    private final RipsFiltration f;
    private final Progress progress;
    private final PairCollector[] collected;

    private RipsPersistence(RipsFiltration f, Progress progress) {
        this.f = f;
        this.progress = progress;
        this.collected = new PairCollector[f.maxDimension + 1];
        for (int d = 0; d <= f.maxDimension; d++) {
            collected[d] = new PairCollector();
        }
    }

    /** Computes the diagram in dimensions 0 to the filtration's maximal dimension. */
    public static PersistenceDiagram compute(RipsFiltration filtration, String name, Progress progress) {
        return new RipsPersistence(filtration, progress).run(name);
    }

    private PersistenceDiagram run(String name) {
        SimplexList simplices = new SimplexList(16);
        SimplexList columns = dimensionZero(simplices);
        for (int dim = 1; dim <= f.maxDimension; dim++) {
            LongIntMap pivots = new LongIntMap(columns.size);
            reduce(columns, pivots, dim);
            if (dim < f.maxDimension) {
                columns = assembleColumns(simplices, pivots, dim + 1);
            }
        }
        List<PersistenceDiagram.Dimension> dims = new ArrayList<>();
        for (int d = 0; d <= f.maxDimension; d++) {
            dims.add(collected[d].toDimension(d));
        }
        return new PersistenceDiagram(name, dims);
    }

    /** H0 by union-find over edges in filtration order; returns the dimension-1 columns to reduce. */
    private SimplexList dimensionZero(SimplexList edgesOut) {
        int n = f.n;
        int[] ranks = f.edgeRanks;
        long[] keys = IntStream.range(0, ranks.length).filter(e -> ranks[e] != RipsFiltration.ABSENT)
                .mapToLong(e -> ((long) ranks[e] << 32) | (0xFFFFFFFFL - e)).toArray();
        Arrays.parallelSort(keys); // rank ascending, then edge index descending: ripser's order
        progress.begin("H0: " + keys.length + " edges", keys.length);
        int[] parent = new int[n];
        int[] height = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        SimplexList columns = new SimplexList(16);
        Scratch s = new Scratch(f);
        boolean needEdges = f.maxDimension >= 2;
        for (int k = 0; k < keys.length; k++) {
            int rank = (int) (keys[k] >>> 32);
            long index = 0xFFFFFFFFL - (keys[k] & 0xFFFFFFFFL);
            f.vertices(index, 1, s.vertices);
            int u = find(parent, s.vertices[0]);
            int v = find(parent, s.vertices[1]);
            if (u != v) {
                collected[0].add(0, f.value(rank));
                if (height[u] < height[v]) {
                    parent[u] = v;
                } else {
                    parent[v] = u;
                    if (height[u] == height[v]) {
                        height[u]++;
                    }
                }
            } else if (f.maxDimension > 0 && !s.zeroApparentCofacet(rank, index, 1)) {
                columns.add(rank, index);
            }
            if (needEdges) {
                edgesOut.add(rank, index);
            }
            if ((k & 0xFFFF) == 0) {
                progress.checkCancelled();
                progress.worked(Math.min(0x10000, keys.length - k));
            }
        }
        for (int i = 0; i < n; i++) {
            if (parent[i] == i) {
                collected[0].addEssential(0);
            }
        }
        reverse(columns);
        return columns;
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }

    private static void reverse(SimplexList l) {
        for (int i = 0, j = l.size - 1; i < j; i++, j--) {
            int r = l.ranks[i];
            l.ranks[i] = l.ranks[j];
            l.ranks[j] = r;
            long x = l.indices[i];
            l.indices[i] = l.indices[j];
            l.indices[j] = x;
        }
    }

    /** Reduces the coboundary columns of dimension {@code dim}, recording pairs and pivots. */
    private void reduce(SimplexList columns, LongIntMap pivots, int dim) {
        Scratch s = new Scratch(f);
        EntryHeap coboundary = new EntryHeap(f.rankCount(), f.binomial[dim + 2][f.n]);
        EntryHeap reduction = new EntryHeap(f.rankCount(), f.binomial[dim + 1][f.n]);
        ReductionMatrix v = new ReductionMatrix(columns.size);
        progress.begin("H" + dim + ": reducing " + columns.size + " columns", columns.size);
        for (int c = 0; c < columns.size; c++) {
            if ((c & 0x3FF) == 0) {
                progress.checkCancelled();
                progress.worked(Math.min(0x400, columns.size - c));
            }
            int rank = columns.ranks[c];
            long index = columns.indices[c];
            coboundary.clear();
            reduction.clear();
            boolean hasPivot = s.initCoboundaryAndGetPivot(rank, index, dim, coboundary, pivots);
            while (true) {
                if (!hasPivot) {
                    collected[dim].addEssential(f.value(rank));
                    v.endColumn();
                    break;
                }
                int pivotRank = s.pivotRank;
                long pivotIndex = s.pivotIndex;
                int other = pivots.get(pivotIndex);
                if (other >= 0) {
                    s.addSimplexCoboundary(columns.ranks[other], columns.indices[other], dim, reduction, coboundary);
                    for (int e = v.start(other); e < v.end(other); e++) {
                        s.addSimplexCoboundary(s.rankOf(v.indices[e], dim), v.indices[e], dim, reduction, coboundary);
                    }
                } else if (s.zeroApparentFacet(pivotRank, pivotIndex, dim + 1)) {
                    s.addSimplexCoboundary(s.facetRank, s.facetIndex, dim, reduction, coboundary);
                } else {
                    collected[dim].add(f.value(rank), f.value(pivotRank));
                    pivots.put(pivotIndex, c);
                    while (reduction.settlePivot()) {
                        v.add(reduction.topIndex());
                        reduction.popPivot();
                    }
                    v.endColumn();
                    break;
                }
                hasPivot = s.settle(coboundary);
            }
        }
    }

    /** The columns of dimension {@code dim}: cofacets of the previous simplices, minus cleared and apparent ones. */
    private SimplexList assembleColumns(SimplexList simplices, LongIntMap pivots, int dim) {
        progress.begin("H" + dim + ": assembling columns", simplices.size);
        boolean keepSimplices = dim < f.maxDimension;
        int chunks = Math.max(1, Math.min(256, simplices.size / 4096));
        SimplexList[] columnParts = new SimplexList[chunks];
        SimplexList[] simplexParts = new SimplexList[chunks];
        IntStream parts = IntStream.range(0, chunks);
        (chunks > 1 ? parts.parallel() : parts).forEach(part -> {
            Scratch s = new Scratch(f);
            SimplexList cols = new SimplexList(1024);
            SimplexList next = keepSimplices ? new SimplexList(1024) : null;
            int from = (int) ((long) simplices.size * part / chunks);
            int to = (int) ((long) simplices.size * (part + 1) / chunks);
            for (int i = from; i < to; i++) {
                if ((i & 0xFFF) == 0) {
                    progress.checkCancelled();
                }
                s.collectTopCofacets(simplices.ranks[i], simplices.indices[i], dim - 1, pivots, cols, next);
            }
            columnParts[part] = cols;
            simplexParts[part] = next;
        });
        SimplexList columns = concat(columnParts);
        if (keepSimplices) {
            SimplexList next = concat(simplexParts);
            simplices.ranks = next.ranks;
            simplices.indices = next.indices;
            simplices.size = next.size;
        }
        columns.sortForReduction(f.rankCount());
        return columns;
    }

    private static SimplexList concat(SimplexList[] parts) {
        int total = 0;
        for (SimplexList p : parts) {
            total += p.size;
        }
        SimplexList all = new SimplexList(total);
        for (SimplexList p : parts) {
            all.addAll(p);
        }
        return all;
    }

    /**
     * The reduction matrix V of one dimension, column by column, without the diagonal. Only indices are
     * kept (ranks follow from the vertices): V is the reduction's largest store.
     */
    private static final class ReductionMatrix {
        long[] indices = new long[1024];
        int size;
        final int[] ends;
        int columns;

        ReductionMatrix(int columnCount) {
            ends = new int[columnCount];
        }

        void add(long index) {
            if (size == indices.length) {
                indices = Arrays.copyOf(indices, size * 2);
            }
            indices[size++] = index;
        }

        void endColumn() {
            ends[columns++] = size;
        }

        int start(int column) {
            return column == 0 ? 0 : ends[column - 1];
        }

        int end(int column) {
            return ends[column];
        }
    }

    /** Per-thread buffers and the enumerators of facets and cofacets. */
    private static final class Scratch {
        final RipsFiltration f;
        final int[] vertices = new int[6];
        final int[] faceVertices = new int[6];
        /** Enumerates the coboundary being built or added. */
        final CofacetEnumerator cofacets;
        /** Enumerates for the apparent-pair tests, which run inside the loops of the first. */
        final CofacetEnumerator probe;
        int[] bufferRanks = new int[64];
        long[] bufferIndices = new long[64];
        int pivotRank;
        long pivotIndex;
        int facetRank;
        long facetIndex;
        int cofacetRank;
        long cofacetIndex;

        Scratch(RipsFiltration f) {
            this.f = f;
            this.cofacets = new CofacetEnumerator(f);
            this.probe = new CofacetEnumerator(f);
        }

        /**
         * Pushes the coboundary of a simplex into the heap, unless an emergent pair ends the column
         * at once; leaves the pivot in pivotRank/pivotIndex and returns whether there is one.
         */
        boolean initCoboundaryAndGetPivot(int rank, long index, int dim, EntryHeap coboundary, LongIntMap pivots) {
            CofacetEnumerator e = cofacets;
            e.set(rank, index, dim, false);
            boolean checkEmergent = true;
            int count = 0;
            while (e.next()) {
                int r = e.cofacetRank;
                long cofacet = e.cofacetIndex;
                if (checkEmergent && r == rank) {
                    if (!pivots.containsKey(cofacet) && !zeroApparentFacet(r, cofacet, dim + 1)) {
                        pivotRank = r;
                        pivotIndex = cofacet;
                        return true;
                    }
                    checkEmergent = false;
                }
                if (count == bufferRanks.length) {
                    bufferRanks = Arrays.copyOf(bufferRanks, count * 2);
                    bufferIndices = Arrays.copyOf(bufferIndices, count * 2);
                }
                bufferRanks[count] = r;
                bufferIndices[count++] = cofacet;
            }
            for (int i = 0; i < count; i++) {
                coboundary.push(bufferRanks[i], bufferIndices[i]);
            }
            return settle(coboundary);
        }

        /** The rank of a simplex from its vertices: its longest edge. */
        int rankOf(long index, int dim) {
            f.vertices(index, dim, vertices);
            int r = 0;
            for (int a = 0; a < dim; a++) {
                for (int b = a + 1; b <= dim; b++) {
                    int e = f.edgeRank(vertices[a], vertices[b]);
                    if (e > r) {
                        r = e;
                    }
                }
            }
            return r;
        }

        boolean settle(EntryHeap coboundary) {
            if (!coboundary.settlePivot()) {
                return false;
            }
            pivotRank = coboundary.topRank();
            pivotIndex = coboundary.topIndex();
            return true;
        }

        /** Adds a simplex to the reduction column and its coboundary to the working coboundary. */
        void addSimplexCoboundary(int rank, long index, int dim, EntryHeap reduction, EntryHeap coboundary) {
            reduction.push(rank, index);
            CofacetEnumerator e = cofacets;
            e.set(rank, index, dim, false);
            while (e.next()) {
                coboundary.push(e.cofacetRank, e.cofacetIndex);
            }
        }

        /**
         * The oldest cofacet of the same rank (largest index among them), into cofacetRank/Index;
         * false when none. Cofacets come in decreasing index order, so the first match is it.
         */
        boolean zeroPivotCofacet(int rank, long index, int dim) {
            CofacetEnumerator e = probe;
            e.set(rank, index, dim, false);
            while (e.next()) {
                if (e.cofacetRank == rank) {
                    cofacetRank = rank;
                    cofacetIndex = e.cofacetIndex;
                    return true;
                }
            }
            return false;
        }

        /**
         * The youngest facet of the same rank (smallest index among them), into facetRank/Index; false
         * when none. Removing the largest vertex first gives facets in increasing index order.
         */
        boolean zeroPivotFacet(int rank, long index, int dim) {
            int[] vs = faceVertices;
            f.vertices(index, dim, vs);
            long[][] b = f.binomial;
            for (int r = 0; r <= dim; r++) {
                long facet = 0;
                int facetRankHere = 0;
                for (int t = 0; t <= dim; t++) {
                    if (t == r) {
                        continue;
                    }
                    int position = t < r ? t : t - 1; // position in the facet, counted from its largest vertex
                    facet += b[dim - position][vs[t]];
                    for (int u = t + 1; u <= dim; u++) {
                        if (u != r) {
                            int e = f.edgeRank(vs[t], vs[u]);
                            if (e > facetRankHere) {
                                facetRankHere = e;
                            }
                        }
                    }
                }
                if (facetRankHere == rank) {
                    facetRank = rank;
                    facetIndex = facet;
                    return true;
                }
            }
            return false;
        }

        /** Whether the simplex has a zero-persistence apparent facet; the facet goes to facetRank/Index. */
        boolean zeroApparentFacet(int rank, long index, int dim) {
            if (!zeroPivotFacet(rank, index, dim)) {
                return false;
            }
            return zeroPivotCofacet(facetRank, facetIndex, dim - 1) && cofacetIndex == index;
        }

        boolean zeroApparentCofacet(int rank, long index, int dim) {
            if (!zeroPivotCofacet(rank, index, dim)) {
                return false;
            }
            return zeroPivotFacet(cofacetRank, cofacetIndex, dim + 1) && facetIndex == index;
        }

        /**
         * For a simplex of dimension {@code dim}, its cofacets whose new vertex is the largest (so each
         * cofacet is met once): kept as next simplices, and as columns unless cleared or apparent.
         */
        void collectTopCofacets(int rank, long index, int dim, LongIntMap pivots, SimplexList columns, SimplexList next) {
            CofacetEnumerator e = cofacets;
            e.set(rank, index, dim, true);
            while (e.next()) {
                int r = e.cofacetRank;
                long cofacet = e.cofacetIndex;
                if (next != null) {
                    next.add(r, cofacet);
                }
                if (!pivots.containsKey(cofacet) && !zeroApparentCofacet(r, cofacet, dim + 1)
                        && !zeroApparentFacet(r, cofacet, dim + 1)) {
                    columns.add(r, cofacet);
                }
            }
        }
    }

    /** Pairs of one dimension, grown as found, sorted when the diagram is made. */
    private static final class PairCollector {
        double[] births = new double[64];
        double[] deaths = new double[64];
        int size;
        double[] essential = new double[4];
        int essentialCount;

        void add(double birth, double death) {
            if (!(death > birth)) {
                return; // zero persistence, not reported
            }
            if (size == births.length) {
                births = Arrays.copyOf(births, size * 2);
                deaths = Arrays.copyOf(deaths, size * 2);
            }
            births[size] = birth;
            deaths[size++] = death;
        }

        void addEssential(double birth) {
            if (essentialCount == essential.length) {
                essential = Arrays.copyOf(essential, essentialCount * 2);
            }
            essential[essentialCount++] = birth;
        }

        PersistenceDiagram.Dimension toDimension(int d) {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> births[x] != births[y] ? Double.compare(births[x], births[y])
                    : Double.compare(deaths[x], deaths[y]));
            double[] b = new double[size];
            double[] dd = new double[size];
            for (int i = 0; i < size; i++) {
                b[i] = births[order[i]];
                dd[i] = deaths[order[i]];
            }
            double[] e = Arrays.copyOf(essential, essentialCount);
            Arrays.sort(e);
            return new PersistenceDiagram.Dimension(d, b, dd, e);
        }
    }
}
