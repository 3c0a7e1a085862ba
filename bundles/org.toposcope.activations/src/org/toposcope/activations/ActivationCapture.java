package org.toposcope.activations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;
import java.util.jar.Attributes;

import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * Runs a model over a data set batch by batch and hands each batch's activations of the chosen layers
 * to a sink: an activations folder ({@link #write}) or point-cloud builders ({@link #feed}). Only one
 * batch is held at a time; progress counts images and cancelling stops between batches.
 */
public final class ActivationCapture {

    /**
     * How to capture.
     *
     * @param layers        layer names, empty for every layer the model reports
     * @param batchSize     images per forward pass
     * @param limit         at most this many images from the start of the data set; negative for all
     * @param normalisation applied to each image batch before the model sees it (per-channel mean/std, say)
     * @param normalisationName how the manifest names it
     * @param seed          recorded in the manifest for the steps that follow
     */
    public record Options(List<String> layers, int batchSize, int limit, UnaryOperator<ImageBatch> normalisation,
            String normalisationName, long seed) {
        public Options {
            layers = List.copyOf(layers);
            Objects.requireNonNull(normalisation, "normalisation");
            if (batchSize < 1) {
                throw new ToposcopeException("batch size must be at least 1, got " + batchSize);
            }
        }

        /** Every layer, batches of 64, all images, no normalisation, seed 0. */
        public static Options defaults() {
            return new Options(List.of(), 64, -1, UnaryOperator.identity(), "none", 0);
        }

        public Options withLayers(List<String> names) {
            return new Options(names, batchSize, limit, normalisation, normalisationName, seed);
        }

        public Options withBatchSize(int size) {
            return new Options(layers, size, limit, normalisation, normalisationName, seed);
        }

        public Options withLimit(int images) {
            return new Options(layers, batchSize, images, normalisation, normalisationName, seed);
        }

        public Options withNormalisation(UnaryOperator<ImageBatch> n, String name) {
            return new Options(layers, batchSize, limit, n, name, seed);
        }

        public Options withSeed(long s) {
            return new Options(layers, batchSize, limit, normalisation, normalisationName, s);
        }
    }

    private ActivationCapture() {
    }

    /** The layers named (every layer when {@code names} is empty) with their shapes; an unknown name lists the known ones. */
    public static List<LayerInfo> selectLayers(LoadedModel model, int[] imageShape, List<String> names) {
        List<LayerInfo> all = model.layers(imageShape);
        if (names.isEmpty()) {
            return all;
        }
        Map<String, LayerInfo> byName = new LinkedHashMap<>();
        all.forEach(l -> byName.put(l.name(), l));
        List<LayerInfo> chosen = new ArrayList<>();
        for (String n : names) {
            LayerInfo l = byName.get(n);
            if (l == null) {
                throw new ToposcopeException(model.name() + ": no layer '" + n + "' (known: " + String.join(", ", byName.keySet()) + ")");
            }
            if (!chosen.contains(l)) {
                chosen.add(l);
            }
        }
        return chosen;
    }

    /** How many images a capture with these options reads. */
    public static int imageCount(Dataset data, Options options) {
        return options.limit() < 0 ? data.size() : Math.min(options.limit(), data.size());
    }

    /** Streams the chosen layers' activations batch by batch to {@code sink}. */
    public static void stream(LoadedModel model, Dataset data, List<LayerInfo> layers, Options options,
            Consumer<Map<String, LayerActivations>> sink, Progress progress) {
        int images = imageCount(data, options);
        progress.begin("capturing " + layers.size() + " layer(s) of " + images + " images", images);
        for (int first = 0; first < images; first += options.batchSize()) {
            progress.checkCancelled();
            ImageBatch batch = data.read(first, Math.min(options.batchSize(), images - first));
            if (batch.size() == 0) {
                throw new ToposcopeException(data.name() + ": no images from " + first + " though it reports " + data.size());
            }
            ImageBatch input = options.normalisation().apply(batch);
            Map<String, LayerActivations> all = model.forward(input, progress);
            Map<String, LayerActivations> chosen = new LinkedHashMap<>();
            for (LayerInfo l : layers) {
                LayerActivations a = all.get(l.name());
                if (a == null) {
                    throw new ToposcopeException(model.name() + ": forward pass returned no activations for layer " + l.name());
                }
                if (a.batchSize() != batch.size()) {
                    throw new ToposcopeException(model.name() + ": layer " + l.name() + " returned " + a.batchSize()
                            + " images for a batch of " + batch.size());
                }
                // the loader may not know where the batch sits in the data set; the batch does
                if (a.firstImage() != batch.firstImage() || !Arrays.equals(a.labels(), batch.labels())) {
                    a = new LayerActivations(a.layer(), a.shape(), a.values(), batch.firstImage(), batch.labels());
                }
                chosen.put(l.name(), a);
            }
            sink.accept(chosen);
            progress.worked(batch.size());
        }
    }

    /** Feeds the activations straight into point-cloud builders, keyed by layer; nothing is written. */
    public static void feed(LoadedModel model, Dataset data, Options options, Map<String, List<PointCloudStrategy.Builder>> builders,
            Progress progress) {
        List<LayerInfo> layers = selectLayers(model, data.imageShape(), new ArrayList<>(builders.keySet()));
        stream(model, data, layers, options, batch -> batch.forEach((layer, a) -> {
            for (PointCloudStrategy.Builder b : builders.get(layer)) {
                b.accept(a);
            }
        }), progress);
    }

    /**
     * Writes an activations folder {@code out} (see {@link Manifest}) atomically: on any failure or
     * cancel nothing is left behind.
     *
     * @param modelFile the model's file for the manifest's digest, or null
     * @param dataPath  the data file or folder for the manifest's digest, or null
     */
    public static Manifest write(LoadedModel model, Path modelFile, Dataset data, Path dataPath, Options options, Path out,
            Progress progress) {
        List<LayerInfo> layers = selectLayers(model, data.imageShape(), options.layers());
        if (layers.isEmpty()) {
            throw new ToposcopeException(model.name() + ": reports no layers to capture");
        }
        if (imageCount(data, options) == 0) {
            throw new ToposcopeException(data.name() + ": no images to capture (" + data.size() + " in the data set, limit "
                    + options.limit() + ")");
        }
        Set<String> files = new HashSet<>();
        List<Manifest.Layer> entries = new ArrayList<>();
        for (LayerInfo l : layers) {
            String file = ActivationsWriter.fileName(l.name(), files);
            files.add(file);
            entries.add(new Manifest.Layer(l.name(), file, l.shapePerImage()));
        }
        progress.begin("hashing model and data", -1);
        Manifest.Source modelSource = new Manifest.Source(model.name(), modelFile == null ? "" : modelFile.toString(),
                modelFile == null ? "" : Hashes.sha256(modelFile, progress));
        Manifest.Source dataSource = new Manifest.Source(data.name(), dataPath == null ? "" : dataPath.toString(),
                dataPath == null ? "" : Hashes.sha256(dataPath, progress));
        Manifest manifest = new Manifest(imageCount(data, options), data.imageShape(), entries, data.classNames(), data.superClasses(),
                modelSource, dataSource, options.limit(), options.batchSize(), options.seed(), options.normalisationName(), version());
        try (ActivationsWriter writer = ActivationsWriter.create(out, manifest)) {
            stream(model, data, layers, options, writer::accept, progress);
            writer.commit();
        }
        return manifest;
    }

    /** This bundle's version (Toposcope's), from its manifest; "" when unknown. */
    public static String version() {
        try (InputStream in = ActivationCapture.class.getResourceAsStream("/META-INF/MANIFEST.MF")) {
            if (in == null) {
                return "";
            }
            String v = new java.util.jar.Manifest(in).getMainAttributes().getValue(new Attributes.Name("Bundle-Version"));
            return v == null ? "" : v;
        } catch (IOException e) {
            return "";
        }
    }
}
