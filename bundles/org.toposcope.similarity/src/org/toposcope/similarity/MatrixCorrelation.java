package org.toposcope.similarity;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;

/**
 * Agreement of two square matrices over the same layers (say CKA against a diagram distance): Pearson
 * and Spearman correlation of their strictly upper triangles, read row by row.
 */
public final class MatrixCorrelation {

    private MatrixCorrelation() {
    }

    public static double pearson(DistanceMatrix a, DistanceMatrix b) {
        checkSameSize(a, b);
        return pearson(upperTriangle(a), upperTriangle(b));
    }

    public static double spearman(DistanceMatrix a, DistanceMatrix b) {
        checkSameSize(a, b);
        return spearman(upperTriangle(a), upperTriangle(b));
    }

    /** Entries (i, j), i &lt; j, row by row; the matrix must be square. */
    public static double[] upperTriangle(DistanceMatrix m) {
        if (m.rows() != m.columns()) {
            throw new ToposcopeException(m.name() + ": " + m.rows() + " x " + m.columns() + " is not square");
        }
        int n = m.rows();
        double[] upper = new double[n * (n - 1) / 2];
        int k = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                upper[k++] = m.get(i, j);
            }
        }
        return upper;
    }

    /** Pearson's r of two equally long samples of finite, non-constant values. */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        int n = x.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= n;
        my /= n;
        double sxy = 0;
        double sxx = 0;
        double syy = 0;
        for (int i = 0; i < n; i++) {
            double dx = x[i] - mx;
            double dy = y[i] - my;
            sxy += dx * dy;
            sxx += dx * dx;
            syy += dy * dy;
        }
        if (sxx == 0 || syy == 0) {
            throw new ToposcopeException("correlation undefined: " + (sxx == 0 ? "first" : "second") + " sample is constant");
        }
        return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
    }

    /** Spearman's rho: Pearson's r of the ranks, tied values sharing their average rank. */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return pearson(ranks(x), ranks(y));
    }

    /** Ranks 1..n, ties given the mean of the ranks they span. */
    public static double[] ranks(double[] values) {
        int n = values.length;
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble(i -> values[i]));
        double[] ranks = new double[n];
        int start = 0;
        while (start < n) {
            int end = start + 1;
            while (end < n && values[order[end]] == values[order[start]]) {
                end++;
            }
            double rank = (start + 1 + end) / 2.0; // mean of ranks start+1 .. end
            for (int i = start; i < end; i++) {
                ranks[order[i]] = rank;
            }
            start = end;
        }
        return ranks;
    }

    private static void checkSameSize(DistanceMatrix a, DistanceMatrix b) {
        if (a.rows() != b.rows() || a.columns() != b.columns()) {
            throw new ToposcopeException(a.name() + " is " + a.rows() + " x " + a.columns() + " but " + b.name() + " is "
                    + b.rows() + " x " + b.columns());
        }
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length) {
            throw new ToposcopeException("correlation: samples have " + x.length + " and " + y.length + " values");
        }
        if (x.length < 2) {
            throw new ToposcopeException("correlation: " + x.length + " values; need at least 2");
        }
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
                throw new ToposcopeException("correlation: value " + i + " is not finite (" + x[i] + ", " + y[i] + ")");
            }
        }
    }
}
