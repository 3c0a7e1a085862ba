package org.toposcope.experiment.spec;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A declarative experiment as read from a YAML file, before anything in it is checked against the
 * installed extensions, models or files (that is {@link org.toposcope.experiment.Plan}'s job).
 *
 * @param layers       layer names; empty means every layer the first model reports
 * @param similarities layer-similarity measures, each giving a layer x layer matrix
 * @param baseDir      folder relative paths in the spec are resolved against
 * @param source       the spec file's text, copied into the report
 */
public record ExperimentSpec(String file, String name, long seed, DataSpec data, List<ModelSpec> models, List<String> layers,
        Step strategy, Step filtration, Step metric, String dimensions, List<Step> similarities, Optional<MapperSpec> mapper,
        Optional<SensitivitySpec> sensitivity, Path baseDir, String source) {

    public ExperimentSpec {
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(name, "name");
        models = List.copyOf(models);
        layers = List.copyOf(layers);
        similarities = List.copyOf(similarities);
    }

    /**
     * @param path          a file or folder, relative to the spec, or {@code sample:NAME} for a shipped sample
     * @param images        the first this many images; -1 for all
     * @param normalise     {@code auto}, {@code none}, a preset name or explicit statistics
     * @param superClasses  {@code auto}, {@code none} or a class-map file
     */
    public record DataSpec(String path, int images, String normalise, String superClasses, int batch) {
    }

    /** @param name short name used in labels and file names */
    public record ModelSpec(String name, String path) {
    }

    /**
     * @param layers    layers that get mapper figures and pages (purity is computed for all layers)
     * @param lensLayer the layer whose activations (one flattened vector per image) the lens sees; empty for the
     *                  mapped layer's own cloud. The model's output layer with the {@code class-score} lens gives
     *                  the paper's "score for a chosen class" lens.
     */
    public record MapperSpec(List<String> layers, Step lens, String lensLayer, Step cover, Step clusterer) {
        public MapperSpec {
            layers = List.copyOf(layers);
        }
    }

    /** The principal-direction deletion test on one layer, {@code step} directions at a time. */
    public record SensitivitySpec(String layer, int step) {
    }
}
