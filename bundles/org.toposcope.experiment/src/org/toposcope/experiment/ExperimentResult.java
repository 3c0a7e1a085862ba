package org.toposcope.experiment;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.toposcope.comparison.SeedStability;
import org.toposcope.comparison.SensitivityCurve;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.experiment.plugins.ExtensionFailure;

/** Everything a run computed, in the order the report presents it. Numbers only; how long it took is in {@link #seconds}. */
public record ExperimentResult(String name, int images, List<String> layers, List<String> classNames, Optional<SuperClasses> superClasses,
        List<ModelResult> models, Optional<DistanceMatrix> crossModel, Optional<SeedStability> stability, Findings findings,
        Map<String, Double> seconds, List<StepFailure> failures) {

    public ExperimentResult {
        layers = List.copyOf(layers);
        classNames = List.copyOf(classNames);
        models = List.copyOf(models);
        seconds = Map.copyOf(seconds);
        failures = List.copyOf(failures);
    }

    /** A run in which every step succeeded. */
    public ExperimentResult(String name, int images, List<String> layers, List<String> classNames, Optional<SuperClasses> superClasses,
            List<ModelResult> models, Optional<DistanceMatrix> crossModel, Optional<SeedStability> stability, Findings findings,
            Map<String, Double> seconds) {
        this(name, images, layers, classNames, superClasses, models, crossModel, stability, findings, seconds, List.of());
    }

    /**
     * A step that failed because an extension (a plug-in) threw, hung or returned malformed output; the run went on
     * without its result. {@code step} names what was being computed ({@code "model: metric"}), {@code message} the plug-in
     * and the problem in one line; {@code plugin} is the bundle, extension point and id ({@code "org.x 1.0.0 (lens x)"}),
     * {@code reason} the problem alone.
     */
    public record StepFailure(String step, String message, String plugin, String reason) {

        /** The failure of {@code step}, from an exception an {@link ExtensionFailure} caused. */
        public static StepFailure of(String step, org.toposcope.core.ToposcopeException e) {
            ExtensionFailure f = ExtensionFailure.causeOf(e).orElseThrow(() -> e);
            return new StepFailure(step, e.getMessage(), f.origin() + " (" + f.point() + " " + f.id() + ")", f.problem());
        }
    }

    /** One layer of one model: its point cloud's size and where its rows came from, and its persistence diagram. */
    public record LayerResult(String layer, int points, int dimension, Provenance provenance, PersistenceDiagram diagram) {
    }

    /** How a persistence-distance matrix agrees with a similarity matrix, over their upper triangles. */
    public record Correlation(String similarity, double pearson, double spearman) {
    }

    /**
     * @param labels      class label of each cloud row
     * @param superLabels super-class of each row, when the data set has super-classes
     * @param meanLens    per node, the mean of the first lens column over its members
     * @param classPurity node-wise purity (mean over nodes of 1 / distinct labels) of classes; NaN without nodes
     * @param imagePurity per-image class purity, averaged over images
     */
    public record MapperResult(String layer, MapperGraph graph, int[] labels, Optional<int[]> superLabels, double[] meanLens,
            double classPurity, double superClassPurity, double imagePurity) {
    }

    public record ModelResult(String model, List<LayerResult> layers, DistanceMatrix distances, List<DistanceMatrix> similarities,
            List<Correlation> correlations, List<MapperResult> mapper, Optional<SensitivityCurve> sensitivity) {
        public ModelResult {
            layers = List.copyOf(layers);
            similarities = List.copyOf(similarities);
            correlations = List.copyOf(correlations);
            mapper = List.copyOf(mapper);
        }
    }
}
