package org.example.toposcope;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;

/**
 * L2 distance between persistence landscapes (Bubenik 2015): λ_k(t) is the k-th largest of max(0, min(t - b, d - t))
 * over the finite pairs (b, d). Both landscapes are sampled at {@code resolution} equally spaced t from the smallest
 * birth to the largest death of the two diagrams, and sqrt(Σ_k ∫ (λ_k - μ_k)² dt) is integrated by the trapezoid
 * rule. Essential classes are left out, as landscapes of infinite bars are not integrable.
 */
@Component(service = DiagramMetric.class)
public final class LandscapeDistance implements DiagramMetric {

    public static final String ID = "landscape-l2";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "L2 distance of persistence landscapes, sampled (example plug-in)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("landscapes", 5, "number of landscape functions λ_1 .. λ_k compared"),
                ParameterSpec.integer("resolution", 1000, "samples of t over [smallest birth, largest death]"));
    }

    @Override
    public double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, Parameters parameters) {
        int layers = parameters.integer("landscapes");
        int resolution = parameters.integer("resolution");
        if (layers < 1 || resolution < 2) {
            throw new ToposcopeException(ID + ": landscapes must be at least 1 and resolution at least 2, got " + layers + " and "
                    + resolution);
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (PersistenceDiagram.Dimension d : List.of(a, b)) {
            for (int i = 0; i < d.finiteCount(); i++) {
                lo = Math.min(lo, d.birth(i));
                hi = Math.max(hi, d.death(i));
            }
        }
        if (!(hi > lo)) {
            return 0; // no finite pair with positive length on either side
        }
        double step = (hi - lo) / (resolution - 1);
        double[] la = new double[layers];
        double[] lb = new double[layers];
        double integral = 0;
        for (int s = 0; s < resolution; s++) {
            double t = lo + s * step;
            top(a, t, la);
            top(b, t, lb);
            double sum = 0;
            for (int k = 0; k < layers; k++) {
                double diff = la[k] - lb[k];
                sum += diff * diff;
            }
            integral += (s == 0 || s == resolution - 1) ? sum / 2 : sum;
        }
        return Math.sqrt(integral * step);
    }

    /** The largest {@code out.length} tent values at t, in decreasing order (zeros when fewer pairs cover t). */
    private static void top(PersistenceDiagram.Dimension d, double t, double[] out) {
        java.util.Arrays.fill(out, 0);
        for (int i = 0; i < d.finiteCount(); i++) {
            double v = Math.min(t - d.birth(i), d.death(i) - t);
            if (v <= out[out.length - 1]) {
                continue;
            }
            int at = out.length - 1;
            while (at > 0 && out[at - 1] < v) {
                out[at] = out[at - 1];
                at--;
            }
            out[at] = v;
        }
    }
}
