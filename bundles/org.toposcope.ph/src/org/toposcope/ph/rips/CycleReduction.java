package org.toposcope.ph.rips;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.toposcope.core.Progress;

/**
 * Representative H1 cycles from the cohomology pairing ("involuted" persistence, Čufar &amp; Virk 2023):
 * the pairing of the boundary matrix equals that of the coboundary matrix, so the reduced boundary
 * column of a death triangle τ is a cycle whose youngest edge is τ's partner σ and which is a boundary
 * from τ on, but not before. Only the columns a requested pair needs are reduced, each once (memoised):
 * a pivot edge σ' is cleared by the reduced column of its partner τ' — apparent pairs (σ' is τ''s
 * youngest facet) need no reduction, the other partners come from the cohomology reduction.
 */
final class CycleReduction {

    private final RipsFiltration f;
    private final DimensionOnePairs pairs;
    private final Progress progress;
    private final long edgeBound;
    private final int rankCount;
    /** The reduced boundary of pair k's triangle, once computed: edge ranks and indices. */
    private final int[][] reducedRanks;
    private final long[][] reducedIndices;
    /** One heap per depth of the chain of partners still being reduced. */
    private final List<EntryHeap> heaps = new ArrayList<>();
    private int[] frames = new int[16];
    private final int[] vertices = new int[3];
    private final CofacetProbe probe;
    private long added;

    CycleReduction(RipsFiltration f, DimensionOnePairs pairs, CofacetProbe probe, Progress progress) {
        this.f = f;
        this.pairs = pairs;
        this.probe = probe;
        this.progress = progress;
        this.edgeBound = f.binomial[2][f.n];
        this.rankCount = f.rankCount();
        this.reducedRanks = new int[pairs.size][];
        this.reducedIndices = new long[pairs.size][];
    }

    /** Tests whether an edge is half of a zero-persistence apparent pair; then cofacetIndex() is its triangle. */
    interface CofacetProbe {
        boolean zeroApparentCofacet(int rank, long index);

        long cofacetIndex();
    }

    /** The edges of pair k's representative cycle, each as {i, j} with i &gt; j, sorted. */
    int[][] cycle(int k) {
        reduce(k);
        long[] indices = reducedIndices[k];
        int[][] edges = new int[indices.length][];
        int[] vs = new int[2];
        for (int e = 0; e < indices.length; e++) {
            f.vertices(indices[e], 1, vs);
            edges[e] = new int[] {vs[0], vs[1]};
        }
        Arrays.sort(edges, (a, b) -> a[0] != b[0] ? Integer.compare(a[0], b[0]) : Integer.compare(a[1], b[1]));
        return edges;
    }

    /** Reduces pair k's column and, first, every partner column it needs, with an explicit stack. */
    private void reduce(int k) {
        if (reducedIndices[k] != null) {
            return;
        }
        int depth = 0;
        frames[0] = k;
        startFrame(0, k);
        while (depth >= 0) {
            int pair = frames[depth];
            EntryHeap heap = heaps.get(depth);
            int pushed = -1;
            while (true) {
                if (!heap.settlePivot()) {
                    throw new IllegalStateException("the boundary of a death triangle reduced to zero");
                }
                int rank = rankCount - 1 - heap.topRank();
                long index = edgeBound - 1 - heap.topIndex();
                if (index == pairs.edges[pair]) {
                    finish(pair, heap);
                    break;
                }
                int other = pairs.slotOfEdge(index);
                if (other >= 0) {
                    if (reducedIndices[other] == null) {
                        pushed = other;
                        break;
                    }
                    int[] rs = reducedRanks[other];
                    long[] is = reducedIndices[other];
                    for (int e = 0; e < is.length; e++) {
                        push(heap, rs[e], is[e]);
                    }
                } else if (probe.zeroApparentCofacet(rank, index)) {
                    pushBoundary(heap, probe.cofacetIndex());
                } else {
                    throw new IllegalStateException("edge " + index + " of rank " + rank + " has no partner triangle");
                }
                if ((++added & 0xFFFF) == 0) {
                    progress.checkCancelled();
                }
            }
            if (pushed >= 0) {
                if (++depth > pairs.size) { // partners form a chain of earlier triangles, so this cannot happen
                    throw new IllegalStateException("representative cycles: partner chain longer than the pairs");
                }
                if (depth == frames.length) {
                    frames = Arrays.copyOf(frames, depth * 2);
                }
                frames[depth] = pushed;
                startFrame(depth, pushed);
            } else {
                depth--;
            }
        }
    }

    private void startFrame(int depth, int pair) {
        if (depth == heaps.size()) {
            heaps.add(new EntryHeap(rankCount, edgeBound));
        }
        EntryHeap heap = heaps.get(depth);
        heap.clear();
        pushBoundary(heap, pairs.triangles[pair]);
    }

    /** Stores the settled heap's entries (each of odd multiplicity) as the pair's reduced column. */
    private void finish(int pair, EntryHeap heap) {
        int count = 0;
        int[] ranks = new int[16];
        long[] indices = new long[16];
        while (heap.settlePivot()) {
            if (count == ranks.length) {
                ranks = Arrays.copyOf(ranks, count * 2);
                indices = Arrays.copyOf(indices, count * 2);
            }
            ranks[count] = rankCount - 1 - heap.topRank();
            indices[count++] = edgeBound - 1 - heap.topIndex();
            heap.popPivot();
        }
        reducedRanks[pair] = Arrays.copyOf(ranks, count);
        reducedIndices[pair] = Arrays.copyOf(indices, count);
    }

    /** The youngest edge is the heap's minimum: ranks and indices are stored reversed. */
    private void push(EntryHeap heap, int rank, long index) {
        heap.push(rankCount - 1 - rank, edgeBound - 1 - index);
    }

    private void pushBoundary(EntryHeap heap, long triangle) {
        f.vertices(triangle, 2, vertices);
        int a = vertices[0];
        int b = vertices[1];
        int c = vertices[2];
        long[] b2 = f.binomial[2];
        push(heap, f.edgeRank(a, b), b2[a] + b);
        push(heap, f.edgeRank(a, c), b2[a] + c);
        push(heap, f.edgeRank(b, c), b2[b] + c);
    }

    /** Every (edge, triangle) pair the cohomology reduction of dimension 1 found, zero persistence included. */
    static final class DimensionOnePairs {
        long[] edges = new long[256];
        long[] triangles = new long[256];
        int size;
        private LongIntMap byEdge;

        void add(long edge, long triangle) {
            if (size == edges.length) {
                edges = Arrays.copyOf(edges, size * 2);
                triangles = Arrays.copyOf(triangles, size * 2);
            }
            edges[size] = edge;
            triangles[size++] = triangle;
        }

        /** Called once all pairs are in. */
        void index() {
            byEdge = new LongIntMap(size);
            for (int k = 0; k < size; k++) {
                byEdge.put(edges[k], k);
            }
        }

        int slotOfEdge(long edge) {
            return byEdge.get(edge);
        }
    }
}
