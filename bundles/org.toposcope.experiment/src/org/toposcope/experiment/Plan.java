package org.toposcope.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.toposcope.comparison.Dimensions;
import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.core.spi.Lens;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.data.SuperClassMaps;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.Step;

/**
 * A spec checked against everything it names, before any computation: files exist and are read by an
 * installed reader or loader, every id is an installed extension whose parameters resolve, every layer
 * is one that every model reports. Any problem is one line naming the spec key. A plan holds the data
 * set and the models open; close it.
 */
public final class Plan implements AutoCloseable {

    /** An extension chosen by a spec step, with its resolved parameters. */
    public record Resolved<T extends Extension>(Step step, T extension, Parameters parameters) {
        public String id() {
            return extension.id();
        }
    }

    /**
     * @param modelFile     the model file itself (inside a model folder, the one model file)
     * @param normalisation what is applied to the images before this model sees them; empty for none
     */
    public record Model(String name, Path path, Path modelFile, LoadedModel loaded, Optional<Normalisation> normalisation,
            String normalisationSource) {
    }

    /**
     * @param lensLayer    the layer the lens sees, one row per image, when it is not the mapped layer itself
     * @param lensStrategy how that layer becomes one row per image ({@link #LENS_STRATEGY})
     */
    public record Mapper(List<String> figureLayers, Resolved<Lens> lens, Optional<String> lensLayer,
            Optional<Resolved<PointCloudStrategy>> lensStrategy, Resolved<Cover> cover, Resolved<Clusterer> clusterer) {
        public Mapper {
            figureLayers = List.copyOf(figureLayers);
        }
    }

    public record Sensitivity(String layer, int step) {
    }

    /** The strategy that gives a lens layer one row per image: all its activations, flattened. */
    public static final String LENS_STRATEGY = "image-vector";

    private final ExperimentSpec spec;
    private final Path dataPath;
    private final Dataset data;
    private final int images;
    private final Optional<SuperClasses> superClasses;
    private final List<Model> models;
    private final List<String> layers;
    private final Resolved<PointCloudStrategy> strategy;
    private final Resolved<FiltrationBackend> filtration;
    private final Resolved<DiagramMetric> metric;
    private final Dimensions dimensions;
    private final List<Resolved<LayerSimilarity>> similarities;
    private final Optional<Mapper> mapper;
    private final Optional<Sensitivity> sensitivity;

    private Plan(ExperimentSpec spec, Path dataPath, Dataset data, int images, Optional<SuperClasses> superClasses, List<Model> models,
            List<String> layers, Resolved<PointCloudStrategy> strategy, Resolved<FiltrationBackend> filtration,
            Resolved<DiagramMetric> metric, Dimensions dimensions, List<Resolved<LayerSimilarity>> similarities,
            Optional<Mapper> mapper, Optional<Sensitivity> sensitivity) {
        this.spec = spec;
        this.dataPath = dataPath;
        this.data = data;
        this.images = images;
        this.superClasses = superClasses;
        this.models = List.copyOf(models);
        this.layers = List.copyOf(layers);
        this.strategy = strategy;
        this.filtration = filtration;
        this.metric = metric;
        this.dimensions = dimensions;
        this.similarities = List.copyOf(similarities);
        this.mapper = mapper;
        this.sensitivity = sensitivity;
    }

    /** Checks the spec; loads its models and opens its data set (which the plan then owns). */
    public static Plan resolve(ExperimentSpec spec, Registry registry, Progress progress) {
        String file = spec.file();
        // extensions first: they cost nothing to check, models cost seconds to load
        Resolved<PointCloudStrategy> strategy = extension(spec, registry, PointCloudStrategy.class, spec.strategy());
        Resolved<FiltrationBackend> filtration = extension(spec, registry, FiltrationBackend.class, spec.filtration(),
                Map.of("max-dimension", "1"));
        Resolved<DiagramMetric> metric = extension(spec, registry, DiagramMetric.class, spec.metric());
        Dimensions dimensions;
        try {
            dimensions = Dimensions.parse(spec.dimensions());
        } catch (ToposcopeException e) {
            throw new ToposcopeException(file + ": metric.dimensions: " + e.getMessage());
        }
        Object maxDimension = filtration.parameters().asMap().get("max-dimension");
        if (dimensions != Dimensions.H0 && maxDimension instanceof Integer m && m < 1) {
            throw new ToposcopeException(file + ": filtration.parameters.max-dimension: is " + m + ", but metric.dimensions "
                    + spec.dimensions() + " needs H1 (max-dimension 1 or more)");
        }
        List<Resolved<LayerSimilarity>> similarities = new ArrayList<>();
        for (Step s : spec.similarities()) {
            similarities.add(extension(spec, registry, LayerSimilarity.class, s));
        }
        Optional<ExperimentSpec.MapperSpec> ms = spec.mapper();
        Resolved<Lens> lens = ms.isPresent() ? extension(spec, registry, Lens.class, ms.get().lens()) : null;
        Resolved<Cover> cover = ms.isPresent() ? extension(spec, registry, Cover.class, ms.get().cover()) : null;
        Resolved<Clusterer> clusterer = ms.isPresent() ? extension(spec, registry, Clusterer.class, ms.get().clusterer()) : null;

        Path dataPath = located(spec, "data.path", spec.data().path());
        Dataset data;
        try {
            data = Sources.openData(registry, dataPath);
        } catch (ToposcopeException e) {
            throw new ToposcopeException(file + ": data.path: " + e.getMessage());
        }
        List<Model> models = new ArrayList<>();
        try {
            int images = spec.data().images() < 0 ? data.size() : spec.data().images();
            if (images > data.size()) {
                throw new ToposcopeException(file + ": data.images: " + images + " asked, " + Sources.name(dataPath) + " holds "
                        + data.size());
            }
            if (images < 2) {
                throw new ToposcopeException(file + ": data.images: at least 2 images are needed, not " + images);
            }
            Optional<SuperClasses> superClasses = superClasses(spec, data);
            for (int i = 0; i < spec.models().size(); i++) {
                models.add(model(spec, registry, i, data, progress));
            }
            List<String> layers = layers(spec, models, data);
            Optional<Mapper> mapper = Optional.empty();
            if (ms.isPresent()) {
                List<String> figureLayers = ms.get().layers().isEmpty() ? List.of(layers.get(layers.size() - 1)) : ms.get().layers();
                for (String l : figureLayers) {
                    if (!layers.contains(l)) {
                        throw new ToposcopeException(file + ": mapper.layers: '" + l + "' is not one of the experiment's layers ("
                                + String.join(", ", layers) + ")");
                    }
                }
                Optional<String> lensLayer = Optional.empty();
                Optional<Resolved<PointCloudStrategy>> lensStrategy = Optional.empty();
                if (!ms.get().lensLayer().isEmpty()) {
                    lensLayer = Optional.of(lensLayer(spec, models, data, ms.get().lensLayer()));
                    lensStrategy = Optional.of(extension(spec, registry, PointCloudStrategy.class,
                            Step.of("mapper.lens-layer", LENS_STRATEGY)));
                }
                mapper = Optional.of(new Mapper(figureLayers, lens, lensLayer, lensStrategy, cover, clusterer));
            }
            Optional<Sensitivity> sensitivity = spec.sensitivity().map(s -> new Sensitivity(s.layer(), s.step()));
            if (sensitivity.isPresent() && similarities.isEmpty()) {
                throw new ToposcopeException(file + ": sensitivity: needs a similarity (its curve is drawn next to the first one's)");
            }
            if (sensitivity.isPresent() && !layers.contains(sensitivity.get().layer())) {
                throw new ToposcopeException(file + ": sensitivity.layer: '" + sensitivity.get().layer()
                        + "' is not one of the experiment's layers (" + String.join(", ", layers) + ")");
            }
            return new Plan(spec, dataPath, data, images, superClasses, models, layers, strategy, filtration, metric, dimensions,
                    similarities, mapper, sensitivity);
        } catch (RuntimeException e) {
            models.forEach(m -> m.loaded().close());
            data.close();
            throw e;
        }
    }

    private static <T extends Extension> Resolved<T> extension(ExperimentSpec spec, Registry registry, Class<T> point, Step step) {
        return extension(spec, registry, point, step, Map.of());
    }

    /**
     * @param defaults the experiment's own defaults (H1 needs max-dimension 1), used where the extension declares them;
     *                 the spec's seed is one, for every extension
     */
    private static <T extends Extension> Resolved<T> extension(ExperimentSpec spec, Registry registry, Class<T> point, Step step,
            Map<String, String> defaults) {
        List<Registered<T>> all = registry.all(point);
        for (Registered<T> r : all) {
            if (r.id().equals(step.id())) {
                T extension = r.extension();
                try {
                    Map<String, String> given = new java.util.LinkedHashMap<>(step.parameters());
                    Map<String, String> ours = new java.util.LinkedHashMap<>(defaults);
                    ours.put("seed", Long.toString(spec.seed()));
                    ours.forEach((k, v) -> {
                        if (!given.containsKey(k) && extension.parameters().stream().anyMatch(p -> p.name().equals(k))) {
                            given.put(k, v);
                        }
                    });
                    return new Resolved<>(step, extension, Parameters.resolve(extension, given));
                } catch (ToposcopeException e) {
                    throw new ToposcopeException(spec.file() + ": " + step.key() + ".parameters: " + e.getMessage());
                }
            }
        }
        String known = all.isEmpty() ? "none installed" : String.join(", ", all.stream().map(Registered::id).toList());
        throw new ToposcopeException(spec.file() + ": " + step.key() + ": unknown " + point.getSimpleName() + " '" + step.id()
                + "' (installed: " + known + ")");
    }

    private static Path located(ExperimentSpec spec, String key, String text) {
        Path p;
        try {
            p = Sources.resolve(text, spec.baseDir());
        } catch (ToposcopeException e) {
            throw new ToposcopeException(spec.file() + ": " + key + ": " + e.getMessage());
        }
        if (!Files.exists(p)) {
            throw new ToposcopeException(spec.file() + ": " + key + ": " + p + " does not exist");
        }
        return p;
    }

    private static Optional<SuperClasses> superClasses(ExperimentSpec spec, Dataset data) {
        String s = spec.data().superClasses();
        if (s.equals("none")) {
            return Optional.empty();
        }
        if (s.equals("auto")) {
            return data.superClasses().isPresent() ? data.superClasses() : SuperClassMaps.builtIn(data.classNames());
        }
        Path file = located(spec, "data.super-classes", s);
        try {
            return Optional.of(SuperClassMaps.read(file, data.classNames()));
        } catch (ToposcopeException e) {
            throw new ToposcopeException(spec.file() + ": data.super-classes: " + e.getMessage());
        }
    }

    private static Model model(ExperimentSpec spec, Registry registry, int i, Dataset data, Progress progress) {
        ExperimentSpec.ModelSpec ms = spec.models().get(i);
        String key = "models[" + i + "]";
        Path path = located(spec, key + ".path", ms.path());
        LoadedModel loaded;
        Path modelFile;
        try {
            modelFile = Sources.modelFile(registry, path);
            loaded = Sources.loadModel(registry, path, progress);
        } catch (ToposcopeException e) {
            throw new ToposcopeException(spec.file() + ": " + key + ".path: " + e.getMessage());
        }
        try {
            String text = spec.data().normalise();
            Optional<Normalisation> n;
            String source;
            if (text.equalsIgnoreCase("auto")) {
                n = loaded.normalisation();
                source = n.isPresent() ? "recorded in the model" : "none (the model records none)";
            } else {
                try {
                    n = Normalisation.parse(text, data.imageShape()[0]);
                } catch (ToposcopeException e) {
                    throw new ToposcopeException(spec.file() + ": data.normalise: " + e.getMessage());
                }
                source = "given in the spec";
            }
            return new Model(ms.name(), path, modelFile, loaded, n, source);
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }

    private static String lensLayer(ExperimentSpec spec, List<Model> models, Dataset data, String layer) {
        for (Model m : models) {
            List<String> names = m.loaded().layers(data.imageShape()).stream().map(LayerInfo::name).toList();
            if (!names.contains(layer)) {
                throw new ToposcopeException(spec.file() + ": mapper.lens-layer: '" + layer + "' is not a layer of model " + m.name()
                        + " (its layers: " + String.join(", ", names) + ")");
            }
        }
        return layer;
    }

    private static List<String> layers(ExperimentSpec spec, List<Model> models, Dataset data) {
        List<String> wanted = spec.layers();
        List<String> chosen = null;
        for (int i = 0; i < models.size(); i++) {
            List<LayerInfo> info;
            try {
                info = models.get(i).loaded().layers(data.imageShape());
            } catch (ToposcopeException e) {
                throw new ToposcopeException(spec.file() + ": models[" + i + "]: " + e.getMessage());
            }
            List<String> names = info.stream().map(LayerInfo::name).toList();
            if (wanted.isEmpty()) {
                wanted = names;
            }
            for (String l : wanted) {
                if (!names.contains(l)) {
                    throw new ToposcopeException(spec.file() + ": layers: '" + l + "' is not a layer of model " + models.get(i).name()
                            + " (its layers: " + String.join(", ", names) + ")");
                }
            }
            chosen = wanted;
        }
        Set<String> distinct = new LinkedHashSet<>(chosen);
        if (distinct.size() != chosen.size()) {
            throw new ToposcopeException(spec.file() + ": layers: a layer is listed twice");
        }
        if (chosen.isEmpty()) {
            throw new ToposcopeException(spec.file() + ": layers: the models report no layers");
        }
        return chosen;
    }

    public ExperimentSpec spec() {
        return spec;
    }

    public Path dataPath() {
        return dataPath;
    }

    public Dataset data() {
        return data;
    }

    public int images() {
        return images;
    }

    public Optional<SuperClasses> superClasses() {
        return superClasses;
    }

    public List<Model> models() {
        return models;
    }

    public List<String> layers() {
        return layers;
    }

    public Resolved<PointCloudStrategy> strategy() {
        return strategy;
    }

    public Resolved<FiltrationBackend> filtration() {
        return filtration;
    }

    public Resolved<DiagramMetric> metric() {
        return metric;
    }

    public Dimensions dimensions() {
        return dimensions;
    }

    public List<Resolved<LayerSimilarity>> similarities() {
        return similarities;
    }

    public Optional<Mapper> mapper() {
        return mapper;
    }

    public Optional<Sensitivity> sensitivity() {
        return sensitivity;
    }

    @Override
    public void close() {
        for (Model m : models) {
            m.loaded().close();
        }
        data.close();
    }
}
