package org.toposcope.mapper.cover;

import java.util.ArrayList;
import java.util.List;

import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Matrix;
import org.toposcope.mapper.Clouds;

/**
 * Shared by the covers: closed intervals per lens column, and the product of the columns' intervals.
 * Cover set index = row-major position in the product (the last column varies fastest); empty sets are
 * kept so indexes mean the same for every cloud.
 */
final class Intervals {

    /** Upper bound on the number of product sets, so a 3-column lens with many intervals fails early. */
    static final int MAX_SETS = 1_000_000;

    /** The parameters every interval cover takes. */
    static final List<ParameterSpec> PARAMETERS = List.of(ParameterSpec.integer("intervals", 40, "intervals per lens column"),
            ParameterSpec.real("overlap", 0.3, "fraction of an interval shared with its neighbour, in [0, 1)"));

    private Intervals() {
    }

    /** The checked interval count and overlap of {@code owner}. */
    static int count(Parameters parameters, String owner) {
        int intervals = parameters.integer("intervals");
        double overlap = parameters.real("overlap");
        if (intervals < 1) {
            throw new ToposcopeException(owner + ": intervals must be at least 1, got " + intervals);
        }
        if (!(overlap >= 0 && overlap < 1)) {
            throw new ToposcopeException(owner + ": overlap must be in [0, 1), got " + overlap);
        }
        return intervals;
    }

    /**
     * Starts and ends of {@code n} equal intervals over [lo, hi] whose neighbours share the fraction
     * {@code overlap} of their length: width w = (hi - lo) / (n - (n - 1) overlap), step w (1 - overlap).
     */
    static double[][] uniform(double lo, double hi, int n, double overlap) {
        double width = (hi - lo) / (n - (n - 1) * overlap);
        double step = width * (1 - overlap);
        double[] start = new double[n];
        double[] end = new double[n];
        for (int i = 0; i < n; i++) {
            start[i] = lo + i * step;
            end[i] = i == n - 1 ? hi : start[i] + width; // the last end is hi exactly, not up to rounding
        }
        return new double[][] {start, end};
    }

    /** Cover sets of the product of per-column intervals; {@code bounds[c]} = {starts, ends} of column c. */
    static List<int[]> product(Matrix lens, double[][][] bounds, String owner) {
        Clouds.requireFinite(lens, owner);
        int columns = lens.columns();
        long sets = 1;
        for (double[][] b : bounds) {
            sets *= b[0].length;
            if (sets > MAX_SETS) {
                throw new ToposcopeException(owner + ": " + columns + " lens columns make more than " + MAX_SETS
                        + " cover sets; use fewer intervals or lens columns");
            }
        }
        List<List<Integer>> members = new ArrayList<>();
        for (int s = 0; s < sets; s++) {
            members.add(new ArrayList<>());
        }
        // an interval equal to its predecessor (constant column, tied quantiles) would only duplicate nodes
        boolean[][] repeated = new boolean[columns][];
        int[][] hits = new int[columns][];
        for (int c = 0; c < columns; c++) {
            double[] start = bounds[c][0];
            double[] end = bounds[c][1];
            repeated[c] = new boolean[start.length];
            for (int i = 1; i < start.length; i++) {
                repeated[c][i] = start[i] == start[i - 1] && end[i] == end[i - 1];
            }
            hits[c] = new int[start.length];
        }
        int[] count = new int[columns];
        int[] at = new int[columns];
        for (int row = 0; row < lens.rows(); row++) {
            for (int c = 0; c < columns; c++) {
                double v = lens.get(row, c);
                double[] start = bounds[c][0];
                double[] end = bounds[c][1];
                count[c] = 0;
                for (int i = 0; i < start.length; i++) {
                    if (!repeated[c][i] && start[i] <= v && v <= end[i]) {
                        hits[c][count[c]++] = i;
                    }
                }
                if (count[c] == 0) { // in a rounding gap between two intervals: take the one starting below v
                    int i = 0;
                    while (i + 1 < start.length && start[i + 1] <= v) {
                        i++;
                    }
                    while (repeated[c][i]) {
                        i--;
                    }
                    hits[c][count[c]++] = i;
                }
                at[c] = 0;
            }
            while (true) { // every combination of one hit interval per column
                int index = 0;
                for (int c = 0; c < columns; c++) {
                    index = index * bounds[c][0].length + hits[c][at[c]];
                }
                members.get(index).add(row);
                int c = columns - 1;
                while (c >= 0 && at[c] == count[c] - 1) {
                    at[c] = 0;
                    c--;
                }
                if (c < 0) {
                    break;
                }
                at[c]++;
            }
        }
        List<int[]> out = new ArrayList<>(members.size());
        for (List<Integer> m : members) {
            out.add(m.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    static void requireColumns(Matrix lens, String owner) {
        if (lens.columns() < 1) {
            throw new ToposcopeException(owner + ": the lens has no columns");
        }
    }
}
