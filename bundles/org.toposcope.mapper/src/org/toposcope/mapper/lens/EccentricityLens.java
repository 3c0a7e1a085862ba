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

/** Eccentricity (mean over all n points of d(x, y)^p)^(1/p); p = inf gives the largest distance. */
@Component(service = Lens.class)
public final class EccentricityLens implements Lens {

    public static final String ID = "eccentricity";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "p-mean of the distances to all points";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.real("p", 1.0, "exponent p >= 1, or inf for the largest distance"));
    }

    @Override
    public Matrix apply(PointCloud cloud, Parameters parameters) {
        double p = parameters.real("p");
        if (!(p >= 1)) {
            throw new ToposcopeException(cloud.name() + ": " + ID + " p must be at least 1, got " + p);
        }
        Clouds.requireUsable(cloud, ID, 1);
        int n = cloud.size();
        int d = cloud.dimension();
        double[] x = cloud.coordinates();
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                double dist = Math.sqrt(Clouds.squaredDistance(x, d, i, j));
                s = Double.isInfinite(p) ? Math.max(s, dist) : s + Math.pow(dist, p);
            }
            out[i] = Double.isInfinite(p) ? s : Math.pow(s / n, 1 / p);
        }
        return new Matrix(n, 1, out);
    }
}
