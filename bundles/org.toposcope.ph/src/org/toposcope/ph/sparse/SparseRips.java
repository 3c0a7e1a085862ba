package org.toposcope.ph.sparse;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.IntStream;

import org.toposcope.core.ToposcopeException;
import org.toposcope.ph.Subsampling;

/**
 * The sparse Rips filtration of Cavanna, Jahanseir &amp; Sheehy 2015 ("A geometric perspective on sparse
 * filtrations"), with the constants of gudhi's {@code RipsComplex(sparse=eps)} (filtration values are edge
 * lengths, as in Rips, not radii). A greedy (maxmin) permutation gives each point its insertion radius
 * λ_p (its distance to the points inserted before it; +∞ for the first). For a pair p, q with λ_p ≥ λ_q
 * and d = d(p, q):
 * <ul>
 * <li>ε·d ≤ 2λ_q: an edge of length d;</li>
 * <li>else, if ε·d ≤ λ_p + λ_q, a relaxed edge of length a = 2(d − λ_q/ε), kept only while q is alive:
 * a·ε(1 − ε)/2 ≤ λ_q (equivalently ε·d ≤ λ_q (1 + 1/(1 − ε)));</li>
 * <li>else no edge.</li>
 * </ul>
 * Point v dies at 2λ_v/(ε(1 − ε)) (the paper's λ_v/(ε(1 − ε)) on its radius scale, doubled like the edge
 * lengths). A simplex of dimension 2 or more has the largest value of its edges and is blocked when one of
 * its vertices has died by then: λ_v &lt; value·ε(1 − ε)/2. Every edge passes that test, the blocked simplices
 * form an up-closed set, so the rest is a subcomplex and its filtration is monotone. The result is (1, 1/(1 − ε))-interleaved with the
 * Rips filtration (S_t ⊆ R_t, R_t → S_{t/(1−ε)}), so the diagrams are within log-scale bottleneck distance
 * −log(1 − ε) (points (log b, log d)). Values of relaxed edges are never below the true length.
 */
public final class SparseRips {

    private final double epsilon;
    /** λ per point, in input order. */
    private final double[] insertionRadius;

    private SparseRips(double epsilon, double[] insertionRadius) {
        this.epsilon = epsilon;
        this.insertionRadius = insertionRadius;
    }

    /**
     * The greedy permutation of all {@code n} points starting at {@code first} (the lowest index on ties), with
     * insertion radii; {@code n²} distance evaluations.
     */
    public static SparseRips build(int n, Subsampling.DistanceFunction distance, double epsilon, int first) {
        check(epsilon);
        double[] lambda = new double[n];
        Subsampling.greedyPermutation(n, distance, n, first, lambda);
        return new SparseRips(epsilon, lambda);
    }

    /** As {@link #build(int, Subsampling.DistanceFunction, double, int)} over a strict lower triangle. */
    public static SparseRips build(int n, double[] lower, double epsilon, int first) {
        return build(n, (i, j) -> i == j ? 0 : lower[Math.max(i, j) * (Math.max(i, j) - 1) / 2 + Math.min(i, j)], epsilon, first);
    }

    /** Refuses ε outside (0, 1): at 1 and above the blocker, and with it the proven bound, is gone. */
    public static void check(double epsilon) {
        if (!(epsilon > 0 && epsilon < 1)) {
            throw new ToposcopeException("sparse must be 0 (exact) or between 0 and 1 (exclusive), not "
                    + String.format(Locale.ROOT, "%s", epsilon));
        }
    }

    public double epsilon() {
        return epsilon;
    }

    /** The insertion radius of point {@code v} (input order). */
    public double insertionRadius(int v) {
        return insertionRadius[v];
    }

    /** A copy of the insertion radii, in input order. */
    public double[] insertionRadii() {
        return insertionRadius.clone();
    }

    /** A simplex of value f is blocked when a vertex has λ_v &lt; factor · f. */
    public double blockerFactor() {
        return epsilon * (1 - epsilon) / 2;
    }

    /** The value of the sparse edge between points i and j at distance d; +∞ when it is not an edge. */
    public double relaxed(int i, int j, double d) {
        if (i == j) {
            return 0;
        }
        double lp = Math.max(insertionRadius[i], insertionRadius[j]);
        double lq = Math.min(insertionRadius[i], insertionRadius[j]);
        double ed = epsilon * d;
        if (ed <= 2 * lq) {
            return d;
        }
        if (ed > lp + lq) {
            return Double.POSITIVE_INFINITY;
        }
        double value = 2 * (d - lq / epsilon);
        // the blocker's own test, so that an edge is never one its endpoints' deaths would block
        return value * blockerFactor() <= lq ? value : Double.POSITIVE_INFINITY;
    }

    /** The sparse graph's values over a distance function, computed on demand (for size estimates). */
    public Subsampling.DistanceFunction relaxed(Subsampling.DistanceFunction distance) {
        return (i, j) -> i == j ? 0 : relaxed(i, j, distance.between(i, j));
    }

    /**
     * The sparse graph as a strict lower triangle, written into {@code out} (which may be {@code lower} itself):
     * relaxed values, +∞ where there is no edge.
     */
    public double[] relaxedLowerTriangle(int n, double[] lower, double[] out) {
        IntStream rows = IntStream.range(1, n);
        (n > 256 ? rows.parallel() : rows).forEach(i -> {
            int base = i * (i - 1) / 2;
            for (int j = 0; j < i; j++) {
                out[base + j] = relaxed(i, j, lower[base + j]);
            }
        });
        return out;
    }

    /** Finite entries of a strict lower triangle at most {@code threshold}: the edges of the graph. */
    public static long edges(double[] lower, double threshold) {
        return Arrays.stream(lower).parallel().filter(d -> d <= threshold && d < Double.POSITIVE_INFINITY).count();
    }

    /** The multiplicative interleaving constant 1/(1 − ε). */
    public static double factor(double epsilon) {
        return 1 / (1 - epsilon);
    }

    /** The proven bound on the log-scale bottleneck distance to the exact diagram: −log(1 − ε). */
    public static double logBound(double epsilon) {
        return -Math.log1p(-epsilon);
    }
}
