package org.toposcope.similarity;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.CommonOps_DDRM;
import org.osgi.service.component.annotations.Component;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.LayerSimilarity;

/**
 * Linear centred kernel alignment (Kornblith et al. 2019): with column-centred X (n x p) and Y (n x q),
 * CKA = ||Y^T X||_F^2 / (||X^T X||_F ||Y^T Y||_F). The same value is &lt;K, L&gt;_F / (||K||_F ||L||_F) for
 * the Gram matrices K = X X^T, L = Y Y^T; we take the feature form when p + q &lt;= n (cost n (p + q)^2)
 * and the Gram form otherwise (cost n^2 (p + q)). Invariant to orthogonal maps and isotropic scaling.
 */
@Component(service = LayerSimilarity.class)
public final class LinearCka implements LayerSimilarity {

    public static final String ID = "linear-cka";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "linear centred kernel alignment (Kornblith et al. 2019), 1 = same up to rotation and scale";
    }

    @Override
    public double similarity(PointCloud a, PointCloud b, Parameters parameters, Progress progress) {
        return of(a, b, progress);
    }

    /** Linear CKA of two clouds over the same rows; needs no parameters. */
    public static double of(PointCloud a, PointCloud b, Progress progress) {
        Clouds.checkPair(ID, a, b);
        progress.begin(ID, 3);
        DMatrixRMaj x = Clouds.centred(a);
        DMatrixRMaj y = Clouds.centred(b);
        int n = a.size();
        boolean featureForm = (long) a.dimension() + b.dimension() <= n;
        // multTransA rather than multInner: measured 8x faster for 2,000 x 512 (multInner walks columns)
        DMatrixRMaj xx = featureForm ? CommonOps_DDRM.multTransA(x, x, null) : CommonOps_DDRM.multOuter(x, null);
        progress.worked(1);
        progress.checkCancelled();
        DMatrixRMaj yy = featureForm ? CommonOps_DDRM.multTransA(y, y, null) : CommonOps_DDRM.multOuter(y, null);
        progress.worked(1);
        progress.checkCancelled();
        double cross;
        if (featureForm) {
            DMatrixRMaj yx = CommonOps_DDRM.multTransA(y, x, null);
            cross = Clouds.dot(yx.data, yx.data, yx.getNumElements());
        } else {
            cross = Clouds.dot(xx.data, yy.data, n * n);
        }
        double normX = Math.sqrt(Clouds.dot(xx.data, xx.data, xx.getNumElements()));
        double normY = Math.sqrt(Clouds.dot(yy.data, yy.data, yy.getNumElements()));
        progress.worked(1);
        return Clouds.unit(cross / (normX * normY));
    }
}
