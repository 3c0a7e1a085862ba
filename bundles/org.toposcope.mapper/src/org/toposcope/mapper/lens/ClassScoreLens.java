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
 * The model's score for one class: the lens for a cloud whose rows are the model's outputs (logits), as an
 * experiment gives it with {@code mapper.lens-layer} set to the output layer. With {@code softmax} the
 * score is the class probability, computed stably (max subtracted first).
 */
@Component(service = Lens.class)
public final class ClassScoreLens implements Lens {

    public static final String ID = "class-score";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "the model's score (softmax probability, or raw logit) for one class; rows must be the model's outputs";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("class", 0, "index of the class whose score is the lens"),
                ParameterSpec.bool("softmax", true, "probability (softmax of the row) rather than the raw score"));
    }

    @Override
    public Matrix apply(PointCloud cloud, Parameters parameters) {
        Clouds.requireUsable(cloud, ID, 1);
        int k = parameters.integer("class");
        if (k < 0 || k >= cloud.dimension()) {
            throw new ToposcopeException(cloud.name() + ": lens " + ID + ": class " + k + " is not one of the " + cloud.dimension()
                    + " scores of each row (0.." + (cloud.dimension() - 1) + ")");
        }
        boolean softmax = parameters.bool("softmax");
        double[] out = new double[cloud.size()];
        for (int i = 0; i < out.length; i++) {
            if (!softmax) {
                out[i] = cloud.get(i, k);
                continue;
            }
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < cloud.dimension(); c++) {
                max = Math.max(max, cloud.get(i, c));
            }
            double sum = 0;
            for (int c = 0; c < cloud.dimension(); c++) {
                sum += Math.exp(cloud.get(i, c) - max);
            }
            out[i] = Math.exp(cloud.get(i, k) - max) / sum;
        }
        return new Matrix(out.length, 1, out);
    }
}
