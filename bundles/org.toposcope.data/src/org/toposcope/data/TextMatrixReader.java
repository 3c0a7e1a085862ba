package org.toposcope.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.model.SparseDistances;

/**
 * Reads the text formats of the {@code ripser} command line. In every format, values are separated by
 * blanks and/or one comma, blank lines and lines starting with {@code #} are skipped (ripser itself
 * accepts neither), numbers are decimal ({@code 1}, {@code -2.5}, {@code .5}, {@code 1e-3}) or
 * {@code inf}/{@code infinity}; {@code nan} is rejected everywhere. Every problem is a
 * {@link ToposcopeException} whose one-line message is {@code file:line: problem}.
 */
public final class TextMatrixReader {

    /** The most points a lower triangle in one Java array can have: 65536 * 65535 / 2 values. */
    public static final int MAX_MATRIX_POINTS = 65536;

    private TextMatrixReader() {
    }

    /**
     * A point cloud, one point per line. Infinite coordinates are rejected. A file without any row is
     * an empty cloud (0 points of dimension 0), not an error; ripser 1.2.1 crashes on it.
     */
    public static PointCloud readPointCloud(Path file) {
        try (TextScanner s = TextScanner.open(file)) {
            Inputs.Doubles values = new Inputs.Doubles(s.name());
            int dimension = -1;
            int size = 0;
            while (s.nextRow()) {
                int k = 0;
                while (s.hasValue()) {
                    if (k == dimension) {
                        throw s.error("row has " + countRest(s, k) + " values, expected " + dimension);
                    }
                    double v = s.nextDouble();
                    if (Double.isInfinite(v)) {
                        throw s.error("infinite coordinate " + s.shownToken() + " is not allowed");
                    }
                    values.add(v);
                    k++;
                }
                if (dimension < 0) {
                    dimension = k;
                } else if (k != dimension) {
                    throw s.error("row has " + k + " values, expected " + dimension);
                }
                size++;
            }
            return new PointCloud(s.name(), size, Math.max(dimension, 0), values.array(), Provenance.anonymous(size));
        }
    }

    /**
     * A full distance matrix, one row per line: square, zero diagonal, non-negative and symmetric up to
     * a relative 1e-12; {@code inf} means no edge. Where the two triangles differ within the tolerance,
     * the lower one is kept (ripser reads only the lower triangle).
     */
    public static LowerDistanceMatrix readDistanceMatrix(Path file) {
        try (TextScanner s = TextScanner.open(file)) {
            if (!s.nextRow()) {
                throw new ToposcopeException(s.name() + ": the file has no points");
            }
            Inputs.Doubles first = new Inputs.Doubles(s.name());
            while (s.hasValue()) {
                first.add(checkedDistance(s, s.nextDouble()));
            }
            int n = first.size();
            if (n > MAX_MATRIX_POINTS) {
                throw s.error("the first row has " + n + " values; at most " + MAX_MATRIX_POINTS + " points are supported");
            }
            // the first row announces n * n values: check that the file can hold them before allocating
            if (s.size() >= 0 && (long) n * n > s.size()) {
                throw s.error("the first row has " + n + " values, so the matrix needs " + (long) n * n
                        + " numbers, but the file has only " + s.size() + " bytes");
            }
            double[] lower = Inputs.doubles(s.name(), (long) n * (n - 1) / 2);
            for (int j = 0; j < n; j++) {
                store(s, lower, 0, j, first.get(j));
            }
            int row = 1;
            int lastLine = s.rowLine();
            while (s.nextRow()) {
                if (row == n) {
                    throw s.error("distance matrix has more than " + n + " rows (the first row has " + n + " values)");
                }
                int k = 0;
                while (s.hasValue()) {
                    if (k == n) {
                        throw s.error("row has " + countRest(s, k) + " values, expected " + n);
                    }
                    store(s, lower, row, k, checkedDistance(s, s.nextDouble()));
                    k++;
                }
                if (k != n) {
                    throw s.error("row has " + k + " values, expected " + n);
                }
                lastLine = s.rowLine();
                row++;
            }
            if (row != n) {
                throw s.error(lastLine, "distance matrix has " + row + " rows, expected " + n);
            }
            return new LowerDistanceMatrix(s.name(), n, lower);
        }
    }

    /**
     * The strict lower triangle. Like ripser, the numbers are one flat stream, whatever the line
     * breaks (one row per line with an empty or absent first line, or all on one line): their count
     * must be n(n-1)/2 for some n. {@code inf} means no edge.
     */
    public static LowerDistanceMatrix readLowerDistance(Path file) {
        try (TextScanner s = TextScanner.open(file)) {
            Inputs.Doubles values = new Inputs.Doubles(s.name());
            while (s.nextRow()) {
                while (s.hasValue()) {
                    values.add(checkedDistance(s, s.nextDouble()));
                }
            }
            int m = values.size();
            if (m == 0) {
                throw new ToposcopeException(s.name() + ": the file has no points");
            }
            long n = (long) Math.floor((1 + Math.sqrt(1 + 8.0 * m)) / 2);
            while (n * (n - 1) / 2 > m) {
                n--;
            }
            while ((n + 1) * n / 2 <= m) {
                n++;
            }
            if (n * (n - 1) / 2 != m) {
                throw s.error(m + " distances do not form a lower triangle: " + n + " points need " + n * (n - 1) / 2
                        + ", " + (n + 1) + " points need " + (n + 1) * n / 2);
            }
            return new LowerDistanceMatrix(s.name(), (int) n, values.array());
        }
    }

    /**
     * Sparse distances, one {@code i j d} line per pair with 0-based indices; the size is the largest
     * index + 1. A pair may be listed twice (as i j and j i, say) only with the same distance; a line
     * {@code i i 0} only makes the cloud large enough to hold point i (ripser ignores such lines).
     */
    public static SparseDistances readSparse(Path file) {
        try (TextScanner s = TextScanner.open(file)) {
            Inputs.Ints first = new Inputs.Ints(s.name());
            Inputs.Ints second = new Inputs.Ints(s.name());
            Inputs.Doubles distances = new Inputs.Doubles(s.name());
            Inputs.Ints lines = new Inputs.Ints(s.name());
            int maxIndex = -1;
            while (s.nextRow()) {
                int i = s.nextIndex();
                int j = s.hasValue() ? s.nextIndex() : -1;
                double d = j >= 0 && s.hasValue() ? checkedDistance(s, s.nextDouble()) : Double.NaN;
                if (Double.isNaN(d) || s.hasValue()) {
                    int count = Double.isNaN(d) ? (j < 0 ? 1 : 2) : countRest(s, 3);
                    throw s.error("row has " + count + " values, expected 3 (i j distance)");
                }
                maxIndex = Math.max(maxIndex, Math.max(i, j));
                if (i == j) {
                    if (d != 0) {
                        throw s.error("d(" + i + "," + i + ")=" + d + " but a point's distance to itself is 0");
                    }
                    continue;
                }
                first.add(i);
                second.add(j);
                distances.add(d);
                lines.add(s.rowLine());
            }
            if (maxIndex < 0) {
                throw new ToposcopeException(s.name() + ": the file has no points");
            }
            return withoutRepeatedPairs(s.name(), maxIndex + 1, first, second, distances, lines);
        }
    }

    private static SparseDistances withoutRepeatedPairs(String name, int size, Inputs.Ints first, Inputs.Ints second,
            Inputs.Doubles distances, Inputs.Ints lines) {
        int edges = first.size();
        long[] keys = new long[edges];
        for (int e = 0; e < edges; e++) {
            keys[e] = key(first.get(e), second.get(e));
        }
        Arrays.sort(keys);
        boolean repeated = false;
        for (int e = 1; e < edges && !repeated; e++) {
            repeated = keys[e] == keys[e - 1];
        }
        if (!repeated) {
            return new SparseDistances(name, size, first.array(), second.array(), distances.array());
        }
        // rare: keep the first of equal repetitions, in file order, and report a conflicting one
        Map<Long, Integer> seen = new HashMap<>();
        Inputs.Ints f = new Inputs.Ints(name);
        Inputs.Ints g = new Inputs.Ints(name);
        Inputs.Doubles d = new Inputs.Doubles(name);
        for (int e = 0; e < edges; e++) {
            Integer earlier = seen.putIfAbsent(key(first.get(e), second.get(e)), e);
            if (earlier == null) {
                f.add(first.get(e));
                g.add(second.get(e));
                d.add(distances.get(e));
            } else if (Double.compare(distances.get(earlier), distances.get(e)) != 0) {
                throw new ToposcopeException(name + ":" + lines.get(e) + ": pair (" + first.get(e) + "," + second.get(e)
                        + ") has distance " + distances.get(e) + " but line " + lines.get(earlier) + " gave "
                        + distances.get(earlier));
            }
        }
        return new SparseDistances(name, size, f.array(), g.array(), d.array());
    }

    private static long key(int i, int j) {
        return (long) Math.min(i, j) << 32 | Math.max(i, j);
    }

    private static double checkedDistance(TextScanner s, double d) {
        if (d < 0) {
            throw s.error("negative distance " + d);
        }
        return d;
    }

    /** Row i, column j of a full matrix: the upper triangle waits in the slot of its mirror image. */
    private static void store(TextScanner s, double[] lower, int i, int j, double d) {
        if (i == j) {
            if (d != 0) {
                throw s.error("diagonal entry d(" + i + "," + i + ")=" + d + " is not 0");
            }
        } else if (j > i) {
            lower[(int) ((long) j * (j - 1) / 2) + i] = d;
        } else {
            int at = (int) ((long) i * (i - 1) / 2) + j;
            double upper = lower[at];
            if (!symmetric(d, upper)) {
                throw s.error("distance matrix is not symmetric: d(" + i + "," + j + ")=" + d + " but d(" + j + "," + i
                        + ")=" + upper);
            }
            lower[at] = d;
        }
    }

    private static boolean symmetric(double a, double b) {
        // inf == inf is symmetric; inf against a finite value is not, whatever the tolerance
        return a == b || Double.isFinite(a) && Double.isFinite(b) && Math.abs(a - b) <= 1e-12 * Math.max(a, b);
    }

    /** Counts the values left in the row, for a message about a row that is too long. */
    private static int countRest(TextScanner s, int counted) {
        int k = counted;
        while (s.hasValue()) {
            s.skipValue();
            k++;
        }
        return k;
    }
}
