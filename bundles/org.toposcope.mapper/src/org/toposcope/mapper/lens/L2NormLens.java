package org.toposcope.mapper.lens;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Lens;
import org.toposcope.mapper.Clouds;

/** The Euclidean norm of each row, scaled linearly so the smallest is 0 and the largest 1. */
@Component(service = Lens.class)
public final class L2NormLens implements Lens {

    public static final String ID = "l2-norm";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "L2 norm of each point, scaled to [0, 1]";
    }

    @Override
    public Matrix apply(PointCloud cloud, Parameters parameters) {
        Clouds.requireUsable(cloud, ID, 1);
        double[] norms = new double[cloud.size()];
        for (int i = 0; i < norms.length; i++) {
            double s = 0;
            for (int c = 0; c < cloud.dimension(); c++) {
                double v = cloud.get(i, c);
                s += v * v;
            }
            norms[i] = Math.sqrt(s);
        }
        Clouds.scaleToUnit(norms);
        return new Matrix(norms.length, 1, norms);
    }
}
