package org.toposcope.testing.brokenplugin;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.FiltrationBackend;

/**
 * H0 of the Vietoris-Rips filtration (the minimum spanning tree's edge lengths, by Prim) with an empty H1, except on
 * clouds named by {@code layer} (every cloud by default), where it throws, gives an essential class born at NaN,
 * returns a diagram without H0, or hangs.
 */
@Component(service = FiltrationBackend.class)
public final class BrokenFiltration implements FiltrationBackend {

    @Override
    public String id() {
        return "broken-filtration";
    }

    @Override
    public String description() {
        return "deliberately broken filtration backend (isolation tests)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return Failure.perLayerParameters();
    }

    @Override
    public PersistenceDiagram compute(PointCloud cloud, Parameters parameters, Progress progress) {
        switch (Failure.on(parameters, cloud.name())) {
            case Failure.NONE -> {
            }
            case Failure.NAN -> {
                return diagram(cloud, Double.NaN);
            }
            case Failure.WRONG_SIZE -> {
                return new PersistenceDiagram(cloud.name(), List.of());
            }
            case Failure.HANG -> Failure.hang();
            default -> throw new UnsupportedOperationException("broken-filtration fails on purpose on " + cloud.name());
        }
        return diagram(cloud, 0);
    }

    private static PersistenceDiagram diagram(PointCloud cloud, double essentialBirth) {
        int n = cloud.size();
        double[] deaths = new double[Math.max(0, n - 1)];
        double[] nearest = new double[n];
        boolean[] inTree = new boolean[n];
        Arrays.fill(nearest, Double.POSITIVE_INFINITY);
        if (n > 0) {
            nearest[0] = 0;
        }
        for (int added = 0; added < n; added++) {
            int next = -1;
            for (int i = 0; i < n; i++) {
                if (!inTree[i] && (next < 0 || nearest[i] < nearest[next])) {
                    next = i;
                }
            }
            inTree[next] = true;
            if (added > 0) {
                deaths[added - 1] = nearest[next];
            }
            for (int i = 0; i < n; i++) {
                if (!inTree[i]) {
                    nearest[i] = Math.min(nearest[i], distance(cloud, next, i));
                }
            }
        }
        Arrays.sort(deaths);
        PersistenceDiagram.Dimension h0 = new PersistenceDiagram.Dimension(0, new double[deaths.length], deaths,
                n > 0 ? new double[] {essentialBirth} : new double[0]);
        return new PersistenceDiagram(cloud.name(), List.of(h0, PersistenceDiagram.Dimension.empty(1)));
    }

    private static double distance(PointCloud cloud, int a, int b) {
        double sum = 0;
        for (int k = 0; k < cloud.dimension(); k++) {
            double d = cloud.get(a, k) - cloud.get(b, k);
            sum += d * d;
        }
        return Math.sqrt(sum);
    }
}
