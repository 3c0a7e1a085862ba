package org.toposcope.comparison;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;

/** The real implementations the tests run on, found in the registry as the runner finds them. */
final class Components {

    private Components() {
    }

    static FiltrationBackend rips() {
        return Registry.current().get(FiltrationBackend.class, "vietoris-rips");
    }

    static DiagramMetric metric(String id) {
        return Registry.current().get(DiagramMetric.class, id);
    }

    static LayerSimilarity similarity(String id) {
        return Registry.current().get(LayerSimilarity.class, id);
    }

    static Parameters defaults(org.toposcope.core.Extension e) {
        return Parameters.defaults(e);
    }

    static Parameters parameters(org.toposcope.core.Extension e, Map<String, String> given) {
        return Parameters.resolve(e, given);
    }

    /** H0 and H1 diagrams of {@code count} different small clouds (circles of growing radius and blobs). */
    static List<PersistenceDiagram> diagrams(long seed, int count) {
        Random random = new Random(seed);
        FiltrationBackend rips = rips();
        Parameters p = defaults(rips);
        List<PersistenceDiagram> diagrams = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            PointCloud cloud = i % 2 == 0 ? Clouds.circle("circle" + i, random, 60, 3, 1 + 0.3 * i, 0.1, 0.1)
                    : Clouds.gaussian("blob" + i, random, 60, 3);
            diagrams.add(rips.compute(cloud, p, Progress.none()));
        }
        return diagrams;
    }

    static List<String> labels(String prefix, int count) {
        List<String> labels = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            labels.add(prefix + i);
        }
        return labels;
    }
}
