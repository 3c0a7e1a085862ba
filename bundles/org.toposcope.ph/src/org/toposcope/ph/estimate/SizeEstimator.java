package org.toposcope.ph.estimate;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

import org.toposcope.ph.EnclosingRadius;
import org.toposcope.ph.Subsampling;
import org.toposcope.ph.rips.RipsPersistence;

/**
 * Predicts the size of a Vietoris–Rips computation without building it. Edges are counted over all
 * pairs when that costs less than {@link #BUDGET} coordinate operations, else over a sample of start
 * vertices against a random pool. Higher simplices are counted with Knuth's path estimator: from a start
 * v, pick a random u1 among v's higher neighbours, then u2 among the higher common neighbours, ...; the
 * product of the candidate-set sizes is an unbiased count of the cliques whose lowest vertex is v.
 * Candidate sets above {@link #SET_CAP} are replaced by a uniform subset and a weight. Memory follows the
 * data layout of {@code RipsFiltration} and {@code RipsPersistence}; time is a rough fit on this machine
 * class. The whole estimate is bounded by its budget, so it takes well under a second for any input.
 */
public final class SizeEstimator {

    /** Coordinate operations (distance evaluations times their cost) the main estimate may spend. */
    static final long BUDGET = 40_000_000L;
    /** The smaller budget of each trial in the search for a change that fits. */
    static final long TRIAL_BUDGET = 3_000_000L;
    static final int SET_CAP = 192;
    /** A distance evaluation's fixed cost (call, random access) in coordinate operations. */
    static final int CALL_COST = 8;
    static final int POOL = 2048;

    /** Fraction of a dimension's simplices that become columns (the rest are apparent or cleared); measured. */
    static final double COLUMN_FRACTION = 0.03;
    /**
     * Entries of the reduction matrix V per column in H1 and above: 1 to 3 in H1 on the test clouds, 30 in
     * the H2 of 1,024 O(3) points at 2.02 (73,354 columns, 2.2 M entries); measured.
     */
    static final double V_ENTRIES_H1 = 4;
    static final double V_ENTRIES_ABOVE = 16;

    private final String name;
    private final int n;
    private final Subsampling.DistanceFunction distance;
    private final int cost;
    private final long inputBytes;
    private final boolean collapse;
    private final int threads;

    /**
     * @param distance   distances between the input's points
     * @param cost       the cost of one distance, in coordinate operations (the cloud's dimension; 1 for a matrix)
     * @param inputBytes bytes the run allocates for its distance table before the filtration (0 when the
     *                   table already exists)
     * @param collapse   whether the run will collapse edges first
     */
    public SizeEstimator(String name, int n, Subsampling.DistanceFunction distance, int cost, long inputBytes,
            boolean collapse) {
        this(name, n, distance, cost, inputBytes, collapse, Runtime.getRuntime().availableProcessors());
    }

    /** As above, for a reduction on {@code threads} threads (the parallel phase has its own working heaps). */
    public SizeEstimator(String name, int n, Subsampling.DistanceFunction distance, int cost, long inputBytes,
            boolean collapse, int threads) {
        this.threads = Math.max(1, threads);
        this.name = name;
        this.n = n;
        this.distance = distance;
        this.cost = Math.max(1, cost) + CALL_COST;
        this.inputBytes = inputBytes;
        this.collapse = collapse;
    }

    /** The estimate at {@code threshold} (NaN: the enclosing radius). */
    public SizeEstimate estimate(int maxDimension, double threshold) {
        long start = System.nanoTime();
        double t = Double.isNaN(threshold) ? enclosingRadius(BUDGET / 2) : threshold;
        Counts c = count(t, maxDimension + 1, BUDGET, 1);
        long peak = peakBytes(n, c.simplices, maxDimension);
        return new SizeEstimate(name, n, maxDimension, t, c.simplices, c.exact, peak, seconds(c.simplices, maxDimension),
                (System.nanoTime() - start) / 1e9);
    }

    /**
     * Null when {@code e} fits in {@code limit} bytes; else the one-line refusal, with the changes that
     * bring the estimate under the limit.
     */
    public String refusal(SizeEstimate e, long limit) {
        return refusal(e, limit, List.of());
    }

    /**
     * As {@link #refusal(SizeEstimate, long)}, with changes the caller found to fit (such as {@code --sparse 0.5},
     * which needs the backend's sparse graph) listed after this estimator's own.
     */
    public String refusal(SizeEstimate e, long limit, List<String> otherFixes) {
        if (e.peakBytes() <= limit) {
            return null;
        }
        List<String> fixes = fixes(e, limit);
        fixes.addAll(otherFixes);
        String advice = fixes.isEmpty() ? "no smaller setting fits; give Java more memory (-Xmx)"
                : "it fits with " + String.join(" or ", fixes);
        return String.format(Locale.ROOT,
                "%s: %d points need about %s for a Vietoris–Rips complex up to H%d (estimate: %s), more than the %s allowed (max-memory); %s",
                name, n, SizeEstimate.bytes(e.peakBytes()), e.maxDimension(), e.summary(), SizeEstimate.bytes(limit),
                advice);
    }

    /** The changes of threshold, landmarks or dimension under which this estimator's run would fit in {@code limit} bytes. */
    public List<String> fixes(SizeEstimate e, long limit) {
        List<String> fixes = new ArrayList<>();
        // the distance table and ranks do not shrink with the threshold or the dimension: only fewer points help
        boolean tableFits = peakBytes(n, new double[] {n}, 0) <= limit;
        // margins of 10 %: the trials use a smaller sample than the run's own estimate
        double t = tableFits ? 0.9 * largestFittingThreshold(e, limit) : -1;
        if (t > 0) {
            fixes.add("--threshold " + String.format(Locale.ROOT, "%.3g", t));
        }
        int m = (int) (0.9 * largestFittingLandmarks(e, limit));
        if (m >= 2) {
            fixes.add("--landmarks " + m + " (maxmin)");
        }
        for (int d = e.maxDimension() - 1; d >= 0 && tableFits; d--) {
            if (peakBytes(n, e.simplices(), d) <= limit) {
                fixes.add("--dim " + d);
                break;
            }
        }
        return fixes;
    }

    // ---------------------------------------------------------------- counting

    private record Counts(double[] simplices, boolean exact) {
    }

    /** Estimated number of simplices of dimension 0 .. top at threshold t. */
    private Counts count(double t, int top, long budget, long seed) {
        double[] sums = new double[top + 1];
        sums[0] = n;
        if (n < 2 || top < 1) {
            return new Counts(sums, true);
        }
        SplittableRandom random = new SplittableRandom(0x5EED_0000L + seed);
        boolean exact = (double) n * n / 2 * cost <= budget;
        int starts = exact ? n : (int) Math.max(16, Math.min(n, budget / 2 / ((long) Math.min(n, POOL) * cost)));
        int pool = exact ? n : Math.min(n, POOL);
        long perPath = (long) SET_CAP * cost * Math.max(1, top - 1);
        int paths = (int) Math.max(2, Math.min(64, budget / 2 / Math.max(1, (long) starts * perPath)));
        int[] set = new int[Math.max(n, pool)];
        int[] scratchA = new int[Math.max(n, pool)];
        int[] scratchB = new int[Math.max(n, pool)];
        double[] estimate = new double[top + 1];
        double[] levelSum = new double[top + 1];
        for (int s = 0; s < starts; s++) {
            int v = exact ? s : random.nextInt(n);
            // the higher neighbours of v, or a weighted uniform sample of them
            int size = 0;
            double weight;
            if (exact) {
                for (int x = v + 1; x < n; x++) {
                    if (distance.between(v, x) <= t) {
                        set[size++] = x;
                    }
                }
                weight = 1;
            } else {
                for (int k = 0; k < pool; k++) {
                    int x = random.nextInt(n);
                    if (x > v && distance.between(v, x) <= t) {
                        set[size++] = x;
                    }
                }
                weight = (double) n / pool;
            }
            levelSum[1] += weight * size;
            if (top < 2 || size < 1) {
                continue;
            }
            if (size > SET_CAP) {
                weight *= (double) size / SET_CAP;
                shuffleHead(set, size, SET_CAP, random);
                size = SET_CAP;
            }
            java.util.Arrays.fill(estimate, 0);
            for (int p = 0; p < paths; p++) {
                double product = weight * size;
                int[] level = set; // read only: every path starts from it
                int levelSize = size;
                double w = weight;
                int[] out = scratchA;
                for (int depth = 2; depth <= top && levelSize > 0; depth++) {
                    int u = level[random.nextInt(levelSize)];
                    int m = 0;
                    for (int k = 0; k < levelSize; k++) {
                        int x = level[k];
                        if (x > u && distance.between(u, x) <= t) {
                            out[m++] = x;
                        }
                    }
                    product *= w * m;
                    estimate[depth] += product;
                    if (m > SET_CAP) {
                        w *= (double) m / SET_CAP;
                        shuffleHead(out, m, SET_CAP, random);
                        m = SET_CAP;
                    }
                    level = out;
                    out = out == scratchA ? scratchB : scratchA;
                    levelSize = m;
                }
            }
            for (int depth = 2; depth <= top; depth++) {
                levelSum[depth] += estimate[depth] / paths;
            }
        }
        double scale = exact ? 1 : (double) n / starts;
        for (int d = 1; d <= top; d++) {
            sums[d] = levelSum[d] * scale;
        }
        return new Counts(sums, exact);
    }

    private static void shuffleHead(int[] a, int size, int head, SplittableRandom random) {
        for (int i = 0; i < head; i++) {
            int j = i + random.nextInt(size - i);
            int x = a[i];
            a[i] = a[j];
            a[j] = x;
        }
    }

    /** The enclosing radius: exact within budget, else the smallest eccentricity of sampled points against a random pool. */
    private double enclosingRadius(long budget) {
        if ((double) n * n / 2 * cost <= budget) {
            return EnclosingRadius.of(n, distance);
        }
        SplittableRandom random = new SplittableRandom(0xECC);
        int pool = Math.min(n, POOL);
        int starts = (int) Math.max(8, Math.min(n, budget / ((long) pool * cost)));
        double r = Double.POSITIVE_INFINITY;
        for (int s = 0; s < starts; s++) {
            int v = random.nextInt(n);
            double ecc = 0;
            for (int k = 0; k < pool; k++) {
                ecc = Math.max(ecc, distance.between(v, random.nextInt(n)));
            }
            r = Math.min(r, ecc);
        }
        return r;
    }

    // ---------------------------------------------------------------- memory and time

    /**
     * Peak heap bytes of a run: the distance table and edge ranks (8 + 4 bytes a pair), neighbour lists
     * (16 bytes an edge), adjacency bitsets; the collapse's working arrays; then the reduction's phases: H0
     * streams and sorts packed edge keys (about 32 bytes an edge with buffers and the sort's copy) and keeps the edges for H2 (12 bytes,
     * grown by half), and each dimension d >= 2 keeps its simplices for d + 1 and assembles its columns.
     * Columns are the simplices left after clearing and apparent pairs: about 1 % of the edges and 2 % of
     * the higher simplices on the test clouds; {@link #COLUMN_FRACTION} (3 %) is used above both. Reducing
     * them keeps per column its pivot (36 bytes), its reduction column (V, entries of 8 bytes in an array
     * grown by half) and the working heaps: with several threads, the parallel phase's bounded budget
     * ({@link RipsPersistence#workingEntries}, plus a quarter for first coboundaries and about as much
     * kept between columns, in arrays grown by half); on one thread, one column's pair of heaps.
     */
    long peakBytes(int points, double[] simplices, int maxDimension) {
        double pairs = (double) points * (points - 1) / 2;
        double edges = simplices(simplices, 1);
        double words = (points + 63) / 64;
        double layout = inputBytes + pairs * 4 + edges * 16 + (words * points * 2 <= 2 * edges ? words * points * 8 : 0)
                + 8.0 * (maxDimension + 3) * (points + 1);
        boolean collapsing = collapse && maxDimension >= 1 && points > 3;
        double collapseBytes = collapsing ? pairs * (4 + 8) + edges * 20 + 2 * words * points * 8 : 0;
        // building the ranks sorts a copy of the edge lengths; H0 streams, packs and sorts the edge keys
        double phase = Math.max(edges * 16, edges * 32 + (maxDimension >= 2 ? edges * 12 * 1.5 : 0));
        double meanDegree = points == 0 ? 0 : 2 * edges / points;
        // the budget, first coboundaries (a quarter) and what the batch keeps between columns (about a budget)
        double working = threads > 1 ? 8 * 1.5 * 2.25 * RipsPersistence.workingEntries(points, (long) edges)
                : 2 * 8 * 1.5 * Math.min(1 << 20, 8 * (meanDegree + 1));
        for (int d = 1; d <= maxDimension; d++) {
            double columns = simplices(simplices, d) * COLUMN_FRACTION;
            double kept = d >= 2 && d < maxDimension ? simplices(simplices, d) * 12 * 1.5 : 0;
            double previous = d >= 2 ? simplices(simplices, d - 1) * 12 : 0;
            double assembly = columns * 12 * 2;
            double reduced = columns * columnBytes(entriesPerColumn(d, -1));
            phase = Math.max(phase, previous + kept + assembly + reduced + working);
        }
        double total = layout + Math.max(collapseBytes, phase) + 1e6;
        return total >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) total;
    }

    /** Bytes a reduced column keeps: its pivot (36) and its V entries (8 each, V grows by half: old and new array while copying). */
    public static double columnBytes(double entriesPerColumn) {
        return 36 + entriesPerColumn * 8 * 2.5;
    }

    /**
     * V entries assumed for a column of dimension d; given the dimension below's measured mean ({@code measuredBelow}
     * &gt;= 0), scaled up by as much as that exceeded its own assumption (1,024 O(3) points at 2.02: 13.4 in H1,
     * where 4 are assumed, and 29 in H2).
     */
    public static double entriesPerColumn(int d, double measuredBelow) {
        double assumed = d == 1 ? V_ENTRIES_H1 : V_ENTRIES_ABOVE;
        if (measuredBelow < 0 || d < 2) {
            return assumed;
        }
        double assumedBelow = d - 1 == 1 ? V_ENTRIES_H1 : V_ENTRIES_ABOVE;
        return assumed * Math.max(1, measuredBelow / assumedBelow);
    }

    private static double simplices(double[] s, int d) {
        return d < s.length ? s[d] : 0;
    }

    /**
     * A rough fit on a 2-core machine: distances, the filtration build, the collapse (an edge costs about
     * the mean degree), the columns reduced and the apparent-pair checks of the simplices above them.
     */
    double seconds(double[] simplices, int maxDimension) {
        double pairs = (double) n * (n - 1) / 2;
        double s = pairs * (cost - CALL_COST) * 1.5e-9 + pairs * 2e-8 + simplices(simplices, 1) * 1e-6;
        for (int d = 1; d <= maxDimension; d++) {
            s += simplices(simplices, d) * (COLUMN_FRACTION * 4e-6 + 3e-8) + simplices(simplices, d + 1) * 5e-9;
        }
        if (collapse && maxDimension >= 1 && n > 0) {
            s += simplices(simplices, 1) * (2 * simplices(simplices, 1) / n) * 8e-9; // an edge costs about the mean degree
        }
        return s;
    }

    // ---------------------------------------------------------------- what would fit

    private double largestFittingThreshold(SizeEstimate e, long limit) {
        double hi = e.threshold();
        if (Double.isInfinite(hi)) {
            hi = enclosingRadius(TRIAL_BUDGET) * 2;
        }
        double lo = 0;
        if (fits(lo, e.maxDimension(), limit) == false) {
            return -1; // even the vertices alone do not fit
        }
        for (int i = 0; i < 12; i++) {
            double mid = (lo + hi) / 2;
            if (fits(mid, e.maxDimension(), limit)) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    private boolean fits(double t, int maxDimension, long limit) {
        Counts c = count(t, maxDimension + 1, TRIAL_BUDGET, 7);
        return peakBytes(n, c.simplices, maxDimension) <= limit;
    }

    /** Largest landmark count whose complex, scaled from this one (k-simplices ~ (m/n)^(k+1)), fits. */
    private int largestFittingLandmarks(SizeEstimate e, long limit) {
        int lo = 1;
        int hi = n;
        double[] full = e.simplices();
        while (hi - lo > 1) {
            int m = (lo + hi) >>> 1;
            double[] scaled = new double[full.length];
            double f = (double) m / n;
            for (int d = 0; d < full.length; d++) {
                scaled[d] = full[d] * Math.pow(f, d + 1);
            }
            double input = (double) inputBytes * f * f;
            SizeEstimator sub = new SizeEstimator(name, m, distance, cost, (long) input, collapse, threads);
            if (sub.peakBytes(m, scaled, e.maxDimension()) <= limit) {
                lo = m;
            } else {
                hi = m;
            }
        }
        return lo >= n ? -1 : lo;
    }
}
