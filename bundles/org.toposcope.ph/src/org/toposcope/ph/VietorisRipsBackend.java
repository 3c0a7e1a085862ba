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

/** Vietoris–Rips persistence with Z/2 coefficients, as ripser computes it. */
@Component(service = FiltrationBackend.class)
public final class VietorisRipsBackend implements FiltrationBackend {

    public static final String ID = "vietoris-rips";
    static final String ENCLOSING_RADIUS = "enclosing-radius";
    /** Collapse pays once H2 is asked for: it costs about as much as an H1 reduction saves (docs/architecture.md). */
    static final int COLLAPSE_FROM = 2;
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
                            + COLLAPSE_FROM + " up",
                    "auto", "on", "off"),
            ParameterSpec.text("max-memory", MemoryLimit.AUTO,
                    "refuse, before starting, a run whose estimated peak memory exceeds this (512m, 2g; auto = what the JVM can still use)"));

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
        int[] chosen = chosenRows(cloud, p);
        PointCloud used = chosen == null ? cloud : restrict(cloud, chosen);
        Metric metric = Metric.of(p.text("metric"));
        int n = used.size();
        guard(estimator(used.name(), n, metric.pairwise(used), used.dimension(), 8L * n * (n - 1) / 2, p, explain), p, false);
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
        LowerDistanceMatrix used = distances;
        String method = p.text("subsample");
        int size = p.integer("subsample-size");
        if (!method.equals("none") && distances.size() > size) {
            int[] chosen = method.equals("maxmin")
                    ? Subsampling.maxmin(distances.size(), distances::get, size, firstLandmark(p, distances.size()))
                    : Subsampling.random(distances.size(), size, p.integer("seed"));
            LowerDistanceMatrix sub = Subsampling.restrict(distances, chosen);
            guard(estimator(sub.name(), sub.size(), sub::get, 1, 0, p, explain), p, false);
            PersistenceResult r = compute(sub.name(), sub.size(), sub.values(), p, threshold(p, false), progress, explain);
            return approximate(toInputRows(r, chosen), distances.size(), chosen, distances::get, p);
        }
        guard(estimator(used.name(), used.size(), used::get, 1, 0, p, explain), p, false);
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
                1, 0, p, explain), p, true);
        return compute(distances.name(), n, lower, p, threshold(p, true), progress, explain);
    }

    /**
     * The size estimate of a run with these parameters, without running it (after subsampling, if asked).
     * {@code toposcope ph --estimate} prints it; every {@code compute} makes it first and refuses a run that
     * would not fit in {@code max-memory}.
     */
    public SizeEstimate estimate(PointCloud cloud, Parameters p) {
        checkFinite(cloud);
        int[] chosen = chosenRows(cloud, p);
        PointCloud used = chosen == null ? cloud : restrict(cloud, chosen);
        Metric metric = Metric.of(p.text("metric"));
        int n = used.size();
        return estimator(used.name(), n, metric.pairwise(used), used.dimension(), 8L * n * (n - 1) / 2, p)
                .estimate(dimension(used.name(), p), threshold(p, false));
    }

    /** As {@link #estimate(PointCloud, Parameters)}, for a distance matrix. */
    public SizeEstimate estimate(LowerDistanceMatrix distances, Parameters p) {
        return estimator(distances.name(), distances.size(), distances::get, 1, 0, p)
                .estimate(dimension(distances.name(), p), threshold(p, false));
    }

    /** As {@link #estimate(PointCloud, Parameters)}, for sparse distances (missing pairs are not edges). */
    public SizeEstimate estimate(SparseDistances distances, Parameters p) {
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
        return EdgeCollapse.collapse(n, lower, Double.isNaN(t) ? enclosingRadius(n, lower) : t, Progress.none());
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
    private static void guard(SizeEstimator estimator, Parameters p, boolean sparse) {
        long limit = MemoryLimit.parse(p.text("max-memory"));
        int dim = p.integer("max-dimension");
        if (dim < 0 || dim > 3) {
            return; // the run itself reports the unsupported dimension
        }
        SizeEstimate e = estimator.estimate(dim, threshold(p, sparse));
        if (e.peakBytes() > limit && p.text("max-memory").trim().equalsIgnoreCase(MemoryLimit.AUTO)) {
            System.gc(); // "in use" counted garbage too: measure again before refusing
            limit = MemoryLimit.parse(MemoryLimit.AUTO);
        }
        String refusal = estimator.refusal(e, limit);
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
        if (explain) {
            return false;
        }
        return switch (p.text("collapse")) {
            case "on" -> true;
            case "off" -> false;
            default -> p.integer("max-dimension") >= COLLAPSE_FROM;
        };
    }

    private PersistenceResult compute(String name, int n, double[] lower, Parameters p, double threshold,
            Progress progress, boolean explain) {
        int maxDimension = p.integer("max-dimension");
        if (maxDimension < 0 || maxDimension > 3) {
            throw new ToposcopeException(name + ": homology dimension " + maxDimension + " is not supported (0 to 3)");
        }
        int threads = threads(p);
        double t = Double.isNaN(threshold) ? enclosingRadius(n, lower) : threshold;
        double[] table = collapses(p, explain) && maxDimension >= 1 && n > 3
                ? EdgeCollapse.collapse(n, lower, t, progress).lower() // a new table: the input's stays as it was
                : lower;
        return inPool(threads, () -> {
            RipsFiltration filtration = RipsFiltration.fromLowerTriangle(n, table, maxDimension, t);
            return explain ? RipsPersistence.computeWithCycles(filtration, name, threads, progress)
                    : new PersistenceResult(RipsPersistence.compute(filtration, name, threads, progress), List.of(), List.of());
        });
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

    /** min over points of the largest distance to another point: beyond it the complex is a cone. */
    static double enclosingRadius(int n, double[] lower) {
        if (n == 0) {
            return Double.POSITIVE_INFINITY;
        }
        double[] eccentricity = new double[n];
        for (int i = 1; i < n; i++) {
            int base = i * (i - 1) / 2;
            for (int j = 0; j < i; j++) {
                double d = lower[base + j];
                if (d > eccentricity[i]) {
                    eccentricity[i] = d;
                }
                if (d > eccentricity[j]) {
                    eccentricity[j] = d;
                }
            }
        }
        double r = Double.POSITIVE_INFINITY;
        for (double e : eccentricity) {
            r = Math.min(r, e);
        }
        return r;
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
