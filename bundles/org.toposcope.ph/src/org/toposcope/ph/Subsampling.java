package org.toposcope.ph;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.toposcope.core.model.LowerDistanceMatrix;

/** Chooses a subset of points for clouds too large for a full Vietoris–Rips complex. */
public final class Subsampling {

    private Subsampling() {
    }

    /**
     * Furthest-point (maxmin) landmarks: starts at point {@code first}, then repeatedly takes the point
     * furthest from those chosen (the lowest index on ties). Returns distinct indices in the order chosen.
     */
    public static int[] maxmin(int n, DistanceFunction distance, int count, int first) {
        return greedyPermutation(n, distance, count, first, null);
    }

    /**
     * The first {@code count} points of the greedy (furthest-point) permutation from {@code first}, lowest index
     * on ties; n² distance evaluations for all of them. With {@code insertionRadius} (length n), each chosen
     * point's distance to those chosen before it is written there (+∞ for the first). Points already chosen are
     * skipped, so duplicates of a chosen point still come next (at distance 0) rather than the point again.
     */
    public static int[] greedyPermutation(int n, DistanceFunction distance, int count, int first, double[] insertionRadius) {
        int m = Math.min(count, n);
        int[] chosen = new int[m];
        if (m == 0) {
            return chosen;
        }
        double[] nearest = new double[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        boolean[] taken = new boolean[n];
        int current = first;
        double radius = Double.POSITIVE_INFINITY;
        for (int c = 0; c < m; c++) {
            chosen[c] = current;
            taken[current] = true;
            if (insertionRadius != null) {
                insertionRadius[current] = radius;
            }
            int next = -1;
            double best = -1;
            for (int i = 0; i < n; i++) {
                if (taken[i]) {
                    continue;
                }
                double d = distance.between(current, i);
                if (d < nearest[i]) {
                    nearest[i] = d;
                }
                if (nearest[i] > best) {
                    best = nearest[i];
                    next = i;
                }
            }
            current = next;
            radius = best;
        }
        return chosen;
    }

    /** {@code count} distinct indices drawn uniformly with a seeded generator, ascending. */
    public static int[] random(int n, int count, long seed) {
        int m = Math.min(count, n);
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        SplittableRandom random = new SplittableRandom(seed);
        for (int i = 0; i < m; i++) { // partial Fisher–Yates
            int j = i + random.nextInt(n - i);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        int[] chosen = Arrays.copyOf(all, m);
        Arrays.sort(chosen);
        return chosen;
    }

    /** The distances among the chosen points. */
    public static LowerDistanceMatrix restrict(LowerDistanceMatrix d, int[] chosen) {
        int m = chosen.length;
        double[] out = new double[m * (m - 1) / 2];
        for (int i = 1; i < m; i++) {
            for (int j = 0; j < i; j++) {
                out[i * (i - 1) / 2 + j] = d.get(chosen[i], chosen[j]);
            }
        }
        return new LowerDistanceMatrix(d.name(), m, out);
    }

    /**
     * max over all points of the distance to the nearest chosen one: the Hausdorff distance between the
     * subset and the whole, which bounds how far their Rips diagrams can be apart (twice it).
     */
    public static double coveringRadius(int n, DistanceFunction distance, int[] chosen) {
        java.util.stream.IntStream points = java.util.stream.IntStream.range(0, n);
        return (n > 512 ? points.parallel() : points).mapToDouble(i -> {
            double nearest = Double.POSITIVE_INFINITY;
            for (int c : chosen) {
                nearest = Math.min(nearest, distance.between(i, c));
            }
            return nearest;
        }).max().orElse(0);
    }

    /** Distance between two point indices. */
    @FunctionalInterface
    public interface DistanceFunction {
        double between(int i, int j);
    }
}
