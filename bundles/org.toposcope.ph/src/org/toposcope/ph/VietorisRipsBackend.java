package org.toposcope.ph;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ForkJoinPool;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.MergeEvent;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceResult;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.model.RepresentativeCycle;
import org.toposcope.core.model.SparseDistances;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.ph.collapse.EdgeCollapse;
import org.toposcope.ph.estimate.MemoryLimit;
import org.toposcope.ph.estimate.SizeEstimate;
import org.toposcope.ph.estimate.SizeEstimator;
import org.toposcope.ph.rips.RipsFiltration;
import org.toposcope.ph.rips.RipsPersistence;
import org.toposcope.ph.sparse.SparseRips;
import org.toposcope.ph.sparse.WitnessComplex;

/** Vietoris–Rips persistence with Z/2 coefficients, as ripser computes it. */
@Component(service = FiltrationBackend.class)
public final class VietorisRipsBackend implements FiltrationBackend {

    public static final String ID = "vietoris-rips";
    static final String ENCLOSING_RADIUS = "enclosing-radius";
    /** Collapse pays once H2 is asked for: it costs about as much as an H1 reduction saves (docs/architecture.md). */
    static final int COLLAPSE_FROM = 2;
    /** The share of edges a collapse must remove for {@code collapse=auto} to use it. */
    static final double AUTO_COLLAPSE_MIN_REMOVED = 0.1;
    /** The note a subsampled result carries in its name: the approximation and its proven bound. */
    public static final String APPROXIMATION = " [approximation: ";

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.integer("max-dimension", 1, "highest homology dimension, 0 to 3"),
            ParameterSpec.text("threshold", ENCLOSING_RADIUS,
                    "largest edge length: a number, inf, or enclosing-radius (as ripser; inf for sparse input)"),
            ParameterSpec.choice("metric", "euclidean", "distance between points of a cloud", "euclidean", "cosine",
                    "manhattan", "chebyshev"),
            ParameterSpec.choice("subsample", "none", "reduce large clouds to subsample-size points first", "none",
                    "maxmin", "random"),
            ParameterSpec.integer("subsample-size", 1000, "points kept by maxmin or random subsampling"),
            ParameterSpec.integer("seed", 0, "seed of random subsampling; first landmark of maxmin"),
            ParameterSpec.integer("threads", 0, "threads of the reduction, 0 = all cores; the diagram does not depend on it"),
            ParameterSpec.choice("collapse", "auto",
                    "exact edge collapse before the reduction (diagrams unchanged); auto = on from max-dimension "
                            + COLLAPSE_FROM + " up when it removes at least a tenth of the edges",
                    "auto", "on", "off"),
            ParameterSpec.text("max-memory", MemoryLimit.AUTO,
                    "refuse, before starting, a run whose estimated peak memory exceeds this (512m, 2g; auto = what the JVM can still use)"),
            ParameterSpec.real("sparse", 0, "sparse Rips epsilon, 0 = exact, else in (0, 1): Cavanna, Jahanseir & Sheehy 2015;"
                    + " log-scale bottleneck distance to the exact diagram <= -log(1 - epsilon), recorded in the result"),
            ParameterSpec.bool("witness", false, "with maxmin or random landmarks: the lazy witness complex (nu = 0, every point"
                    + " a witness) on them instead of their Rips complex; log-scale bottleneck distance to Rips of the landmarks"
                    + " <= log 2, recorded in the result"));

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Vietoris–Rips persistence (ripser's algorithm, Z/2, dimensions 0-3) of clouds and distance matrices";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public PersistenceDiagram compute(PointCloud cloud, Parameters p, Progress progress) {
        return computeCloud(cloud, p, progress, false).diagram();
    }

    @Override
    public PersistenceResult computeWithCycles(PointCloud cloud, Parameters p, Progress progress) {
        return computeCloud(cloud, p, progress, true);
    }

    private PersistenceResult computeCloud(PointCloud cloud, Parameters p, Progress progress, boolean explain) {
        checkFinite(cloud);
        Metric metric = Metric.of(p.text("metric"));
        double epsilon = sparseEpsilon(cloud.name(), p);
        if (epsilon > 0) {
            checkFits(cloud.name(), cloud.size());
            return computeSparseRips(cloud.name(), cloud.size(), metric.lowerTriangle(cloud), true, metric, p, progress, explain);
        }
        if (witness(cloud.name(), p)) {
            int[] landmarks = landmarks(cloud.size(), metric.pairwise(cloud), p);
            return computeWitness(cloud.name(), cloud.size(), metric.pairwise(cloud), landmarks, p, progress, explain);
        }
        int[] chosen = chosenRows(cloud, p);
        PointCloud used = chosen == null ? cloud : restrict(cloud, chosen);
        int n = used.size();
        guard(estimator(used.name(), n, metric.pairwise(used), used.dimension(), 8L * n * (n - 1) / 2, p, explain), p,
                threshold(p, false), sparseFix(used.name(), n, metric.pairwise(used), used.dimension(), p));
        checkFits(used.name(), n);
        double[] lower = metric.lowerTriangle(used);
        PersistenceResult r = compute(used.name(), n, lower, p, threshold(p, false), progress, explain);
        return chosen == null ? r : approximate(toInputRows(r, chosen), cloud.size(), chosen, metric.pairwise(cloud), p);
    }

    @Override
    public PersistenceDiagram compute(LowerDistanceMatrix distances, Parameters p, Progress progress) {
        return computeMatrix(distances, p, progress, false).diagram();
    }

    @Override
    public PersistenceResult computeWithCycles(LowerDistanceMatrix distances, Parameters p, Progress progress) {
        return computeMatrix(distances, p, progress, true);
    }

    private PersistenceResult computeMatrix(LowerDistanceMatrix distances, Parameters p, Progress progress, boolean explain) {
        if (sparseEpsilon(distances.name(), p) > 0) {
            return computeSparseRips(distances.name(), distances.size(), distances.values(), false, null, p, progress, explain);
        }
        if (witness(distances.name(), p)) {
            int[] landmarks = landmarks(distances.size(), distances::get, p);
            return computeWitness(distances.name(), distances.size(), distances::get, landmarks, p, progress, explain);
        }
        LowerDistanceMatrix used = distances;
        String method = p.text("subsample");
        int size = p.integer("subsample-size");
        if (!method.equals("none") && distances.size() > size) {
            int[] chosen = method.equals("maxmin")
                    ? Subsampling.maxmin(distances.size(), distances::get, size, firstLandmark(p, distances.size()))
                    : Subsampling.random(distances.size(), size, p.integer("seed"));
            LowerDistanceMatrix sub = Subsampling.restrict(distances, chosen);
            guard(estimator(sub.name(), sub.size(), sub::get, 1, 0, p, explain), p, threshold(p, false), limit -> List.of());
            PersistenceResult r = compute(sub.name(), sub.size(), sub.values(), p, threshold(p, false), progress, explain);
            return approximate(toInputRows(r, chosen), distances.size(), chosen, distances::get, p);
        }
        guard(estimator(used.name(), used.size(), used::get, 1, 0, p, explain), p, threshold(p, false),
                sparseFix(used.name(), used.size(), used::get, 1, p));
        return compute(used.name(), used.size(), used.values(), p, threshold(p, false), progress, explain);
    }

    @Override
    public PersistenceDiagram compute(SparseDistances distances, Parameters p, Progress progress) {
        return computeSparse(distances, p, progress, false).diagram();
    }

    @Override
    public PersistenceResult computeWithCycles(SparseDistances distances, Parameters p, Progress progress) {
        return computeSparse(distances, p, progress, true);
    }

    private PersistenceResult computeSparse(SparseDistances distances, Parameters p, Progress progress, boolean explain) {
        if (sparseEpsilon(distances.name(), p) > 0 || witness(distances.name(), p)) {
            throw new ToposcopeException(distances.name() + ": sparse Rips and the witness complex need all distances"
                    + " (a point cloud or a distance matrix), not a sparse distance list");
        }
        int n = distances.size();
        checkFits(distances.name(), n);
        double[] lower = new double[(int) ((long) n * (n - 1) / 2)];
        java.util.Arrays.fill(lower, Double.POSITIVE_INFINITY); // a pair not listed never becomes an edge
        for (int e = 0; e < distances.edgeCount(); e++) {
            int i = distances.first(e);
            int j = distances.second(e);
            if (i != j) {
                int a = Math.max(i, j);
                int b = Math.min(i, j);
                lower[a * (a - 1) / 2 + b] = Math.min(lower[a * (a - 1) / 2 + b], distances.distance(e));
            }
        }
        guard(estimator(distances.name(), n, (i, j) -> i == j ? 0 : lower[Math.max(i, j) * (Math.max(i, j) - 1) / 2 + Math.min(i, j)],
                1, 0, p, explain), p, threshold(p, true), limit -> List.of());
        return compute(distances.name(), n, lower, p, threshold(p, true), progress, explain);
    }

    /**
     * The size estimate of a run with these parameters, without running it (after subsampling, if asked).
     * {@code toposcope ph --estimate} prints it; every {@code compute} makes it first and refuses a run that
     * would not fit in {@code max-memory}.
     */
    public SizeEstimate estimate(PointCloud cloud, Parameters p) {
        checkFinite(cloud);
        if (sparseEpsilon(cloud.name(), p) > 0 || witness(cloud.name(), p)) {
            Metric metric = Metric.of(p.text("metric"));
            return unfinite(approximationEstimator(cloud.name(), cloud.size(), metric.pairwise(cloud), cloud.dimension(), p)
                    .estimate(dimension(cloud.name(), p), finite(approximationThreshold(p))));
        }
        int[] chosen = chosenRows(cloud, p);
        PointCloud used = chosen == null ? cloud : restrict(cloud, chosen);
        Metric metric = Metric.of(p.text("metric"));
        int n = used.size();
        return estimator(used.name(), n, metric.pairwise(used), used.dimension(), 8L * n * (n - 1) / 2, p)
                .estimate(dimension(used.name(), p), threshold(p, false));
    }

    /** As {@link #estimate(PointCloud, Parameters)}, for a distance matrix. */
    public SizeEstimate estimate(LowerDistanceMatrix distances, Parameters p) {
        if (sparseEpsilon(distances.name(), p) > 0 || witness(distances.name(), p)) {
            return unfinite(approximationEstimator(distances.name(), distances.size(), distances::get, 1, p)
                    .estimate(dimension(distances.name(), p), finite(approximationThreshold(p))));
        }
        return estimator(distances.name(), distances.size(), distances::get, 1, 0, p)
                .estimate(dimension(distances.name(), p), threshold(p, false));
    }

    /** As {@link #estimate(PointCloud, Parameters)}, for sparse distances (missing pairs are not edges). */
    public SizeEstimate estimate(SparseDistances distances, Parameters p) {
        if (sparseEpsilon(distances.name(), p) > 0 || witness(distances.name(), p)) {
            throw new ToposcopeException(distances.name() + ": sparse Rips and the witness complex need all distances"
                    + " (a point cloud or a distance matrix), not a sparse distance list");
        }
        java.util.Map<Long, Double> given = new java.util.HashMap<>();
        for (int e = 0; e < distances.edgeCount(); e++) {
            long key = (long) Math.max(distances.first(e), distances.second(e)) << 32 | Math.min(distances.first(e), distances.second(e));
            given.merge(key, distances.distance(e), Math::min);
        }
        int n = distances.size();
        return estimator(distances.name(), n,
                (i, j) -> i == j ? 0 : given.getOrDefault((long) Math.max(i, j) << 32 | Math.min(i, j), Double.POSITIVE_INFINITY),
                1, 8L * n * (n - 1) / 2, p).estimate(dimension(distances.name(), p), threshold(p, true));
    }

    /** The edges an exact collapse removes from this input with these parameters (for --estimate; runs the collapse). */
    public EdgeCollapse.Result collapse(double[] lower, int n, Parameters p) {
        double t = threshold(p, false);
        return EdgeCollapse.collapse(n, lower, Double.isNaN(t) ? EnclosingRadius.of(n, lower) : t, Progress.none());
    }

    /**
     * The estimate of the reduction over {@link #collapse}'s graph, at the threshold it collapsed at, as the run
     * would make it (the input's table and the collapsed one both held: {@code inputBytes} for the input's, when the
     * run computes it); null when {@code collapse=auto} would keep every edge.
     */
    public SizeEstimate estimateAfter(EdgeCollapse.Result collapse, String name, int n, Parameters p, long inputBytes) {
        if (!worthCollapsing(collapse, p)) {
            return null;
        }
        double[] table = collapse.lower();
        return new SizeEstimator(name, n, table(table), 1, inputBytes + 8L * table.length, false, threads(p))
                .estimate(dimension(name, p), collapse.threshold());
    }

    private SizeEstimator estimator(String name, int n, Subsampling.DistanceFunction distance, int cost, long inputBytes,
            Parameters p) {
        return estimator(name, n, distance, cost, inputBytes, p, false);
    }

    private SizeEstimator estimator(String name, int n, Subsampling.DistanceFunction distance, int cost, long inputBytes,
            Parameters p, boolean explain) {
        return new SizeEstimator(name, n, distance, cost, inputBytes, collapses(p, explain), threads(p));
    }

    /** Refuses, in one line, a run whose estimate exceeds max-memory; the estimate is bounded to well under a second. */
    private static void guard(SizeEstimator estimator, Parameters p, double threshold,
            java.util.function.Function<Long, List<String>> otherFixes) {
        long limit = MemoryLimit.parse(p.text("max-memory"));
        int dim = p.integer("max-dimension");
        if (dim < 0 || dim > 3) {
            return; // the run itself reports the unsupported dimension
        }
        SizeEstimate e = estimator.estimate(dim, threshold);
        if (e.peakBytes() > limit && p.text("max-memory").trim().equalsIgnoreCase(MemoryLimit.AUTO)) {
            System.gc(); // "in use" counted garbage too: measure again before refusing
            limit = MemoryLimit.parse(MemoryLimit.AUTO);
        }
        String refusal = e.peakBytes() > limit ? estimator.refusal(e, limit, otherFixes.apply(limit)) : null;
        if (refusal != null) {
            throw new ToposcopeException(refusal);
        }
    }

    private static int dimension(String name, Parameters p) {
        int maxDimension = p.integer("max-dimension");
        if (maxDimension < 0 || maxDimension > 3) {
            throw new ToposcopeException(name + ": homology dimension " + maxDimension + " is not supported (0 to 3)");
        }
        return maxDimension;
    }

    // cycles are read off the filtration the reduction sees, and a collapse moves edges to later values:
    // a run that explains itself does not collapse
    private static boolean collapses(Parameters p, boolean explain) {
        if (explain || p.real("sparse") > 0) { // sparse Rips is not a flag complex (its blocker): collapse does not apply
            return false;
        }
        return switch (p.text("collapse")) {
            case "on" -> true;
            case "off" -> false;
            default -> p.integer("max-dimension") >= COLLAPSE_FROM;
        };
    }

    /** The collapsed table (a new one: the input's stays as it was), or {@code lower} where auto finds it not worth it. */
    private static double[] collapsed(int n, double[] lower, double t, Parameters p, Progress progress) {
        EdgeCollapse.Result c = EdgeCollapse.collapse(n, lower, t, progress);
        // removing 1 % of the edges while moving others later made o3-1024 at t = 2.02 take 58 s instead of 41 s;
        // activation clouds and o3-4096 lose 70-75 % and gain up to tenfold
        return worthCollapsing(c, p) ? c.lower() : lower;
    }

    private static boolean worthCollapsing(EdgeCollapse.Result c, Parameters p) {
        return !"auto".equals(p.text("collapse")) || c.removed() >= AUTO_COLLAPSE_MIN_REMOVED * c.edges();
    }

    private PersistenceResult compute(String name, int n, double[] lower, Parameters p, double threshold,
            Progress progress, boolean explain) {
        return compute(name, n, lower, p, threshold, progress, explain, null);
    }

    /** With {@code sparse}, its blocker applies and nothing is collapsed. */
    private PersistenceResult compute(String name, int n, double[] lower, Parameters p, double threshold,
            Progress progress, boolean explain, SparseRips sparse) {
        int maxDimension = p.integer("max-dimension");
        if (maxDimension < 0 || maxDimension > 3) {
            throw new ToposcopeException(name + ": homology dimension " + maxDimension + " is not supported (0 to 3)");
        }
        int threads = threads(p);
        double t = Double.isNaN(threshold) ? EnclosingRadius.of(n, lower) : threshold;
        double[] table = sparse == null && collapses(p, explain) && maxDimension >= 1 && n > 3
                ? collapsed(n, lower, t, p, progress)
                : lower;
        try {
            return inPool(threads, () -> {
                RipsFiltration filtration = sparse == null ? RipsFiltration.fromLowerTriangle(n, table, maxDimension, t)
                        : RipsFiltration.fromLowerTriangle(n, table, maxDimension, t, sparse.insertionRadii(), sparse.blockerFactor());
                RipsPersistence.BeforeReduction room = roomCheck(name);
                return explain ? RipsPersistence.computeWithCycles(filtration, name, threads, progress, room)
                        : new PersistenceResult(RipsPersistence.compute(filtration, name, threads, progress, room), List.of(),
                                List.of());
            });
        } catch (OutOfMemoryError e) {
            // the filtration and the reduction's columns were this call's own: gone now, so the message can be built
            throw new ToposcopeException(outOfMemory(name, n, table, t, p, explain, sparse != null));
        }
    }

    /**
     * Stops a run before a dimension's reduction (H2 and up) whose columns would not fit in what the heap has left:
     * their count is exact by then, and their V entries are scaled by how far the dimension below exceeded the
     * estimate's assumption, since dense reductions (every pivot taken late) make every dimension's columns long.
     */
    private static RipsPersistence.BeforeReduction roomCheck(String name) {
        return (dim, columns, columnsBelow, entriesBelow) -> {
            double measured = columnsBelow == 0 ? 0 : (double) entriesBelow / columnsBelow;
            double perColumn = SizeEstimator.entriesPerColumn(dim, measured);
            double need = columns * SizeEstimator.columnBytes(perColumn);
            if (need <= MemoryLimit.available()) {
                return;
            }
            System.gc(); // garbage was counted as in use: measure again before stopping
            long left = MemoryLimit.available();
            if (need > left) {
                throw new ToposcopeException(String.format(java.util.Locale.ROOT,
                        "%s: stopped before the H%d reduction: its %d columns would keep about %s (about %.0f entries a column;"
                                + " H%d's had %.1f), more than the %s Java has left; lower --threshold or use --dim %d,"
                                + " or give Java more memory (-Xmx)",
                        name, dim, columns, SizeEstimate.bytes(need), perColumn, dim - 1, measured, SizeEstimate.bytes(left),
                        dim - 1));
            }
        };
    }

    /**
     * The one line for a run that passed its estimate and still ran out of memory (max-memory set above the heap, or
     * a dense complex whose reduction columns grow several times longer than the estimate assumes).
     */
    private String outOfMemory(String name, int n, double[] table, double t, Parameters p, boolean explain, boolean sparse) {
        int dim = p.integer("max-dimension");
        SizeEstimator estimator = new SizeEstimator(name, n, table(table), 1, 0, !sparse && collapses(p, explain), threads(p));
        SizeEstimate e = estimator.estimate(dim, finite(t));
        List<String> fixes = estimator.fixes(e, e.peakBytes() / 4);
        return String.format(java.util.Locale.ROOT,
                "%s: %d points ran out of memory in the Vietoris–Rips reduction up to H%d (estimated peak %s, Java's heap at most %s); %s",
                name, n, dim, SizeEstimate.bytes(e.peakBytes()), SizeEstimate.bytes(Runtime.getRuntime().maxMemory()),
                fixes.isEmpty() ? "give Java more memory (-Xmx)"
                        : "try " + String.join(" or ", fixes) + ", or give Java more memory (-Xmx)");
    }

    // ---------------------------------------------------------------- approximations: sparse Rips, witness complex

    /** The sparse parameter, checked: 0 (exact) or in (0, 1). */
    private static double sparseEpsilon(String name, Parameters p) {
        double epsilon = p.real("sparse");
        if (epsilon != 0) {
            try {
                SparseRips.check(epsilon);
            } catch (ToposcopeException e) {
                throw new ToposcopeException(name + ": " + e.getMessage());
            }
            if (!p.text("subsample").equals("none") || p.bool("witness")) {
                throw new ToposcopeException(name + ": sparse Rips does not combine with landmarks or the witness complex"
                        + " (their bounds would not add up to one); use one approximation");
            }
        }
        return epsilon;
    }

    /** Whether the witness complex is asked for; it needs landmarks. */
    private static boolean witness(String name, Parameters p) {
        if (!p.bool("witness")) {
            return false;
        }
        if (p.text("subsample").equals("none")) {
            throw new ToposcopeException(name + ": the witness complex needs landmarks (--landmarks M, or subsample maxmin)");
        }
        return true;
    }

    /** The landmarks of a witness complex: as subsampling chooses them, or every point when there are few. */
    private static int[] landmarks(int n, Subsampling.DistanceFunction distance, Parameters p) {
        int size = p.integer("subsample-size");
        if (size < 1) {
            throw new ToposcopeException("subsample-size must be at least 1, not " + size);
        }
        if (n <= size) {
            return java.util.stream.IntStream.range(0, n).toArray();
        }
        return p.text("subsample").equals("maxmin") ? Subsampling.maxmin(n, distance, size, firstLandmark(p, n))
                : Subsampling.random(n, size, p.integer("seed"));
    }

    /** The threshold of an approximate run: the enclosing-radius default becomes inf for sparse Rips (see note). */
    private static double approximationThreshold(Parameters p) {
        double t = threshold(p, false);
        return Double.isNaN(t) && p.real("sparse") > 0 ? Double.POSITIVE_INFINITY : t;
    }

    /**
     * Sparse Rips over all distances (a strict lower triangle). Its default threshold is +inf, not the enclosing
     * radius: truncating the sparse filtration where the exact one becomes a cone could leave classes born
     * there essential, and the graph has few edges at any scale.
     */
    private PersistenceResult computeSparseRips(String name, int n, double[] lower, boolean ownTable, Metric metric,
            Parameters p, Progress progress, boolean explain) {
        double epsilon = p.real("sparse");
        SparseRips sparse = SparseRips.build(n, lower, epsilon, firstLandmark(p, n));
        progress.checkCancelled();
        // a table of our own is overwritten: each relaxed value needs only its own distance
        double[] relaxed = sparse.relaxedLowerTriangle(n, lower, ownTable ? lower : new double[lower.length]);
        double t = approximationThreshold(p);
        guard(new SizeEstimator(name, n, table(relaxed), 1, 0, false), p, finite(t), limit -> List.of());
        PersistenceResult r = compute(name, n, relaxed, p, t, progress, explain, sparse);
        long edges = SparseRips.edges(relaxed, t);
        String note = String.format(java.util.Locale.ROOT,
                "sparse Rips (Cavanna, Jahanseir & Sheehy 2015), epsilon = %s, %d of %d point pairs are edges;"
                        + " (1, 1/(1-epsilon))-interleaved with the exact filtration: log-scale bottleneck distance"
                        + " (points (log b, log d)) to the exact diagram <= -log(1-epsilon) = %.6g, i.e. values within a factor %.6g%s%s]",
                epsilon, edges, (long) n * (n - 1) / 2, SparseRips.logBound(epsilon), SparseRips.factor(epsilon),
                Double.isInfinite(t) ? "" : String.format(java.util.Locale.ROOT,
                        "; the bound is for the untruncated filtrations, this run stops at threshold %.6g", t),
                metric == Metric.COSINE ? "; the bound assumes a metric, and cosine distance is not one" : "");
        return annotate(r, note);
    }

    /** The lazy witness complex (nu = 0) on the landmarks, every point a witness. */
    private PersistenceResult computeWitness(String name, int n, Subsampling.DistanceFunction distance, int[] landmarks,
            Parameters p, Progress progress, boolean explain) {
        double[] values = WitnessComplex.edgeValues(n, distance, landmarks, progress);
        int m = landmarks.length;
        guard(new SizeEstimator(name, m, table(values), 1, 0, collapses(p, explain)), p, threshold(p, false),
                limit -> List.of());
        PersistenceResult r = toInputRows(compute(name, m, values, p, threshold(p, false), progress, explain), landmarks);
        double radius = Subsampling.coveringRadius(n, distance, landmarks);
        String note = String.format(java.util.Locale.ROOT,
                "witness complex (lazy, nu = 0, de Silva & Carlsson 2004) on %s landmarks, %d of %d points, every point a"
                        + " witness; edge values within [d/2, d]: log-scale bottleneck distance (points (log b, log d)) to the"
                        + " Rips diagram of the landmarks <= log 2 = %.6g; to the exact diagram no single proven bottleneck"
                        + " bound (the filtrations are interleaved as W_t -> R_2t and R_t -> W_(t+2r), covering radius r = %.6g)]",
                p.text("subsample"), m, n, WitnessComplex.logBoundToLandmarkRips(), radius);
        return annotate(r, note);
    }

    /** The size estimator of a sparse or witness run, over the graph that run would build. */
    private SizeEstimator approximationEstimator(String name, int n, Subsampling.DistanceFunction distance, int cost,
            Parameters p) {
        if (p.real("sparse") > 0) {
            SparseRips sparse = SparseRips.build(n, distance, p.real("sparse"), firstLandmark(p, n));
            return new SizeEstimator(name, n, sparse.relaxed(distance), cost, 8L * n * (n - 1) / 2, false);
        }
        int[] landmarks = landmarks(n, distance, p);
        double[] values = WitnessComplex.edgeValues(n, distance, landmarks, Progress.none());
        return new SizeEstimator(name, landmarks.length, table(values), 1, 0, collapses(p, false));
    }

    /** Largest n*n*cost for which a refusal also tries sparse Rips (its greedy permutation costs n^2 distances). */
    static final double SPARSE_FIX_BUDGET = 1.5e8;

    /**
     * For a refusal: the smallest of --sparse 0.1, 0.5 whose estimate fits (10 % margin), when the greedy
     * permutation is cheap enough to stay within the estimate's time.
     */
    private java.util.function.Function<Long, List<String>> sparseFix(String name, int n,
            Subsampling.DistanceFunction distance, int cost, Parameters p) {
        return limit -> {
            int dim = p.integer("max-dimension");
            if ((double) n * n * (cost + 8) > SPARSE_FIX_BUDGET || n < 4 || dim < 1 || dim > 3) {
                return List.of();
            }
            for (double epsilon : new double[] {0.1, 0.5}) {
                SparseRips sparse = SparseRips.build(n, distance, epsilon, firstLandmark(p, n));
                SizeEstimate e = new SizeEstimator(name, n, sparse.relaxed(distance), cost, 8L * n * (n - 1) / 2, false)
                        .estimate(dim, Double.MAX_VALUE);
                if (e.peakBytes() <= 0.9 * limit) {
                    return List.of(String.format(java.util.Locale.ROOT, "--sparse %s", epsilon));
                }
            }
            return List.of();
        };
    }

    /** The estimator counts pairs at distance <= t: an infinite threshold would count the absent (+inf) ones. */
    private static double finite(double threshold) {
        return threshold == Double.POSITIVE_INFINITY ? Double.MAX_VALUE : threshold;
    }

    /** Undoes {@link #finite(double)} in an estimate, for its report. */
    private static SizeEstimate unfinite(SizeEstimate e) {
        return e.threshold() != Double.MAX_VALUE ? e : new SizeEstimate(e.name(), e.points(), e.maxDimension(),
                Double.POSITIVE_INFINITY, e.simplices(), e.exactEdges(), e.peakBytes(), e.seconds(), e.estimateSeconds());
    }

    private static Subsampling.DistanceFunction table(double[] lower) {
        return (i, j) -> i == j ? 0 : lower[Math.max(i, j) * (Math.max(i, j) - 1) / 2 + Math.min(i, j)];
    }

    private static PersistenceResult annotate(PersistenceResult r, String note) {
        PersistenceDiagram d = r.diagram();
        return new PersistenceResult(new PersistenceDiagram(d.name() + APPROXIMATION + note, d.dimensions()), r.cycles(),
                r.merges());
    }

    private static int threads(Parameters p) {
        int threads = p.integer("threads");
        if (threads < 0) {
            throw new ToposcopeException("threads must be 0 (all cores) or more, not " + threads);
        }
        return threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
    }

    /** Runs the work in a pool of {@code threads} threads, so that its parallel streams use no more. */
    private static <T> T inPool(int threads, java.util.concurrent.Callable<T> work) {
        ForkJoinPool pool = new ForkJoinPool(threads);
        try {
            return pool.submit(work).get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new org.toposcope.core.CancelledException();
        } finally {
            pool.shutdownNow();
        }
    }

    /** Renames the vertices of cycles and merges from subsample positions to the input's rows. */
    private static PersistenceResult toInputRows(PersistenceResult r, int[] chosen) {
        if (chosen == null) {
            return r;
        }
        List<RepresentativeCycle> cycles = new ArrayList<>();
        for (RepresentativeCycle c : r.cycles()) {
            int[][] edges = c.edges();
            for (int[] e : edges) {
                int a = chosen[e[0]];
                int b = chosen[e[1]];
                e[0] = Math.max(a, b);
                e[1] = Math.min(a, b);
            }
            cycles.add(new RepresentativeCycle(c.dimension(), c.birth(), c.death(), edges));
        }
        // a component is named by its smallest input row, which need not be its smallest subsample position
        int rows = java.util.Arrays.stream(chosen).max().orElse(-1) + 1;
        int[] parent = new int[rows];
        for (int i = 0; i < rows; i++) {
            parent[i] = i; // roots are always the smallest row of their component
        }
        List<MergeEvent> merges = new ArrayList<>();
        for (MergeEvent m : r.merges()) {
            int u = chosen[m.u()];
            int v = chosen[m.v()];
            int a = root(parent, u);
            int b = root(parent, v);
            parent[Math.max(a, b)] = Math.min(a, b);
            merges.add(new MergeEvent(m.value(), u, v, Math.min(a, b), Math.max(a, b)));
        }
        return new PersistenceResult(r.diagram(), cycles, merges);
    }

    /**
     * Refuses, before allocating, a complex whose dense pairwise tables (a double and an int per pair,
     * allocated whatever the threshold) would not fit in this JVM's heap. What depends on the threshold
     * (neighbour lists, the reduction) is the size estimate's part: counting every pair as an edge here
     * refused sparse runs that fit (4,000 points at a small threshold need 12 bytes a pair, not 35).
     */
    static void checkFits(String name, int n) {
        long pairs = (long) n * (n - 1) / 2;
        long bytes = pairs * (8 + 4);
        long max = Runtime.getRuntime().maxMemory();
        if (n > 46_340 || bytes > max) {
            throw new ToposcopeException(String.format(java.util.Locale.ROOT,
                    "%s: %d points need about %.1f GB for a Vietoris–Rips complex, more than this JVM's %.1f GB;"
                            + " subsample (--subsample maxmin --subsample-size N) or give Java more memory (-Xmx)",
                    name, n, bytes / 1e9, max / 1e9));
        }
    }

    /** NaN for "enclosing radius". */
    private static double threshold(Parameters p, boolean sparse) {
        String t = p.text("threshold").trim();
        if (t.equals(ENCLOSING_RADIUS)) {
            return sparse ? Double.POSITIVE_INFINITY : Double.NaN;
        }
        double v;
        try {
            v = t.equalsIgnoreCase("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new ToposcopeException("threshold '" + t + "' is not a number, inf or " + ENCLOSING_RADIUS);
        }
        if (Double.isNaN(v) || v < 0) {
            throw new ToposcopeException("threshold " + t + " must be a non-negative number");
        }
        return v;
    }

    private static void checkFinite(PointCloud cloud) {
        for (int i = 0; i < cloud.size(); i++) {
            for (int k = 0; k < cloud.dimension(); k++) {
                double v = cloud.get(i, k);
                if (!Double.isFinite(v)) {
                    throw new ToposcopeException(cloud.name() + ": point " + i + " has a non-finite coordinate (" + v + ")");
                }
            }
        }
    }

    private static int root(int[] parent, int x) {
        while (parent[x] != x) {
            parent[x] = parent[parent[x]];
            x = parent[x];
        }
        return x;
    }

    /** The rows subsampling keeps, or null when the whole cloud is used. */
    private static int[] chosenRows(PointCloud cloud, Parameters p) {
        String method = p.text("subsample");
        int size = p.integer("subsample-size");
        if (method.equals("none") || cloud.size() <= size) {
            return null;
        }
        if (size < 1) {
            throw new ToposcopeException("subsample-size must be at least 1, not " + size);
        }
        Metric metric = Metric.of(p.text("metric"));
        if (method.equals("maxmin")) {
            return Subsampling.maxmin(cloud.size(), metric.pairwise(cloud), size, firstLandmark(p, cloud.size()));
        }
        return Subsampling.random(cloud.size(), size, p.integer("seed"));
    }

    /**
     * Names the approximation in the diagram: Rips of a subset L of X is 2r-interleaved with Rips of X, r the
     * covering radius max_x d(x, L) (Chazal, de Silva &amp; Oudot 2014: bottleneck distance <= 2 d_GH <= 2r).
     */
    private static PersistenceResult approximate(PersistenceResult result, int n, int[] chosen,
            Subsampling.DistanceFunction distance, Parameters p) {
        PersistenceDiagram d = result.diagram();
        double r = Subsampling.coveringRadius(n, distance, chosen);
        String note = String.format(java.util.Locale.ROOT,
                "%s landmarks, %d of %d points, covering radius r = %.6g; bottleneck distance to the exact diagram <= 2r = %.6g]",
                p.text("subsample"), chosen.length, n, r, 2 * r);
        return new PersistenceResult(new PersistenceDiagram(d.name() + APPROXIMATION + note, d.dimensions()), result.cycles(),
                result.merges());
    }

    private static PointCloud restrict(PointCloud cloud, int[] chosen) {
        int d = cloud.dimension();
        double[] coords = new double[chosen.length * d];
        int[] ids = new int[chosen.length];
        int[] labels = new int[chosen.length];
        int[] rows = new int[chosen.length];
        int[] cols = new int[chosen.length];
        Provenance prov = cloud.provenance();
        for (int c = 0; c < chosen.length; c++) {
            for (int k = 0; k < d; k++) {
                coords[c * d + k] = cloud.get(chosen[c], k);
            }
            ids[c] = prov.imageId(chosen[c]);
            labels[c] = prov.label(chosen[c]);
            rows[c] = prov.rowInMap(chosen[c]);
            cols[c] = prov.columnInMap(chosen[c]);
        }
        return new PointCloud(cloud.name(), chosen.length, d, coords, new Provenance(ids, labels, rows, cols));
    }

    private static int firstLandmark(Parameters p, int n) {
        return Math.floorMod(p.integer("seed"), Math.max(1, n));
    }
}
