package org.toposcope.ph.sparse;

import java.util.stream.IntStream;

import org.toposcope.core.Progress;
import org.toposcope.ph.Subsampling;

/**
 * The lazy witness complex of de Silva &amp; Carlsson (2004) with ν = 0 on a set of landmarks, every input
 * point a witness: the flag complex whose edge (a, b) enters at m(a, b) = min over witnesses w of
 * max(d(a, w), d(b, w)). ν = 0 is chosen over ν = 2 for its proven bound: by the triangle inequality
 * d(a, b)/2 ≤ m(a, b), and the landmark a is its own witness, so m(a, b) ≤ d(a, b); hence W_t ⊆ R_{2t}(L)
 * and R_t(L) ⊆ W_t, and the log-scale bottleneck distance to Rips of the landmarks is at most log 2. (For
 * ν = 2 we know of no proven bound against Rips.)
 */
public final class WitnessComplex {

    private WitnessComplex() {
    }

    /**
     * The witness edge values among the landmarks, as a strict lower triangle over landmark positions. A
     * witness helps a pair only if it is nearer to both than d(a, b), so each landmark's witnesses are
     * visited nearest first and the scan stops there.
     */
    public static double[] edgeValues(int n, Subsampling.DistanceFunction distance, int[] landmarks, Progress progress) {
        int m = landmarks.length;
        double[][] toWitness = new double[m][];
        int[][] byDistance = new int[m][];
        IntStream.range(0, m).parallel().forEach(a -> {
            double[] row = new double[n];
            for (int w = 0; w < n; w++) {
                row[w] = distance.between(landmarks[a], w);
            }
            toWitness[a] = row;
            byDistance[a] = IntStream.range(0, n).boxed().sorted((x, y) -> Double.compare(row[x], row[y]))
                    .mapToInt(Integer::intValue).toArray();
        });
        progress.checkCancelled();
        double[] out = new double[(int) ((long) m * (m - 1) / 2)];
        IntStream.range(1, m).parallel().forEach(a -> {
            int base = a * (a - 1) / 2;
            double[] da = toWitness[a];
            int[] order = byDistance[a];
            for (int b = 0; b < a; b++) {
                double[] db = toWitness[b];
                double best = db[landmarks[a]]; // a witnesses itself: max(0, d(a, b))
                for (int k = 0; k < n; k++) {
                    int w = order[k];
                    double near = da[w];
                    if (near >= best) {
                        break;
                    }
                    double value = Math.max(near, db[w]);
                    if (value < best) {
                        best = value;
                    }
                }
                out[base + b] = best;
            }
        });
        return out;
    }

    /** The proven bound on the log-scale bottleneck distance to Rips of the same landmarks: log 2. */
    public static double logBoundToLandmarkRips() {
        return Math.log(2);
    }
}
