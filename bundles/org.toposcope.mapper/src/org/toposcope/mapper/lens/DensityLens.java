package org.toposcope.mapper.lens;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Lens;
import org.toposcope.mapper.Clouds;

/**
 * Gaussian kernel density: the mean over all points y (itself included) of exp(-|x-y|² / (2h²)). The
 * normalising constant is left out; it does not change which points a cover groups together.
 */
@Component(service = Lens.class)
public final class DensityLens implements Lens {

    public static final String ID = "density";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "Gaussian kernel density (unnormalised) with bandwidth h";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.real("bandwidth", 1.0, "kernel bandwidth h (> 0)"));
    }

    @Override
    public Matrix apply(PointCloud cloud, Parameters parameters) {
        double h = parameters.real("bandwidth");
        if (!(h > 0) || Double.isInfinite(h)) {
            throw new ToposcopeException(cloud.name() + ": " + ID + " bandwidth must be a positive number, got " + h);
        }
        Clouds.requireUsable(cloud, ID, 1);
        int n = cloud.size();
        int d = cloud.dimension();
        double[] x = cloud.coordinates();
        double scale = -1 / (2 * h * h);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += Math.exp(scale * Clouds.squaredDistance(x, d, i, j));
            }
            out[i] = s / n;
        }
        return new Matrix(n, 1, out);
    }
}
