package org.toposcope.ph.rips;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.toposcope.core.Progress;
import org.toposcope.core.model.MergeEvent;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceResult;
import org.toposcope.core.model.RepresentativeCycle;

/**
 * Persistent homology of a {@link RipsFiltration} with Z/2 coefficients, by the algorithm of Ripser
 * (Bauer 2021): cohomology columns reduced in reverse filtration order, clearing between dimensions,
 * coboundaries generated implicitly from simplex indices, and apparent and emergent pairs recognised
 * without building their columns. Pairs of zero persistence are not reported, as in ripser.
 *
 * <p>With several threads, the columns of a dimension are reduced in batches (as in Ripser++ and the
 * chunk algorithm): first every column of the batch in parallel against the pivots of earlier batches
 * only, then, in column order, each is finished against the whole pivot table. A reduced column's pivot
 * does not depend on which earlier columns were added to it, so the pairs, and the diagram, are those of
 * the sequential reduction.
 */
public final class RipsPersistence {

    private final RipsFiltration f;
    private final Progress progress;
    private final PairCollector[] collected;
    private final int threads;
    private final int batch;
    /** Entries (duplicates included) the heaps of a batch may hold in the parallel phase's first step. */
    private final long workingEntries;
    private final boolean explain;
    private final BeforeReduction beforeReduction;
    /** With {@code explain}: the H0 merges (u, v, survivor, absorbed, rank per merge) and the H1 pairs. */
    private int[] merges = new int[0];
    private int mergeCount;
    private CycleReduction.DimensionOnePairs pairsOne;
    /** Columns the parallel phase deferred to its sequential step (over the working budget). */
    private int deferred;

    /**
     * Asked before each dimension's reduction from H2 on, with its column count and what the dimension below
     * needed (columns, reduction-matrix entries); it throws to stop the run before that reduction allocates.
     */
    @FunctionalInterface
    public interface BeforeReduction {
        BeforeReduction NONE = (dimension, columns, columnsBelow, entriesBelow) -> {
        };

        void check(int dimension, int columns, int columnsBelow, long entriesBelow);
    }

    private RipsPersistence(RipsFiltration f, int threads, int batch, long workingEntries, boolean explain,
            Progress progress) {
        this(f, threads, batch, workingEntries, explain, progress, BeforeReduction.NONE);
    }

    private RipsPersistence(RipsFiltration f, int threads, int batch, long workingEntries, boolean explain,
            Progress progress, BeforeReduction beforeReduction) {
        this.beforeReduction = beforeReduction;
        this.f = f;
        this.progress = progress;
        this.threads = Math.max(1, threads);
        this.batch = batch;
        this.workingEntries = workingEntries != AUTO ? workingEntries : workingEntries(f.n, f.neighbourStart[f.n] / 2);
        this.explain = explain;
        this.collected = new PairCollector[f.maxDimension + 1];
        for (int d = 0; d <= f.maxDimension; d++) {
            collected[d] = new PairCollector();
        }
    }

    /** Computes the diagram in dimensions 0 to the filtration's maximal dimension, on one thread. */
    public static PersistenceDiagram compute(RipsFiltration filtration, String name, Progress progress) {
        return compute(filtration, name, 1, progress);
    }

    /**
     * Computes the diagram with {@code threads} threads reducing each dimension (the same diagram as with
     * one). The parallel phases run as tasks of the calling thread's fork-join pool (the common pool when
     * called from outside one), so callers bound the threads by running this inside their own pool.
     */
    public static PersistenceDiagram compute(RipsFiltration filtration, String name, int threads, Progress progress) {
        return compute(filtration, name, threads, progress, BeforeReduction.NONE);
    }

    /** As {@link #compute(RipsFiltration, String, int, Progress)}, asking {@code check} before each dimension from H2. */
    public static PersistenceDiagram compute(RipsFiltration filtration, String name, int threads, Progress progress,
            BeforeReduction check) {
        RipsPersistence p = new RipsPersistence(filtration, threads, AUTO, AUTO, false, progress, check);
        p.run();
        return p.diagram(name);
    }

    /**
     * The diagram with a representative cycle for every finite H1 pair of positive persistence and the
     * H0 merge tree. Vertices are the filtration's points 0..n-1.
     */
    public static PersistenceResult computeWithCycles(RipsFiltration filtration, String name, int threads,
            Progress progress) {
        return computeWithCycles(filtration, name, threads, AUTO, progress, BeforeReduction.NONE);
    }

    /** As {@link #computeWithCycles(RipsFiltration, String, int, Progress)}, asking {@code check} before each dimension from H2. */
    public static PersistenceResult computeWithCycles(RipsFiltration filtration, String name, int threads,
            Progress progress, BeforeReduction check) {
        return computeWithCycles(filtration, name, threads, AUTO, progress, check);
    }

    /** With a given batch size of the parallel reduction (tests use small ones to exercise it on small clouds). */
    static PersistenceResult computeWithCycles(RipsFiltration filtration, String name, int threads, int batch,
            Progress progress) {
        return computeWithCycles(filtration, name, threads, batch, progress, BeforeReduction.NONE);
    }

    private static PersistenceResult computeWithCycles(RipsFiltration filtration, String name, int threads, int batch,
            Progress progress, BeforeReduction check) {
        RipsPersistence p = new RipsPersistence(filtration, threads, batch, AUTO, true, progress, check);
        p.run();
        PersistenceDiagram diagram = p.diagram(name);
        return new PersistenceResult(diagram, p.cycles(), p.mergeEvents());
    }

    static PersistenceDiagram compute(RipsFiltration filtration, String name, int threads, int batch, Progress progress) {
        return compute(filtration, name, threads, batch, AUTO, progress);
    }

    /**
     * With a given batch size and working-heap budget of the parallel phase (tests use small ones to
     * exercise deferred columns).
     */
    static PersistenceDiagram compute(RipsFiltration filtration, String name, int threads, int batch, long workingEntries,
            Progress progress) {
        RipsPersistence p = new RipsPersistence(filtration, threads, batch, workingEntries, false, progress);
        p.run();
        return p.diagram(name);
    }

    /** How many columns a run with these settings defers to the sequential step (tests check the budget acts). */
    static int deferredColumns(RipsFiltration filtration, int threads, int batch, long workingEntries) {
        RipsPersistence p = new RipsPersistence(filtration, threads, batch, workingEntries, false, Progress.none());
        p.run();
        return p.deferred;
    }

    private void run() {
        SimplexList simplices = new SimplexList(16);
        SimplexList columns = dimensionZero(simplices);
        for (int dim = 1; dim <= f.maxDimension; dim++) {
            LongIntMap pivots = new LongIntMap(columns.size);
            if (explain && dim == 1) {
                pairsOne = new CycleReduction.DimensionOnePairs();
            }
            int size = batch != AUTO ? batch : batchSize(threads, columns.size, f.n, f.neighbourStart[f.n] / 2, workingEntries);
            long entries = threads > 1 && columns.size > size ? reduceInParallel(columns, pivots, dim, size)
                    : reduce(columns, pivots, dim);
            if (dim < f.maxDimension) {
                int below = columns.size;
                columns = assembleColumns(simplices, pivots, dim + 1);
                beforeReduction.check(dim + 1, columns.size, below, entries);
            }
        }
    }

    private PersistenceDiagram diagram(String name) {
        List<PersistenceDiagram.Dimension> dims = new ArrayList<>();
        for (int d = 0; d <= f.maxDimension; d++) {
            dims.add(collected[d].toDimension(d));
        }
        return new PersistenceDiagram(name, dims);
    }

    /** The cycles of the reported H1 pairs, in the diagram's order (birth, then death). */
    private List<RepresentativeCycle> cycles() {
        if (pairsOne == null) {
            return List.of();
        }
        pairsOne.index();
        PairCollector h1 = collected[1];
        int[] order = h1.order();
        progress.begin("H1: representative cycles of " + order.length + " pairs", order.length);
        Scratch s = new Scratch(f);
        CycleReduction reduction = new CycleReduction(f, pairsOne, new CycleReduction.CofacetProbe() {
            @Override
            public boolean zeroApparentCofacet(int rank, long index) {
                return s.zeroApparentCofacet(rank, index, 1);
            }

            @Override
            public long cofacetIndex() {
                return s.cofacetIndex;
            }
        }, progress);
        List<RepresentativeCycle> cycles = new ArrayList<>(order.length);
        for (int i = 0; i < order.length; i++) {
            int k = order[i];
            cycles.add(new RepresentativeCycle(1, h1.births[k], h1.deaths[k], reduction.cycle(h1.tags[k])));
            progress.worked(1);
        }
        return cycles;
    }

    private List<MergeEvent> mergeEvents() {
        List<MergeEvent> events = new ArrayList<>(mergeCount);
        for (int m = 0; m < mergeCount; m++) {
            int at = 5 * m;
            events.add(new MergeEvent(f.value(merges[at + 4]), merges[at], merges[at + 1], merges[at + 2], merges[at + 3]));
        }
        return events;
    }

    /** H0 by union-find over edges in filtration order; returns the dimension-1 columns to reduce. */
    private SimplexList dimensionZero(SimplexList edgesOut) {
        int n = f.n;
        int[] ranks = f.edgeRanks;
        long[] keys = IntStream.range(0, ranks.length).filter(e -> ranks[e] != RipsFiltration.ABSENT)
                .mapToLong(e -> ((long) ranks[e] << 32) | (0xFFFFFFFFL - e)).toArray();
        Arrays.parallelSort(keys); // rank ascending, then edge index descending: ripser's order
        progress.begin("H0: " + keys.length + " edges", keys.length);
        long[] apparent = threads > 1 && f.maxDimension > 0 && keys.length >= 1 << 12 ? apparentEdges(keys) : null;
        int[] parent = new int[n];
        int[] height = new int[n];
        int[] smallest = new int[n]; // per root, the smallest row of its component: the component's name
        for (int i = 0; i < n; i++) {
            parent[i] = i;
            smallest[i] = i;
        }
        if (explain) {
            merges = new int[5 * Math.max(0, n - 1)];
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
                collected[0].add(0, f.value(rank), -1);
                int survivor = Math.min(smallest[u], smallest[v]);
                if (explain) {
                    int at = 5 * mergeCount++;
                    merges[at] = s.vertices[0];
                    merges[at + 1] = s.vertices[1];
                    merges[at + 2] = survivor;
                    merges[at + 3] = Math.max(smallest[u], smallest[v]);
                    merges[at + 4] = rank;
                }
                if (height[u] < height[v]) {
                    parent[u] = v;
                    smallest[v] = survivor;
                } else {
                    parent[v] = u;
                    smallest[u] = survivor;
                    if (height[u] == height[v]) {
                        height[u]++;
                    }
                }
            } else if (f.maxDimension > 0 && !(apparent != null ? (apparent[k >>> 6] & 1L << k) != 0
                    : s.zeroApparentCofacet(rank, index, 1))) {
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

    /**
     * Which edges (by position in the sorted keys) have a zero-persistence apparent cofacet, as a bitset:
     * the test is a pure function of the edge, so it runs in parallel ahead of the sequential union-find.
     */
    private long[] apparentEdges(long[] keys) {
        long[] bits = new long[(keys.length + 63) >>> 6];
        int words = bits.length;
        int chunks = Math.min(words, threads * 16);
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            Scratch s = new Scratch(f);
            int fromWord = (int) ((long) words * chunk / chunks); // whole words per chunk: no two threads write one
            int toWord = (int) ((long) words * (chunk + 1) / chunks);
            for (int k = fromWord << 6; k < Math.min(keys.length, toWord << 6); k++) {
                int rank = (int) (keys[k] >>> 32);
                long index = 0xFFFFFFFFL - (keys[k] & 0xFFFFFFFFL);
                if (s.zeroApparentCofacet(rank, index, 1)) {
                    bits[k >>> 6] |= 1L << k;
                }
            }
        });
        return bits;
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

    /** Reduces the coboundary columns of dimension {@code dim}, recording pairs and pivots; the entries of its V. */
    private long reduce(SimplexList columns, LongIntMap pivots, int dim) {
        Scratch s = new Scratch(f);
        EntryHeap coboundary = newCoboundaryHeap(dim);
        EntryHeap reduction = newReductionHeap(dim);
        ReductionMatrix v = new ReductionMatrix(columns.size);
        progress.begin("H" + dim + ": reducing " + columns.size + " columns", columns.size);
        for (int c = 0; c < columns.size; c++) {
            // a dense column can take milliseconds: look for a cancel often enough to stop within a second
            if ((c & 0x3F) == 0) {
                progress.checkCancelled();
            }
            if ((c & 0x3FF) == 0) {
                progress.worked(Math.min(0x400, columns.size - c));
            }
            coboundary.clear();
            reduction.clear();
            boolean hasPivot = s.initCoboundaryAndGetPivot(columns.ranks[c], columns.indices[c], dim, coboundary, pivots);
            finishColumn(c, columns, pivots, dim, s, coboundary, reduction, v, hasPivot);
        }
        return v.size;
    }

    private EntryHeap newCoboundaryHeap(int dim) {
        return new EntryHeap(f.rankCount(), f.binomial[dim + 2][f.n]);
    }

    private EntryHeap newReductionHeap(int dim) {
        return new EntryHeap(f.rankCount(), f.binomial[dim + 1][f.n]);
    }

    /** Reduces column c to the end, against every pivot found so far, and records its pair or essential class. */
    private void finishColumn(int c, SimplexList columns, LongIntMap pivots, int dim, Scratch s, EntryHeap coboundary,
            EntryHeap reduction, ReductionMatrix v, boolean hasPivot) {
        int rank = columns.ranks[c];
        while (true) {
            if (!hasPivot) {
                collected[dim].addEssential(f.value(rank));
                v.endColumn();
                return;
            }
            int pivotRank = s.pivotRank;
            long pivotIndex = s.pivotIndex;
            int other = pivots.get(pivotIndex);
            if (other >= 0) {
                addColumn(other, columns, dim, s, v, coboundary, reduction);
            } else if (s.zeroApparentFacet(pivotRank, pivotIndex, dim + 1)) {
                s.addSimplexCoboundary(s.facetRank, s.facetIndex, dim, reduction, coboundary);
            } else {
                recordPair(c, columns, dim, pivotRank, pivotIndex);
                pivots.put(pivotIndex, c);
                while (reduction.settlePivot()) {
                    v.add(reduction.topIndex());
                    reduction.popPivot();
                }
                v.endColumn();
                return;
            }
            hasPivot = s.settle(coboundary);
        }
    }

    /** Adds the reduced column {@code other} (its simplex and its V entries) to the working column. */
    private void addColumn(int other, SimplexList columns, int dim, Scratch s, ReductionMatrix v, EntryHeap coboundary,
            EntryHeap reduction) {
        s.addSimplexCoboundary(columns.ranks[other], columns.indices[other], dim, reduction, coboundary);
        for (int e = v.start(other); e < v.end(other); e++) {
            s.addSimplexCoboundary(s.rankOf(v.indices[e], dim), v.indices[e], dim, reduction, coboundary);
        }
    }

    private void recordPair(int c, SimplexList columns, int dim, int pivotRank, long pivotIndex) {
        int tag = -1;
        if (dim == 1 && pairsOne != null) {
            tag = pairsOne.size;
            pairsOne.add(columns.indices[c], pivotIndex);
        }
        collected[dim].add(f.value(columns.ranks[c]), f.value(pivotRank), tag);
    }

    private static final int AUTO = 0;
    private static final byte ZERO = 0;
    private static final byte EMERGENT = 1;
    private static final byte OPEN = 2;
    private static final byte DEFERRED = 3;
    /**
     * The parallel phase's first step holds at most this many heap entries (duplicates included) over
     * all columns of a batch beyond their first coboundaries: half an entry per edge or an eighth per
     * pair, whichever is more, at most 8 M entries (64 MB), so it stays a small part of the pair tables
     * (12 bytes a pair) and edge arrays. A column that would
     * need more is deferred to the sequential second step. (Unbounded, 1,024 growing heaps ran a
     * 20,000-point H1 run out of a 12 GB heap.)
     */
    public static long workingEntries(int n, long edges) {
        long pairs = (long) n * (n - 1) / 2;
        return Math.min(1L << 23, Math.max(1L << 14, Math.max(edges / 2, pairs / 8)));
    }

    /**
     * Batch size chosen per dimension: small batches leave less to the sequential phase, large ones cost
     * fewer synchronisations; columns / 64, between 8 per thread and 1024, did best on 2 cores; fewer
     * when the batch's first coboundaries (about the mean degree each) would take more than a quarter of
     * the working entries.
     */
    public static int batchSize(int threads, int columns, int n, long edges, long workingEntries) {
        int size = Math.max(threads * 8, Math.min(1024, columns / 64));
        double meanDegree = n == 0 ? 0 : 2.0 * edges / n;
        return (int) Math.max(threads * 2, Math.min(size, workingEntries / 4 / (meanDegree + 1)));
    }

    /**
     * Heaps of a batch with more room than this after their column are replaced by small ones: twice the
     * mean degree (a first coboundary's size) and 64. What the batch keeps between columns then stays within
     * the working entries too (a fixed 16 k entries each took 26 MB at 102 columns a batch).
     */
    static int keptHeapCapacity(int n, long edges) {
        double meanDegree = n == 0 ? 0 : 2.0 * edges / n;
        return (int) Math.min(1 << 20, 2 * (meanDegree + 1) + 64);
    }
    /** The sequential pair of heaps for deferred columns is replaced after a column that grew it past this. */
    private static final int SEQUENTIAL_KEPT = 1 << 20;

    /**
     * The batched parallel reduction: phase 1 reduces each column of a batch against the pivots of
     * earlier batches (read-only then), phase 2 finishes the batch sequentially in column order.
     */
    private long reduceInParallel(SimplexList columns, LongIntMap pivots, int dim, int batch) {
        ReductionMatrix v = new ReductionMatrix(columns.size);
        EntryHeap[] coboundaries = new EntryHeap[batch];
        EntryHeap[] reductions = new EntryHeap[batch];
        for (int i = 0; i < batch; i++) {
            coboundaries[i] = newCoboundaryHeap(dim);
            reductions[i] = newReductionHeap(dim);
        }
        byte[] state = new byte[batch];
        int[] emergentRank = new int[batch];
        long[] emergentIndex = new long[batch];
        Scratch[] scratches = new Scratch[threads];
        for (int t = 0; t < threads; t++) {
            scratches[t] = new Scratch(f);
        }
        Scratch own = scratches[0];
        // deferred columns are redone here, one at a time, like the sequential reduction
        Budget budget = new Budget(workingEntries);
        int kept = keptHeapCapacity(f.n, f.neighbourStart[f.n] / 2);
        EntryHeap deferredCoboundary = newCoboundaryHeap(dim);
        EntryHeap deferredReduction = newReductionHeap(dim);
        progress.begin("H" + dim + ": reducing " + columns.size + " columns on " + threads + " threads", columns.size);
        for (int from = 0; from < columns.size; from += batch) {
            progress.checkCancelled();
            int first = from;
            int count = Math.min(batch, columns.size - from);
            budget.reset();
            AtomicInteger next = new AtomicInteger();
            Throwable[] failure = new Throwable[1];
            ForkJoinTask<?>[] workers = new ForkJoinTask<?>[threads];
            for (int t = 0; t < threads; t++) {
                Scratch s = scratches[t];
                workers[t] = ForkJoinTask.adapt(() -> {
                    try {
                        for (int i = next.getAndIncrement(); i < count; i = next.getAndIncrement()) {
                            if ((i & 0xF) == 0) {
                                progress.checkCancelled();
                            }
                            state[i] = reducePartially(first + i, columns, pivots, dim, s, coboundaries[i], reductions[i], v,
                                    budget);
                            emergentRank[i] = s.pivotRank;
                            emergentIndex[i] = s.pivotIndex;
                        }
                    } catch (RuntimeException | Error e) {
                        synchronized (failure) {
                            failure[0] = e;
                        }
                        next.set(count); // the others stop too
                    }
                });
            }
            ForkJoinTask.invokeAll(workers);
            synchronized (failure) {
                if (failure[0] instanceof RuntimeException e) {
                    throw e;
                } else if (failure[0] instanceof Error e) {
                    throw e;
                }
            }
            for (int i = 0; i < count; i++) {
                if ((i & 0x3F) == 0) {
                    progress.checkCancelled();
                }
                int c = first + i;
                EntryHeap coboundary = coboundaries[i];
                EntryHeap reduction = reductions[i];
                if (state[i] == ZERO) {
                    finishColumn(c, columns, pivots, dim, own, coboundary, reduction, v, false);
                } else if (state[i] == EMERGENT && !pivots.containsKey(emergentIndex[i])) {
                    recordPair(c, columns, dim, emergentRank[i], emergentIndex[i]);
                    pivots.put(emergentIndex[i], c);
                    v.endColumn();
                } else if (state[i] == DEFERRED) { // over the budget in phase 1: redone on the sequential heaps
                    deferred++;
                    deferredCoboundary.clear();
                    deferredReduction.clear();
                    boolean hasPivot = own.initCoboundaryAndGetPivot(columns.ranks[c], columns.indices[c], dim,
                            deferredCoboundary, pivots);
                    finishColumn(c, columns, pivots, dim, own, deferredCoboundary, deferredReduction, v, hasPivot);
                    if (deferredCoboundary.capacity() > SEQUENTIAL_KEPT) {
                        deferredCoboundary = newCoboundaryHeap(dim);
                    }
                    if (deferredReduction.capacity() > SEQUENTIAL_KEPT) {
                        deferredReduction = newReductionHeap(dim);
                    }
                } else if (state[i] == EMERGENT) { // an earlier column of the batch took the pivot: start over
                    coboundary.clear();
                    reduction.clear();
                    boolean hasPivot = own.initCoboundaryAndGetPivot(columns.ranks[c], columns.indices[c], dim, coboundary, pivots);
                    finishColumn(c, columns, pivots, dim, own, coboundary, reduction, v, hasPivot);
                } else {
                    finishColumn(c, columns, pivots, dim, own, coboundary, reduction, v, own.settle(coboundary));
                }
                if (coboundary.capacity() > kept) {
                    coboundaries[i] = newCoboundaryHeap(dim);
                }
                if (reduction.capacity() > kept) {
                    reductions[i] = newReductionHeap(dim);
                }
            }
            progress.worked(count);
        }
        return v.size;
    }

    /**
     * Phase 1 of the parallel reduction: reduces column c with the pivots of earlier batches until its
     * pivot is not among them. Returns ZERO, EMERGENT (pivot in s.pivotRank/Index, coboundary not built),
     * OPEN (pivot on top of the coboundary) or DEFERRED (its heaps would take more than the batch's
     * budget has left: emptied, and the column is redone in phase 2).
     */
    private byte reducePartially(int c, SimplexList columns, LongIntMap pivots, int dim, Scratch s, EntryHeap coboundary,
            EntryHeap reduction, ReductionMatrix v, Budget budget) {
        coboundary.clear();
        reduction.clear();
        boolean hasPivot = s.initCoboundaryAndGetPivot(columns.ranks[c], columns.indices[c], dim, coboundary, pivots);
        if (s.emergent) {
            return EMERGENT;
        }
        // the first coboundary is not charged: the batch size bounds those
        long[] reserved = {coboundary.size()};
        while (true) {
            if (!hasPivot) {
                return ZERO;
            }
            int other = pivots.get(s.pivotIndex);
            if (other >= 0) {
                if (!addColumnWithinBudget(other, columns, dim, s, v, coboundary, reduction, budget, reserved)) {
                    return defer(coboundary, reduction);
                }
            } else if (s.zeroApparentFacet(s.pivotRank, s.pivotIndex, dim + 1)) {
                s.addSimplexCoboundary(s.facetRank, s.facetIndex, dim, reduction, coboundary);
                if (!budget.fits(coboundary, reduction, reserved)) {
                    return defer(coboundary, reduction);
                }
            } else {
                return OPEN;
            }
            hasPivot = s.settle(coboundary);
        }
    }

    /** As addColumn, but stops (false) as soon as the heaps need more than the budget has left. */
    private boolean addColumnWithinBudget(int other, SimplexList columns, int dim, Scratch s, ReductionMatrix v,
            EntryHeap coboundary, EntryHeap reduction, Budget budget, long[] reserved) {
        s.addSimplexCoboundary(columns.ranks[other], columns.indices[other], dim, reduction, coboundary);
        if (!budget.fits(coboundary, reduction, reserved)) {
            return false;
        }
        for (int e = v.start(other); e < v.end(other); e++) {
            s.addSimplexCoboundary(s.rankOf(v.indices[e], dim), v.indices[e], dim, reduction, coboundary);
            if (!budget.fits(coboundary, reduction, reserved)) {
                return false;
            }
        }
        return true;
    }

    private static byte defer(EntryHeap coboundary, EntryHeap reduction) {
        coboundary.clear();
        reduction.clear();
        return DEFERRED;
    }

    /** Heap entries the columns of one batch share in phase 1; each column reserves room as it grows. */
    private static final class Budget {
        private final long total;
        private final AtomicLong used = new AtomicLong();

        Budget(long total) {
            this.total = total;
        }

        void reset() {
            used.set(0);
        }

        /**
         * Whether the column's heaps fit its reservation, else, after cancelling their duplicates, a
         * doubled one taken from what the batch has left.
         */
        boolean fits(EntryHeap coboundary, EntryHeap reduction, long[] reserved) {
            if (coboundary.size() + reduction.size() <= reserved[0]) {
                return true;
            }
            coboundary.compact();
            reduction.compact();
            long want = Math.max(2L * (coboundary.size() + reduction.size()), MIN_RESERVATION);
            long more = want - reserved[0];
            if (more <= 0) {
                return true;
            }
            if (used.addAndGet(more) > total) {
                used.addAndGet(-more);
                return false;
            }
            reserved[0] = want;
            return true;
        }
    }

    private static final long MIN_RESERVATION = 1 << 10;

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
                indices = Arrays.copyOf(indices, size + (size >> 1)); // by half: V can be the largest store
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
        /** Whether the last initCoboundaryAndGetPivot ended at an emergent pair, without building the coboundary. */
        boolean emergent;

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
            emergent = false;
            boolean checkEmergent = true;
            int count = 0;
            while (e.next()) {
                int r = e.cofacetRank;
                long cofacet = e.cofacetIndex;
                if (checkEmergent && r == rank) {
                    if (!pivots.containsKey(cofacet) && !zeroApparentFacet(r, cofacet, dim + 1)) {
                        pivotRank = r;
                        pivotIndex = cofacet;
                        emergent = true;
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
        /** Per pair, the caller's tag (the H1 pair's slot for its cycle). */
        int[] tags = new int[64];
        int size;
        double[] essential = new double[4];
        int essentialCount;

        void add(double birth, double death, int tag) {
            if (!(death > birth)) {
                return; // zero persistence, not reported
            }
            if (size == births.length) {
                births = Arrays.copyOf(births, size * 2);
                deaths = Arrays.copyOf(deaths, size * 2);
                tags = Arrays.copyOf(tags, size * 2);
            }
            births[size] = birth;
            tags[size] = tag;
            deaths[size++] = death;
        }

        void addEssential(double birth) {
            if (essentialCount == essential.length) {
                essential = Arrays.copyOf(essential, essentialCount * 2);
            }
            essential[essentialCount++] = birth;
        }

        /** Pair positions sorted by birth, then death: the diagram's order. */
        int[] order() {
            return IntStream.range(0, size).boxed().sorted((x, y) -> births[x] != births[y]
                    ? Double.compare(births[x], births[y]) : Double.compare(deaths[x], deaths[y]))
                    .mapToInt(Integer::intValue).toArray();
        }

        PersistenceDiagram.Dimension toDimension(int d) {
            int[] order = order();
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
