package org.toposcope.similarity;

import java.util.Arrays;
import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.ejml.dense.row.SingularOps_DDRM;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.SingularValueDecomposition_F64;
import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.LayerSimilarity;

/**
 * SVCCA (Raghu et al. 2017): per cloud, the centred data's top singular directions that explain a share
 * {@code variance} of its total variance (or a fixed number of them); then CCA between the two reduced
 * clouds, reported as the mean of the min(kx, ky) canonical correlations. The reduced cloud U_k S_k spans
 * the same column space as the left singular vectors U_k, so the canonical correlations are the singular
 * values of Ux^T Uy (both orthonormal) and no covariance needs inverting. With kx + ky close to n the
 * correlations approach 1 whatever the data: keep n well above the number of kept directions.
 */
@Component(service = LayerSimilarity.class)
public final class Svcca implements LayerSimilarity {

    public static final String ID = "svcca";
    public static final String VARIANCE = "variance";
    public static final String DIRECTIONS = "directions";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "SVCCA (Raghu et al. 2017): mean canonical correlation of the top singular directions";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(
                ParameterSpec.real(VARIANCE, 0.99, "share of each cloud's variance its kept singular directions explain"),
                ParameterSpec.integer(DIRECTIONS, 0, "keep exactly this many directions per cloud (0 = choose by variance)"));
    }

    @Override
    public double similarity(PointCloud a, PointCloud b, Parameters parameters, Progress progress) {
        return of(a, b, parameters.real(VARIANCE), parameters.integer(DIRECTIONS), progress);
    }

    /** Mean canonical correlation after keeping {@code variance} of each cloud (or {@code directions} &gt; 0 directions). */
    public static double of(PointCloud a, PointCloud b, double variance, int directions, Progress progress) {
        return canonicalCorrelations(a, b, variance, directions, progress).mean();
    }

    /** The canonical correlations in descending order, with the number of directions kept per cloud. */
    public record Result(double[] correlations, int keptA, int keptB) {
        public Result {
            correlations = correlations.clone();
        }

        @Override
        public double[] correlations() {
            return correlations.clone();
        }

        public double mean() {
            double s = 0;
            for (double c : correlations) {
                s += c;
            }
            return s / correlations.length;
        }
    }

    public static Result canonicalCorrelations(PointCloud a, PointCloud b, double variance, int directions,
            Progress progress) {
        if (!(variance > 0 && variance <= 1)) {
            throw new ToposcopeException(ID + ": " + VARIANCE + " must be in (0, 1], not " + variance);
        }
        if (directions < 0) {
            throw new ToposcopeException(ID + ": " + DIRECTIONS + " must be 0 (by variance) or positive, not " + directions);
        }
        Clouds.checkPair(ID, a, b);
        progress.begin(ID, 3);
        DMatrixRMaj ua = topDirections(a, variance, directions);
        progress.worked(1);
        progress.checkCancelled();
        DMatrixRMaj ub = topDirections(b, variance, directions);
        progress.worked(1);
        progress.checkCancelled();
        DMatrixRMaj cross = CommonOps_DDRM.multTransA(ua, ub, null);
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(cross.numRows, cross.numCols,
                false, false, true);
        if (!svd.decompose(cross)) {
            throw new ToposcopeException(ID + ": singular value decomposition of the canonical cross product failed");
        }
        double[] s = svd.getSingularValues();
        int m = Math.min(cross.numRows, cross.numCols);
        double[] correlations = new double[m];
        for (int i = 0; i < m; i++) {
            correlations[i] = Clouds.unit(s[i]);
        }
        Arrays.sort(correlations);
        for (int i = 0; i < m / 2; i++) {
            double t = correlations[i];
            correlations[i] = correlations[m - 1 - i];
            correlations[m - 1 - i] = t;
        }
        progress.worked(1);
        return new Result(correlations, ua.numCols, ub.numCols);
    }

    /** Orthonormal n x k basis of the top k left singular directions of the centred cloud. */
    private static DMatrixRMaj topDirections(PointCloud cloud, double variance, int directions) {
        DMatrixRMaj x = Clouds.centred(cloud);
        int n = x.numRows;
        int p = x.numCols;
        SingularValueDecomposition_F64<DMatrixRMaj> svd = DecompositionFactory_DDRM.svd(n, p, true, false, true);
        if (!svd.decompose(x)) {
            throw new ToposcopeException(ID + ": " + cloud.name() + ": singular value decomposition failed");
        }
        DMatrixRMaj u = svd.getU(null, false);
        DMatrixRMaj w = svd.getW(null);
        SingularOps_DDRM.descendingOrder(u, false, w, null, false);
        int m = Math.min(w.numRows, w.numCols);
        // directions below this are rounding noise (centring alone leaves rank at most n - 1)
        double tolerance = w.get(0, 0) * Math.max(n, p) * Math.ulp(1.0);
        int rank = 0;
        double total = 0;
        while (rank < m && w.get(rank, rank) > tolerance) {
            total += w.get(rank, rank) * w.get(rank, rank);
            rank++;
        }
        int k;
        if (directions > 0) {
            k = Math.min(directions, rank);
        } else {
            k = 0;
            double explained = 0;
            // summed in the same order as total, so variance = 1 ends exactly at rank
            while (k < rank && explained < variance * total) {
                explained += w.get(k, k) * w.get(k, k);
                k++;
            }
        }
        DMatrixRMaj top = new DMatrixRMaj(n, k);
        CommonOps_DDRM.extract(u, 0, n, 0, k, top, 0, 0);
        return top;
    }
}
