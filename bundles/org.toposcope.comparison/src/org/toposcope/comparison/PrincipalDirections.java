package org.toposcope.comparison;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;

/**
 * The right singular directions of a cloud, largest first, for deleting the smallest ones (Ding et al.
 * 2021): with the uncentred thin SVD X = U S V^T and r = min(n, d), X_k = X V_r V_r^T keeps the r - k
 * largest directions. The SVD is taken once; each {@link #without} is n d (r - k) multiply-adds.
 */
public final class PrincipalDirections {

    private final PointCloud cloud;
    private final int rank;
    private final double[] directions; // r x d, row j = j-th right singular vector, singular values descending
    private final double[] scores; // n x r, X V: coordinates of each point along the directions

    private PrincipalDirections(PointCloud cloud, int rank, double[] directions, double[] scores) {
        this.cloud = cloud;
        this.rank = rank;
        this.directions = directions;
        this.scores = scores;
    }

    /** X_k: the cloud projected on its r - k largest right singular directions; k = 0 returns the cloud itself. */
    public static PointCloud deleteSmallest(PointCloud cloud, int k) {
        int r = Math.min(cloud.size(), cloud.dimension());
        checkRemoved(cloud, k, r);
        return k == 0 ? cloud : of(cloud).without(k);
    }

    /** Decomposes the cloud; one-line error on non-finite coordinates or a failed SVD. */
    public static PrincipalDirections of(PointCloud cloud) {
        int n = cloud.size();
        int d = cloud.dimension();
        double[] x = cloud.coordinates();
        for (int i = 0; i < x.length; i++) {
            if (!Double.isFinite(x[i])) {
                throw new ToposcopeException(cloud.name() + ": row " + i / d + ", column " + i % d + " is not finite ("
                        + x[i] + ")");
            }
        }
        int r = Math.min(n, d);
        if (r == 0) {
            return new PrincipalDirections(cloud, 0, new double[0], new double[0]);
        }
        DMatrixRMaj matrix = DMatrixRMaj.wrap(n, d, x.clone()); // EJML may overwrite its input
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, d, false, true, true);
        if (!svd.decompose(matrix)) {
            throw new ToposcopeException(cloud.name() + ": singular value decomposition failed");
        }
        DMatrixRMaj w = svd.getW(null);
        DMatrixRMaj vt = svd.getV(null, true); // r x d
        SingularOps_DDRM.descendingOrder(null, false, w, vt, true);
        double[] v = new double[r * d];
        System.arraycopy(vt.data, 0, v, 0, r * d);
        double[] scores = new double[n * r];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < r; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += x[i * d + c] * v[j * d + c];
                }
                scores[i * r + j] = s;
            }
        }
        return new PrincipalDirections(cloud, r, v, scores);
    }

    /** r = min(n, d), the number of directions. */
    public int rank() {
        return rank;
    }

    /** X_k for 0 &lt;= k &lt;= r (k = r gives zeros); same provenance, name marked with k. */
    public PointCloud without(int k) {
        checkRemoved(cloud, k, rank);
        int n = cloud.size();
        int d = cloud.dimension();
        int kept = rank - k;
        double[] out = new double[n * d];
        for (int i = 0; i < n; i++) {
            int row = i * d;
            for (int j = 0; j < kept; j++) {
                double s = scores[i * rank + j];
                int dir = j * d;
                for (int c = 0; c < d; c++) {
                    out[row + c] += s * directions[dir + c];
                }
            }
        }
        return new PointCloud(cloud.name() + " without " + k + " smallest directions", n, d, out, cloud.provenance());
    }

    private static void checkRemoved(PointCloud cloud, int k, int r) {
        if (k < 0 || k > r) {
            throw new ToposcopeException(cloud.name() + ": cannot delete " + k + " principal directions of " + r
                    + " (min of " + cloud.size() + " points, " + cloud.dimension() + " dimensions)");
        }
    }
}
