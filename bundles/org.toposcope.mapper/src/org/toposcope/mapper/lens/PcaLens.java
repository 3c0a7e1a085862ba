package org.toposcope.mapper.lens;

import java.util.List;

import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Lens;
import org.toposcope.mapper.Clouds;

/**
 * Projection of the centred points onto the leading eigenvectors of their covariance (EJML's symmetric
 * eigen solver). Each axis is signed so its largest-magnitude loading is positive, making the result
 * independent of the solver's sign choice.
 */
@Component(service = Lens.class)
public final class PcaLens implements Lens {

    public static final String ID = "pca";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "projection onto the first principal components";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("components", 2, "number of principal components (lens columns)"));
    }

    @Override
    public Matrix apply(PointCloud cloud, Parameters parameters) {
        int k = parameters.integer("components");
        Clouds.requireUsable(cloud, ID, 2);
        int n = cloud.size();
        int d = cloud.dimension();
        if (k < 1 || k > d) {
            throw new ToposcopeException(cloud.name() + ": " + ID + " components must be 1.." + d + ", got " + k);
        }
        double[] x = cloud.coordinates();
        double[] mean = new double[d];
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                mean[c] += x[i * d + c];
            }
        }
        for (int c = 0; c < d; c++) {
            mean[c] /= n;
        }
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < d; c++) {
                x[i * d + c] -= mean[c];
            }
        }
        DMatrixRMaj covariance = new DMatrixRMaj(d, d);
        for (int i = 0; i < n; i++) {
            int o = i * d;
            for (int a = 0; a < d; a++) {
                double va = x[o + a];
                for (int b = a; b < d; b++) {
                    covariance.data[a * d + b] += va * x[o + b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                double v = covariance.data[a * d + b] / (n - 1);
                covariance.data[a * d + b] = v;
                covariance.data[b * d + a] = v;
            }
        }
        EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(d, true, true);
        if (!eigen.decompose(covariance)) {
            throw new ToposcopeException(cloud.name() + ": " + ID + ": the eigen decomposition did not converge");
        }
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (p, q) -> Double.compare(eigen.getEigenvalue(q).real, eigen.getEigenvalue(p).real));
        double[] out = new double[n * k];
        for (int j = 0; j < k; j++) {
            DMatrixRMaj v = eigen.getEigenVector(order[j]);
            double[] axis = new double[d];
            int largest = 0;
            for (int c = 0; c < d; c++) {
                axis[c] = v.get(c, 0);
                if (Math.abs(axis[c]) > Math.abs(axis[largest])) {
                    largest = c;
                }
            }
            double length = 0;
            for (double a : axis) {
                length += a * a;
            }
            double sign = (axis[largest] < 0 ? -1 : 1) / Math.sqrt(length);
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    s += x[i * d + c] * axis[c];
                }
                out[i * k + j] = sign * s;
            }
        }
        return new Matrix(n, k, out);
    }
}
