package org.toposcope.similarity;

import org.ejml.data.DMatrixRMaj;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;

/** Input checks shared by the similarity measures, and column centring into EJML matrices. */
final class Clouds {

    private Clouds() {
    }

    /** Fails with one line unless both clouds have the same number (at least 2) of finite, non-constant rows. */
    static void checkPair(String owner, PointCloud a, PointCloud b) {
        if (a.size() != b.size()) {
            throw new ToposcopeException(owner + ": " + a.name() + " has " + a.size() + " rows but " + b.name() + " has "
                    + b.size() + "; rows must come from the same images");
        }
        check(owner, a);
        check(owner, b);
    }

    private static void check(String owner, PointCloud cloud) {
        if (cloud.size() < 2) {
            throw new ToposcopeException(owner + ": " + cloud.name() + " has " + cloud.size() + " rows; need at least 2");
        }
        if (cloud.dimension() < 1) {
            throw new ToposcopeException(owner + ": " + cloud.name() + " has no columns");
        }
        int d = cloud.dimension();
        boolean constant = true;
        for (int r = 0; r < cloud.size(); r++) {
            for (int c = 0; c < d; c++) {
                double v = cloud.get(r, c);
                if (!Double.isFinite(v)) {
                    throw new ToposcopeException(owner + ": " + cloud.name() + ": row " + r + " column " + c + " is " + v);
                }
                // compared with row 0 exactly: centring equal values can leave rounding noise instead of zeros
                constant &= v == cloud.get(0, c);
            }
        }
        if (constant) {
            throw new ToposcopeException(owner + ": " + cloud.name() + " has zero variance (all rows are equal)");
        }
    }

    /** The cloud as an n x d matrix with every column's mean subtracted. */
    static DMatrixRMaj centred(PointCloud cloud) {
        int n = cloud.size();
        int d = cloud.dimension();
        DMatrixRMaj m = new DMatrixRMaj(n, d);
        double[] x = m.data;
        System.arraycopy(cloud.coordinates(), 0, x, 0, n * d);
        double[] mean = new double[d];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                mean[c] += x[r * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < d; c++) {
                x[r * d + c] -= mean[c];
            }
        }
        return m;
    }

    /** Sum of element-wise products of two equally long arrays (the Frobenius inner product of two matrices). */
    static double dot(double[] a, double[] b, int length) {
        double s = 0;
        for (int i = 0; i < length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Clamps rounding noise: a CKA or correlation cannot leave [0, 1]. */
    static double unit(double v) {
        return Math.max(0, Math.min(1, v));
    }
}
