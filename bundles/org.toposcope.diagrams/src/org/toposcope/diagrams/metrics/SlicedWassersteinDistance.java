package org.toposcope.diagrams.metrics;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;

/**
 * Sliced Wasserstein distance (Carrière, Cuturi, Oudot 2017), discretised as in gudhi's
 * {@code SlicedWassersteinDistance}: M directions θ_k = -π/2 + kπ/M, k = 0..M-1; on each, the points of A
 * together with the diagonal projections of B's points are projected and sorted, likewise B with diag(A),
 * and the L1 distance of the two sorted vectors is averaged over the directions. Finite pairs only:
 * essential classes are ignored.
 */
@Component(service = DiagramMetric.class)
public final class SlicedWassersteinDistance implements DiagramMetric {

    public static final String ID = "sliced-wasserstein";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "sliced Wasserstein distance over evenly spaced directions (finite pairs)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("directions", 50, "number of directions over the half circle, >= 1"));
    }

    @Override
    public double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, Parameters parameters) {
        return of(a, b, parameters.integer("directions"));
    }

    public static double of(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, int directions) {
        if (directions < 1) {
            throw new ToposcopeException(ID + ": parameter directions must be >= 1, not " + directions);
        }
        int n = a.finiteCount();
        int m = b.finiteCount();
        double[] ab = a.births();
        double[] ad = a.deaths();
        double[] bb = b.births();
        double[] bd = b.deaths();
        double[] midA = new double[n];
        double[] midB = new double[m];
        for (int i = 0; i < n; i++) {
            midA[i] = (ab[i] + ad[i]) / 2;
        }
        for (int j = 0; j < m; j++) {
            midB[j] = (bb[j] + bd[j]) / 2;
        }
        double[] projA = new double[n + m]; // A then diag(B)
        double[] projB = new double[n + m]; // B then diag(A)
        // same arithmetic as numpy.linspace(-pi/2, pi/2, M+1)[:-1]: start + k * (span / M)
        double start = -Math.PI / 2;
        double step = (Math.PI / 2 - start) / directions;
        double sum = 0;
        for (int k = 0; k < directions; k++) {
            double theta = k * step + start;
            double c = Math.cos(theta);
            double s = Math.sin(theta);
            for (int i = 0; i < n; i++) {
                projA[i] = ab[i] * c + ad[i] * s;
                projB[m + i] = midA[i] * c + midA[i] * s;
            }
            for (int j = 0; j < m; j++) {
                projB[j] = bb[j] * c + bd[j] * s;
                projA[n + j] = midB[j] * c + midB[j] * s;
            }
            Arrays.sort(projA);
            Arrays.sort(projB);
            double l1 = 0;
            for (int t = 0; t < n + m; t++) {
                l1 += Math.abs(projA[t] - projB[t]);
            }
            sum += l1;
        }
        return sum / directions;
    }
}
