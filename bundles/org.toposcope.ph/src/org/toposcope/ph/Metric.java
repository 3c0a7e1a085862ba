package org.toposcope.ph;

import java.util.Locale;
import java.util.stream.IntStream;

import org.toposcope.core.model.PointCloud;

/** Distances between the rows of a point cloud. */
public enum Metric {
    EUCLIDEAN, MANHATTAN, CHEBYSHEV,
    /** 1 - cos(angle); a zero row has cosine similarity 0 with every other row, as in scikit-learn. */
    COSINE;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Metric of(String id) {
        return valueOf(id.toUpperCase(Locale.ROOT));
    }

    /** The strict lower triangle of the distance matrix, computed row-parallel. */
    public double[] lowerTriangle(PointCloud cloud) {
        int n = cloud.size();
        int d = cloud.dimension();
        double[] x = cloud.coordinates();
        double[] norms = this == COSINE ? norms(x, n, d) : null;
        double[] out = new double[(int) ((long) n * (n - 1) / 2)];
        IntStream rows = IntStream.range(1, n);
        (n > 256 ? rows.parallel() : rows).forEach(i -> {
            int base = i * (i - 1) / 2;
            int oi = i * d;
            for (int j = 0; j < i; j++) {
                out[base + j] = distance(x, oi, j * d, d, norms, i, j);
            }
        });
        return out;
    }

    /** Distances between rows of the cloud, on demand; cosine norms are computed once, here. */
    public Subsampling.DistanceFunction pairwise(PointCloud cloud) {
        int d = cloud.dimension();
        double[] x = cloud.coordinates();
        double[] norms = this == COSINE ? norms(x, cloud.size(), d) : null;
        return (i, j) -> distance(x, i * d, j * d, d, norms, i, j);
    }

    private double distance(double[] x, int a, int b, int d, double[] norms, int i, int j) {
        switch (this) {
            case EUCLIDEAN: {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = x[a + k] - x[b + k];
                    s += t * t;
                }
                return Math.sqrt(s);
            }
            case MANHATTAN: {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += Math.abs(x[a + k] - x[b + k]);
                }
                return s;
            }
            case CHEBYSHEV: {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s = Math.max(s, Math.abs(x[a + k] - x[b + k]));
                }
                return s;
            }
            default: {
                if (norms[i] == 0 || norms[j] == 0) {
                    return 1;
                }
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += x[a + k] * x[b + k];
                }
                return Math.max(0, 1 - dot / (norms[i] * norms[j]));
            }
        }
    }

    private static double[] norms(double[] x, int n, int d) {
        double[] norms = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int k = 0; k < d; k++) {
                s += x[i * d + k] * x[i * d + k];
            }
            norms[i] = Math.sqrt(s);
        }
        return norms;
    }
}
