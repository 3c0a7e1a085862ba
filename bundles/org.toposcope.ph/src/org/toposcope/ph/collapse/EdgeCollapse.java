package org.toposcope.ph.collapse;

import java.util.Arrays;

import org.toposcope.core.Progress;

/**
 * Exact edge collapse of a Vietoris–Rips (flag) filtration, after Boissonnat &amp; Pritam (2020), in the
 * backward form gudhi's {@code SimplexTree.collapse_edges} uses (Glisse &amp; Pritam 2022).
 * <p>
 * An edge uv is dominated in a graph by a vertex w when every common neighbour of u and v is w or a
 * neighbour of w; removing it is then a sequence of elementary collapses of the flag complex, so the
 * homotopy type is unchanged. Edges are visited from the last to the first; edge e, born at t, is moved
 * to the first time s >= t at which it stops being dominated in the graph of that moment (all earlier
 * edges at their times, later ones at their already-moved times), or removed if it stays dominated to
 * the end. At every time the complex with e is then a collapse of the one without, by inclusions that
 * commute with the filtration, so each move leaves the persistence module, and hence every diagram,
 * unchanged (tested against the uncollapsed run, gudhi and ripser).
 * <p>
 * Works on the strict lower triangle of edge lengths (as {@code RipsFiltration} takes it) and returns a new
 * one in which moved edges carry a later length and removed edges are infinite.
 */
public final class EdgeCollapse {

    /** Rank of an absent edge. */
    private static final int ABSENT = Integer.MAX_VALUE;
    /** Moves per edge before giving up on moving it further (stopping early is always exact). */
    private static final int JUMPS_PER_EDGE = 8;

    /** What a collapse at {@code threshold} did. */
    public record Result(double[] lower, double threshold, long edges, long removed, long moved, double seconds) {
    }

    private final int n;
    /** Each pair's current position in the filtration order (edge index in {@code order}), or ABSENT. */
    private final int[] positions;
    private final int words;
    /** Neighbours through edges that still exist (at any position), as bitsets. */
    private final long[] alive;
    /** Neighbours through the edges at positions up to the one being processed: the graph at its birth. */
    private final long[] prefix;
    private final int[] candidates;
    private final int[] entry;

    private EdgeCollapse(int n, int[] positions) {
        this.n = n;
        this.positions = positions;
        this.words = (n + 63) >>> 6;
        this.alive = new long[words * n];
        this.prefix = new long[words * n];
        this.candidates = new int[n];
        this.entry = new int[n];
    }

    /** Bytes this needs besides its input, for {@code n} points and {@code edges} edges (for the size estimate). */
    public static long workingBytes(int n, long edges) {
        long pairs = (long) n * (n - 1) / 2;
        long words = (n + 63L) >>> 6;
        return pairs * (4 + 8) + edges * (8 + 4 + 8) + 2 * words * n * 8 + 8L * n;
    }

    /**
     * Collapses the filtration of edges up to {@code threshold}. {@code lower} is not changed. Edges are
     * ordered by length, then by position in the table; the collapse works on positions in that order (a
     * refinement of the filtration, whose persistence module gives the same diagram once positions are
     * mapped back to lengths).
     */
    public static Result collapse(int n, double[] lower, double threshold, Progress progress) {
        long start = System.nanoTime();
        long[] keys = java.util.stream.IntStream.range(0, lower.length).parallel()
                .filter(e -> lower[e] <= threshold && lower[e] < Double.POSITIVE_INFINITY)
                .asLongStream().toArray();
        int edges = keys.length;
        int[] order = sortByLength(lower, keys);
        int[] positions = new int[lower.length];
        Arrays.fill(positions, ABSENT);
        double[] values = new double[edges];
        for (int k = 0; k < edges; k++) {
            positions[order[k]] = k;
            values[k] = lower[order[k]];
        }
        EdgeCollapse c = new EdgeCollapse(n, positions);
        long[] counts = c.run(order, progress);
        double[] out = new double[lower.length];
        for (int e = 0; e < lower.length; e++) {
            out[e] = positions[e] == ABSENT ? Double.POSITIVE_INFINITY : values[positions[e]];
        }
        return new Result(out, threshold, edges, counts[0], counts[1], (System.nanoTime() - start) / 1e9);
    }

    private static int[] sortByLength(double[] lower, long[] edges) {
        double[] lengths = new double[edges.length];
        for (int k = 0; k < edges.length; k++) {
            lengths[k] = lower[(int) edges[k]];
        }
        int[] order = new int[edges.length];
        long[] packed = new long[edges.length];
        // rank lengths first (distinct values), then sort (rank << 32 | position)
        double[] sorted = lengths.clone();
        Arrays.parallelSort(sorted);
        for (int k = 0; k < edges.length; k++) {
            long rank = Arrays.binarySearch(sorted, lengths[k]);
            packed[k] = rank << 32 | edges[k];
        }
        Arrays.parallelSort(packed);
        for (int k = 0; k < edges.length; k++) {
            order[k] = (int) packed[k];
        }
        return order;
    }

    private long[] run(int[] order, Progress progress) {
        for (int e : order) {
            int i = first(e);
            int j = e - i * (i - 1) / 2;
            set(alive, i, j);
            set(prefix, i, j);
        }
        progress.begin("edge collapse: " + order.length + " edges", order.length);
        long removed = 0;
        long moved = 0;
        for (int k = order.length - 1; k >= 0; k--) {
            if ((k & 0x3FFF) == 0) {
                progress.checkCancelled();
                progress.worked(Math.min(0x4000, order.length - k));
            }
            int e = order[k];
            int u = first(e);
            int v = e - u * (u - 1) / 2;
            clear(prefix, u, v); // from here on the prefix graph holds the edges before e
            int w = dominatorAtBirth(u, v);
            if (w < 0) {
                continue;
            }
            int until = dominatedUntil(u, v, k, w);
            if (until != k) {
                positions[e] = until;
                if (until == ABSENT) {
                    clear(alive, u, v);
                    removed++;
                } else {
                    moved++;
                }
            }
        }
        return new long[] {removed, moved};
    }

    /** A vertex w dominating uv in the graph at uv's birth (N[u] ∩ N[v] minus w within N(w)), or -1. Word-wise. */
    private int dominatorAtBirth(int u, int v) {
        int ou = u * words;
        int ov = v * words;
        for (int a = 0; a < words; a++) {
            long bits = prefix[ou + a] & prefix[ov + a];
            while (bits != 0) {
                int w = (a << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                int ow = w * words;
                boolean covers = true;
                for (int b = 0; b < words && covers; b++) {
                    long common = prefix[ou + b] & prefix[ov + b];
                    if (b == (w >>> 6)) {
                        common &= ~(1L << (w & 63));
                    }
                    covers = (common & ~prefix[ow + b]) == 0;
                }
                if (covers) {
                    return w;
                }
            }
        }
        return -1;
    }

    /**
     * The first position s >= born at which edge uv is not dominated, or ABSENT if it stays dominated;
     * {@code w} dominates it at born. The common neighbours x of u and v enter at c_x; w dominates at s
     * when c_w <= s and every other common neighbour present at s (c_x <= s) is joined to w by s, so w
     * keeps dominating until the first x that arrives before it is joined to w. Looking for the next
     * dominator is budgeted: stopping early only moves the edge less far, which is still exact.
     */
    private int dominatedUntil(int u, int v, int born, int w) {
        int count = 0;
        int ou = u * words;
        int ov = v * words;
        for (int a = 0; a < words; a++) {
            long bits = alive[ou + a] & alive[ov + a];
            while (bits != 0) {
                int x = (a << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                candidates[count] = x;
                entry[count++] = Math.max(position(u, x), position(v, x));
            }
        }
        int s = born;
        long work = 0;
        long budget = 4L * count + 64;
        for (int jump = 0; jump < JUMPS_PER_EDGE; jump++) {
            int end = ABSENT;
            for (int b = 0; b < count; b++) {
                int x = candidates[b];
                if (entry[b] > s && entry[b] < end && x != w && position(w, x) > entry[b]) {
                    end = entry[b];
                }
            }
            if (end == ABSENT) {
                return ABSENT;
            }
            s = end;
            w = -1;
            for (int a = 0; a < count && work < budget && w < 0; a++) {
                if (entry[a] > s) {
                    continue;
                }
                int candidate = candidates[a];
                boolean dominates = true;
                for (int b = 0; b < count && dominates; b++) {
                    work++;
                    dominates = b == a || entry[b] > s || position(candidate, candidates[b]) <= s;
                }
                if (dominates) {
                    w = candidate;
                }
            }
            if (w < 0) {
                return s;
            }
        }
        return s;
    }

    private static int first(int e) {
        int i = (int) ((1 + Math.sqrt(1 + 8.0 * e)) / 2);
        while ((long) i * (i - 1) / 2 > e) {
            i--;
        }
        while ((long) (i + 1) * i / 2 <= e) {
            i++;
        }
        return i;
    }

    private void set(long[] bits, int i, int j) {
        bits[i * words + (j >>> 6)] |= 1L << (j & 63);
        bits[j * words + (i >>> 6)] |= 1L << (i & 63);
    }

    private void clear(long[] bits, int i, int j) {
        bits[i * words + (j >>> 6)] &= ~(1L << (j & 63));
        bits[j * words + (i >>> 6)] &= ~(1L << (i & 63));
    }

    private int position(int i, int j) {
        return i > j ? positions[i * (i - 1) / 2 + j] : positions[j * (j - 1) / 2 + i];
    }
}
