package org.toposcope.experiment;

import java.util.ArrayList;
import java.util.List;

import org.toposcope.comparison.LayerDistances;
import org.toposcope.core.Progress;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;

/**
 * Where the runner's diagram distances are computed: {@link #LOCAL} on this machine's cores; a cluster runner
 * spreads the pairs over its tasks. Every implementation gives {@link LayerDistances#matrix}'s numbers: each
 * entry is one deterministic metric call, so only the place of the work differs.
 */
public interface PairwiseDistances {

    /** On this machine, through {@link LayerDistances}. */
    PairwiseDistances LOCAL = new PairwiseDistances() {
        @Override
        public DistanceMatrix matrix(String name, List<String> labels, List<PersistenceDiagram> diagrams, DiagramMetric metric, Plan plan,
                Progress progress) {
            return LayerDistances.matrix(name, labels, diagrams, metric, plan.metric().parameters(), plan.dimensions(), progress);
        }

        @Override
        public DistanceMatrix crossModel(String name, List<String> models, List<List<String>> layers,
                List<List<PersistenceDiagram>> diagrams, DiagramMetric metric, Plan plan, Progress progress) {
            return LayerDistances.crossModel(name, models, layers, diagrams, metric, plan.metric().parameters(), plan.dimensions(),
                    progress);
        }
    };

    /**
     * Symmetric matrix of the plan's metric between {@code diagrams}, labelled by {@code labels}, zero diagonal.
     * {@code metric} is the plan's metric as this process calls it (guarded when it is a plug-in); an engine whose
     * tasks run elsewhere looks the metric up there by the plan's id.
     */
    DistanceMatrix matrix(String name, List<String> labels, List<PersistenceDiagram> diagrams, DiagramMetric metric, Plan plan,
            Progress progress);

    /** All layers of all models in one matrix labelled "model/layer", as {@link LayerDistances#crossModel}. */
    default DistanceMatrix crossModel(String name, List<String> models, List<List<String>> layers, List<List<PersistenceDiagram>> diagrams,
            DiagramMetric metric, Plan plan, Progress progress) {
        List<String> labels = new ArrayList<>();
        List<PersistenceDiagram> all = new ArrayList<>();
        for (int m = 0; m < models.size(); m++) {
            for (String layer : layers.get(m)) {
                labels.add(models.get(m) + "/" + layer);
            }
            all.addAll(diagrams.get(m));
        }
        return matrix(name, labels, all, metric, plan, progress);
    }
}
