package org.toposcope.mapper;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;

/** Input checks and small numeric kernels shared by lenses, covers and clusterers. */
public final class Clouds {

    private Clouds() {
    }

    /** Fails with one line unless the cloud has at least {@code minimum} rows, a dimension, and only finite values. */
    public static void requireUsable(PointCloud cloud, String owner, int minimum) {
        if (cloud.size() < minimum) {
            throw new ToposcopeException(cloud.name() + ": " + owner + " needs at least " + minimum + " points, got "
                    + cloud.size());
        }
        if (cloud.dimension() == 0 && cloud.size() > 0) {
            throw new ToposcopeException(cloud.name() + ": " + owner + " needs points with at least one coordinate");
        }
        for (int i = 0; i < cloud.size(); i++) {
            for (int c = 0; c < cloud.dimension(); c++) {
                if (!Double.isFinite(cloud.get(i, c))) {
                    throw new ToposcopeException(cloud.name() + ": row " + i + ", column " + c + " is "
                            + cloud.get(i, c) + "; " + owner + " needs finite values");
                }
            }
        }
    }

    /** Fails with one line unless every lens value is finite. */
    public static void requireFinite(Matrix lens, String owner) {
        for (int i = 0; i < lens.rows(); i++) {
            for (int c = 0; c < lens.columns(); c++) {
                if (!Double.isFinite(lens.get(i, c))) {
                    throw new ToposcopeException(owner + ": lens value at row " + i + ", column " + c + " is "
                            + lens.get(i, c));
                }
            }
        }
    }

    /** Squared Euclidean distance between rows {@code a} and {@code b} of a row-major array. */
    public static double squaredDistance(double[] x, int dimension, int a, int b) {
        double s = 0;
        int oa = a * dimension;
        int ob = b * dimension;
        for (int c = 0; c < dimension; c++) {
            double d = x[oa + c] - x[ob + c];
            s += d * d;
        }
        return s;
    }

    /** The given rows of a cloud, with their provenance, as a new cloud. */
    public static PointCloud subset(PointCloud cloud, int[] rows, String name) {
        int d = cloud.dimension();
        double[] all = cloud.coordinates();
        double[] x = new double[rows.length * d];
        Provenance p = cloud.provenance();
        int[] ids = new int[rows.length];
        int[] labels = new int[rows.length];
        int[] mapRows = new int[rows.length];
        int[] mapColumns = new int[rows.length];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(all, rows[i] * d, x, i * d, d);
            ids[i] = p.imageId(rows[i]);
            labels[i] = p.label(rows[i]);
            mapRows[i] = p.rowInMap(rows[i]);
            mapColumns[i] = p.columnInMap(rows[i]);
        }
        return new PointCloud(name, rows.length, d, x, new Provenance(ids, labels, mapRows, mapColumns));
    }

    /** Scales values in place to [0, 1]; a constant vector becomes all zeros. */
    public static void scaleToUnit(double[] v) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        double range = max - min;
        for (int i = 0; i < v.length; i++) {
            v[i] = range > 0 ? (v[i] - min) / range : 0;
        }
    }
}
