package org.toposcope.experiment;

import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;
import java.util.function.UnaryOperator;

import org.toposcope.activations.ActivationCapture;
import org.toposcope.activations.Hashes;
import org.toposcope.comparison.SeedStability;
import org.toposcope.comparison.SensitivityCurve;
import org.toposcope.comparison.SimilarityMatrix;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.data.Datasets;
import org.toposcope.experiment.ExperimentResult.Correlation;
import org.toposcope.experiment.ExperimentResult.LayerResult;
import org.toposcope.experiment.ExperimentResult.MapperResult;
import org.toposcope.experiment.ExperimentResult.ModelResult;
import org.toposcope.experiment.ExperimentResult.StepFailure;
import org.toposcope.experiment.cache.Codec;
import org.toposcope.experiment.cache.ResultCache;
import org.toposcope.experiment.plugins.ExtensionFailure;
import org.toposcope.experiment.plugins.Guard;
import org.toposcope.mapper.MapperBuilder;
import org.toposcope.mapper.Purity;
import org.toposcope.similarity.MatrixCorrelation;

/**
 * Runs a {@link Plan}: per model, one pass of the images through the network feeds every layer's
 * point-cloud builder; per layer a persistence diagram; then the layer x layer matrices, mapper graphs,
 * the sensitivity curve, and across models the cross-model matrix and seed stability. Point clouds,
 * diagrams and sensitivity curves are cached under the digest of what they were computed from, so an
 * interrupted run resumes where it stopped and a finished one is not recomputed.
 */
public final class ExperimentRunner {

    private ExperimentRunner() {
    }

    /** Runs the plan on this machine's cores. */
    public static ExperimentResult run(Plan plan, ResultCache cache, Progress progress) {
        return run(plan, cache, progress, PairwiseDistances.LOCAL);
    }

    /**
     * Runs the plan with the diagrams' pairwise distances computed by {@code distances} (e.g. by Spark tasks).
     * Point clouds and diagrams already in {@code cache} (put there by {@link #layerStage} elsewhere) are used.
     */
    public static ExperimentResult run(Plan plan, ResultCache cache, Progress progress, PairwiseDistances distances) {
        Map<String, Double> seconds = new LinkedHashMap<>();
        long start = System.nanoTime();
        String dataDigest = dataDigest(plan.data(), plan.images(), progress);
        seconds.put("hash data", since(start));
        List<ModelResult> models = new ArrayList<>();
        List<List<PersistenceDiagram>> allDiagrams = new ArrayList<>();
        Guard guard = new Guard(Guard.configuredTimeout(), progress::isCancelled);
        List<StepFailure> failures = new ArrayList<>();
        for (Plan.Model m : plan.models()) {
            models.add(runModel(plan, m, dataDigest, cache, progress, seconds, allDiagrams, guard, failures, distances));
        }
        Optional<DistanceMatrix> cross = Optional.empty();
        Optional<SeedStability> stability = Optional.empty();
        // a model whose metric step failed has no distances to compare
        if (models.size() > 1 && failures.stream().noneMatch(f -> f.step().endsWith(": " + METRIC_STEP))) {
            long t = System.nanoTime();
            List<String> names = models.stream().map(ModelResult::model).toList();
            // each model's layers that have a diagram (a layer whose point cloud or diagram step failed is left out)
            List<List<String>> labels = models.stream().map(r -> r.layers().stream().map(LayerResult::layer).toList()).toList();
            try {
                cross = Optional.of(distances.crossModel("cross-model " + plan.metric().id(), names, labels, allDiagrams,
                        guard.metric(plan.metric().extension()), plan, progress));
                if (labels.stream().allMatch(plan.layers()::equals)) {
                    stability = Optional.of(SeedStability.of(names, models.stream().map(ModelResult::distances).toList()));
                }
            } catch (ToposcopeException f) {
                ExtensionFailure.rethrowUnlessCause(f);
                failures.add(StepFailure.of("cross-model: " + METRIC_STEP, f));
            }
            seconds.put("cross-model", since(t));
        }
        ModelResult first = models.get(0);
        double[] stages = Findings.stageMeans(first.distances());
        List<String> purityLayers = first.mapper().stream().map(MapperResult::layer).toList();
        Findings findings = new Findings(first.model(), stages[0], stages[1], purityLayers,
                first.mapper().stream().mapToDouble(MapperResult::classPurity).toArray(),
                first.mapper().stream().mapToDouble(MapperResult::superClassPurity).toArray());
        seconds.put("total", since(start));
        return new ExperimentResult(plan.spec().name(), plan.images(), plan.layers(), plan.data().classNames(),
                plan.superClasses(), models, cross, stability, findings, seconds, failures);
    }

    /** Step names of failures, after the model's name. */
    private static final String METRIC_STEP = "metric";

    private static ModelResult runModel(Plan plan, Plan.Model m, String dataDigest, ResultCache cache, Progress progress,
            Map<String, Double> seconds, List<List<PersistenceDiagram>> allDiagrams, Guard guard, List<StepFailure> failures,
            PairwiseDistances pairwise) {
        long t = System.nanoTime();
        String modelDigest = Hashes.sha256(m.path(), progress);
        Optional<Plan.Mapper> mp = plan.mapper();
        Map<String, CloudRequest> requests = requests(plan, m, modelDigest, dataDigest, plan.layers(), true);
        // a layer whose point cloud or diagram failed because of an extension is left out of the model's results
        Map<String, StepFailure> layerFailures = new LinkedHashMap<>();
        Map<String, PointCloud> clouds = clouds(plan, m, requests, cache, guard, progress, (id, f) -> {
            StepFailure failure = StepFailure.of(m.name() + ": point cloud " + (id.startsWith(LENS) ? "of lens layer "
                    + id.substring(LENS.length()) : id), f);
            failures.add(failure);
            layerFailures.put(id, failure);
        });
        Map<String, String> cloudKeys = new LinkedHashMap<>();
        requests.forEach((id, r) -> cloudKeys.put(id, r.key()));
        seconds.put(m.name() + ": point clouds", since(t));

        t = System.nanoTime();
        FiltrationBackend filtration = guard.guarded(FiltrationBackend.class, plan.filtration().extension());
        List<LayerResult> layers = new ArrayList<>();
        List<PersistenceDiagram> diagrams = new ArrayList<>();
        for (String layer : plan.layers()) {
            progress.checkCancelled();
            PointCloud cloud = clouds.get(layer);
            if (cloud == null) {
                continue;
            }
            PersistenceDiagram d;
            try {
                d = diagram(plan, filtration, cloud, diagramKey(plan, cloudKeys.get(layer)), cache, progress);
            } catch (ToposcopeException f) {
                ExtensionFailure.rethrowUnlessCause(f);
                StepFailure failure = StepFailure.of(m.name() + ": diagram " + layer, f);
                failures.add(failure);
                layerFailures.put(layer, failure);
                continue;
            }
            diagrams.add(d);
            layers.add(new LayerResult(layer, cloud.size(), cloud.dimension(), cloud.provenance(), d));
        }
        if (layers.isEmpty()) {
            throw new ToposcopeException(m.name() + ": no layer has a diagram; " + failures.get(failures.size() - 1).step() + " failed: "
                    + failures.get(failures.size() - 1).message());
        }
        List<String> done = layers.stream().map(LayerResult::layer).toList();
        allDiagrams.add(diagrams);
        seconds.put(m.name() + ": persistence", since(t));

        t = System.nanoTime();
        String distanceName = m.name() + " " + plan.metric().id() + " " + plan.dimensions();
        DistanceMatrix distances;
        boolean metricFailed = false;
        try {
            distances = pairwise.matrix(distanceName, done, diagrams, guard.metric(plan.metric().extension()), plan, progress);
        } catch (ToposcopeException f) {
            ExtensionFailure.rethrowUnlessCause(f);
            // the report shows the matrix as missing (NaN cells); the other steps go on
            failures.add(StepFailure.of(m.name() + ": " + METRIC_STEP, f));
            double[] nan = new double[done.size() * done.size()];
            Arrays.fill(nan, Double.NaN);
            distances = new DistanceMatrix(distanceName, done, done, nan);
            metricFailed = true;
        }
        List<PointCloud> ordered = done.stream().map(clouds::get).toList();
        List<DistanceMatrix> similarities = new ArrayList<>();
        List<Correlation> correlations = new ArrayList<>();
        for (Plan.Resolved<LayerSimilarity> s : plan.similarities()) {
            DistanceMatrix sim;
            try {
                sim = SimilarityMatrix.of(m.name() + " " + s.id(), done, ordered, guard.guarded(LayerSimilarity.class, s.extension()),
                        s.parameters(), progress);
            } catch (ToposcopeException f) {
                ExtensionFailure.rethrowUnlessCause(f);
                failures.add(StepFailure.of(m.name() + ": similarity " + s.id(), f));
                continue;
            }
            similarities.add(sim);
            correlations.add(done.size() < 3 || metricFailed ? new Correlation(s.id(), Double.NaN, Double.NaN)
                    : new Correlation(s.id(), MatrixCorrelation.pearson(distances, sim), MatrixCorrelation.spearman(distances, sim)));
        }
        seconds.put(m.name() + ": layer matrices", since(t));

        t = System.nanoTime();
        List<MapperResult> mapper = new ArrayList<>();
        // without the lens layer's cloud (its failure is recorded) there is no mapper graph
        if (plan.mapper().isPresent() && mp.get().lensLayer().map(l -> clouds.containsKey(LENS + l)).orElse(true)) {
            Optional<PointCloud> lensCloud = mp.get().lensLayer().map(l -> clouds.get(LENS + l));
            for (String layer : plan.layers()) {
                progress.checkCancelled();
                if (!done.contains(layer)) {
                    continue; // a layer left out is left out whole, so every view of the report sees the same layers
                }
                try {
                    mapper.add(mapper(plan, mp.get(), clouds.get(layer), lensCloud, layer, guard, progress));
                } catch (ToposcopeException f) {
                    ExtensionFailure.rethrowUnlessCause(f);
                    failures.add(StepFailure.of(m.name() + ": mapper " + layer, f));
                }
            }
        }
        seconds.put(m.name() + ": mapper", since(t));

        t = System.nanoTime();
        Optional<SensitivityCurve> sensitivity = Optional.empty();
        Optional<StepFailure> lost = plan.sensitivity().map(s -> layerFailures.get(s.layer()));
        if (lost.isPresent()) {
            // the layer's own step failed: the same failure, under this step's name too
            failures.add(new StepFailure(m.name() + ": sensitivity", lost.get().message(), lost.get().plugin(), lost.get().reason()));
        } else {
            try {
                sensitivity = plan.sensitivity().map(s -> sensitivity(plan, s, clouds.get(s.layer()), cloudKeys.get(s.layer()), guard, cache,
                        progress));
            } catch (ToposcopeException f) {
                ExtensionFailure.rethrowUnlessCause(f);
                failures.add(StepFailure.of(m.name() + ": sensitivity", f));
            }
        }
        seconds.put(m.name() + ": sensitivity", since(t));
        return new ModelResult(m.name(), layers, distances, similarities, correlations, mapper, sensitivity);
    }

    /** A result in a {@link ResultCache}: what {@link #layerStage} made or found. */
    public record CacheEntry(String kind, String key) {
    }

    /**
     * Stage 1 of a run for some layers of one model, as a unit of work another machine can do: their point
     * clouds (one pass of the images through the model) and persistence diagrams, put into {@code cache} under
     * the keys {@link #run} looks them up by. With {@code lens}, also the mapper's lens cloud of this model.
     *
     * @param modelDigest the model file's SHA-256 ({@link Hashes#sha256}); the caller has it from the driver
     * @param dataDigest  {@link #dataDigest} of the plan's data
     * @return the cache entries of every cloud and diagram asked for, in the order of {@code layers}, but those an extension
     *         failed to give
     */
    public static List<CacheEntry> layerStage(Plan plan, Plan.Model m, List<String> layers, boolean lens, String modelDigest,
            String dataDigest, ResultCache cache, Progress progress) {
        for (String layer : layers) {
            if (!plan.layers().contains(layer)) {
                throw new ToposcopeException(m.name() + ": layer '" + layer + "' is not one of the experiment's layers");
            }
        }
        Map<String, CloudRequest> requests = requests(plan, m, modelDigest, dataDigest, layers, lens);
        Guard guard = new Guard(Guard.configuredTimeout(), progress::isCancelled);
        // a result an extension failed to give is left out: the driver's run, not finding it, computes it again and
        // records the failure as a failed step, as in a local run
        Map<String, PointCloud> clouds = clouds(plan, m, requests, cache, guard, progress, (id, f) -> { });
        FiltrationBackend filtration = guard.guarded(FiltrationBackend.class, plan.filtration().extension());
        List<CacheEntry> entries = new ArrayList<>();
        for (Map.Entry<String, CloudRequest> e : requests.entrySet()) {
            if (!clouds.containsKey(e.getKey())) {
                continue;
            }
            entries.add(new CacheEntry("cloud", e.getValue().key()));
            if (!e.getKey().startsWith(LENS)) {
                progress.checkCancelled();
                String key = diagramKey(plan, e.getValue().key());
                try {
                    diagram(plan, filtration, clouds.get(e.getKey()), key, cache, progress);
                } catch (ToposcopeException f) {
                    ExtensionFailure.rethrowUnlessCause(f);
                    continue;
                }
                entries.add(new CacheEntry("diagram", key));
            }
        }
        return entries;
    }

    /** The clouds a model's layers need, by request id (the layer; lens clouds prefixed by {@link #LENS}). */
    private static Map<String, CloudRequest> requests(Plan plan, Plan.Model m, String modelDigest, String dataDigest, List<String> layers,
            boolean lens) {
        Map<String, CloudRequest> requests = new LinkedHashMap<>();
        for (String layer : layers) {
            requests.put(layer, request(plan, m, modelDigest, dataDigest, layer, plan.strategy()));
        }
        Optional<Plan.Mapper> mp = plan.mapper();
        if (lens && mp.isPresent() && mp.get().lensLayer().isPresent()) {
            requests.put(LENS + mp.get().lensLayer().get(), request(plan, m, modelDigest, dataDigest, mp.get().lensLayer().get(),
                    mp.get().lensStrategy().orElseThrow()));
        }
        return requests;
    }

    private static String diagramKey(Plan plan, String cloudKey) {
        return ResultCache.key("diagram", cloudKey, plan.filtration().id(), plan.filtration().parameters().toString());
    }

    private static PersistenceDiagram diagram(Plan plan, FiltrationBackend filtration, PointCloud cloud, String key, ResultCache cache,
            Progress progress) {
        return cache.get("diagram", key).map(Codec::decodeDiagram).orElseGet(() -> {
            PersistenceDiagram computed = filtration.compute(cloud, plan.filtration().parameters(), progress);
            cache.put("diagram", key, Codec.encode(computed));
            return computed;
        });
    }

    /** A point cloud to build: which layer, by which strategy, under which cache key. */
    private record CloudRequest(String layer, Plan.Resolved<PointCloudStrategy> strategy, String key) {
    }

    /** Request ids of lens clouds start with this; layer names cannot collide with it. */
    private static final String LENS = "lens\0";

    private static CloudRequest request(Plan plan, Plan.Model m, String modelDigest, String dataDigest, String layer,
            Plan.Resolved<PointCloudStrategy> strategy) {
        return new CloudRequest(layer, strategy, ResultCache.key("cloud", modelDigest, dataDigest, Integer.toString(plan.images()),
                m.normalisation().map(Object::toString).orElse("none"), strategy.id(), strategy.parameters().toString(), layer));
    }

    /**
     * Every requested cloud from the cache, or (if any is missing) from one pass of the images through the model. A cloud
     * whose strategy failed (an {@link ExtensionFailure}) is handed to {@code failed} by request id and left out; the
     * other layers of the same pass go on.
     */
    private static Map<String, PointCloud> clouds(Plan plan, Plan.Model m, Map<String, CloudRequest> requests, ResultCache cache,
            Guard guard, Progress progress, BiConsumer<String, ToposcopeException> failed) {
        Map<String, PointCloud> clouds = new LinkedHashMap<>();
        Map<String, List<PointCloudStrategy.Builder>> builders = new LinkedHashMap<>();
        Map<String, PointCloudStrategy.Builder> byRequest = new LinkedHashMap<>();
        for (Map.Entry<String, CloudRequest> e : requests.entrySet()) {
            CloudRequest r = e.getValue();
            Optional<byte[]> hit = cache.get("cloud", r.key());
            if (hit.isPresent()) {
                clouds.put(e.getKey(), Codec.decodeCloud(hit.get()));
            } else {
                PointCloudStrategy.Builder b;
                try {
                    b = new Isolated(guard.guarded(PointCloudStrategy.class, r.strategy().extension()).begin(r.layer(),
                            r.strategy().parameters()));
                } catch (ToposcopeException f) {
                    ExtensionFailure.rethrowUnlessCause(f);
                    failed.accept(e.getKey(), f);
                    continue;
                }
                builders.computeIfAbsent(r.layer(), l -> new ArrayList<>()).add(b);
                byRequest.put(e.getKey(), b);
            }
        }
        if (!builders.isEmpty()) {
            Dataset data = m.normalisation().map(n -> Datasets.normalised(plan.data(), n)).orElse(plan.data());
            ActivationCapture.Options options = new ActivationCapture.Options(List.copyOf(builders.keySet()), plan.spec().data().batch(),
                    plan.images(), UnaryOperator.identity(), m.normalisation().map(Object::toString).orElse("none"), plan.spec().seed());
            ActivationCapture.feed(m.loaded(), data, options, builders, progress);
            for (Map.Entry<String, PointCloudStrategy.Builder> e : byRequest.entrySet()) {
                PointCloud cloud;
                try {
                    cloud = e.getValue().build();
                } catch (ToposcopeException f) {
                    ExtensionFailure.rethrowUnlessCause(f);
                    failed.accept(e.getKey(), f);
                    continue;
                }
                requireFinite(cloud, m.name());
                cache.put("cloud", requests.get(e.getKey()).key(), Codec.encode(cloud));
                clouds.put(e.getKey(), cloud);
            }
        }
        Map<String, PointCloud> ordered = new LinkedHashMap<>();
        requests.keySet().stream().filter(clouds::containsKey).forEach(id -> ordered.put(id, clouds.get(id)));
        return ordered;
    }

    /** A builder whose extension failure is kept until {@link #build}, so the other layers fed by the same pass go on. */
    private static final class Isolated implements PointCloudStrategy.Builder {
        private final PointCloudStrategy.Builder delegate;
        private ToposcopeException failure;

        Isolated(PointCloudStrategy.Builder delegate) {
            this.delegate = delegate;
        }

        @Override
        public void accept(LayerActivations batch) {
            if (failure != null) {
                return;
            }
            try {
                delegate.accept(batch);
            } catch (ToposcopeException f) {
                ExtensionFailure.rethrowUnlessCause(f);
                failure = f;
            }
        }

        @Override
        public PointCloud build() {
            if (failure != null) {
                throw failure;
            }
            return delegate.build();
        }
    }

    private static void requireFinite(PointCloud cloud, String model) {
        double[] c = cloud.coordinates();
        for (int i = 0; i < c.length; i++) {
            if (!Double.isFinite(c[i])) {
                throw new ToposcopeException(model + ": layer " + cloud.name() + " has a non-finite activation (" + c[i] + ") in row "
                        + i / Math.max(1, cloud.dimension()) + " (image " + cloud.provenance().imageId(i / Math.max(1, cloud.dimension())) + ")");
            }
        }
    }

    private static MapperResult mapper(Plan plan, Plan.Mapper spec, PointCloud cloud, Optional<PointCloud> lensCloud, String layer,
            Guard guard, Progress progress) {
        PointCloud lensInput = lensCloud.map(l -> perRow(l, cloud)).orElse(cloud);
        Matrix lens = guard.lens(spec.lens().extension()).apply(lensInput, spec.lens().parameters());
        MapperGraph graph = MapperBuilder.fromLensValues(cloud, lens, spec.lens().id(), guard.guarded(Cover.class, spec.cover().extension()),
                spec.cover().parameters(), guard.guarded(Clusterer.class, spec.clusterer().extension()), spec.clusterer().parameters(),
                progress);
        graph = new MapperGraph(layer, graph.nodes(), graph.edges());
        int[] labels = cloud.provenance().labels();
        Optional<int[]> superLabels = plan.superClasses().map(s -> {
            int[] out = new int[labels.length];
            for (int i = 0; i < out.length; i++) {
                out[i] = s.superClassOf(labels[i]);
            }
            return out;
        });
        double[] meanLens = new double[graph.nodes().size()];
        for (int n = 0; n < meanLens.length; n++) {
            int[] members = graph.nodes().get(n).members();
            double sum = 0;
            for (int r : members) {
                sum += lens.get(r, 0);
            }
            meanLens[n] = sum / members.length;
        }
        boolean empty = graph.nodes().isEmpty();
        double classPurity = empty ? Double.NaN : Purity.nodeWise(graph, labels);
        double superPurity = empty || superLabels.isEmpty() ? Double.NaN : Purity.nodeWise(graph, superLabels.get());
        double imagePurity = empty ? Double.NaN : Purity.perImage(graph, cloud).mean();
        return new MapperResult(layer, graph, labels, superLabels, meanLens, classPurity, superPurity, imagePurity);
    }

    /** The lens layer's row of each row's image, so the lens sees one row per row of the mapped cloud. */
    private static PointCloud perRow(PointCloud perImage, PointCloud cloud) {
        Map<Integer, Integer> rowOfImage = new java.util.HashMap<>();
        for (int r = 0; r < perImage.size(); r++) {
            rowOfImage.put(perImage.provenance().imageId(r), r);
        }
        int d = perImage.dimension();
        double[] source = perImage.coordinates();
        double[] values = new double[cloud.size() * d];
        for (int r = 0; r < cloud.size(); r++) {
            Integer row = rowOfImage.get(cloud.provenance().imageId(r));
            if (row == null) {
                throw new ToposcopeException("lens layer " + perImage.name() + " has no row for image " + cloud.provenance().imageId(r));
            }
            System.arraycopy(source, row * d, values, r * d, d);
        }
        return new PointCloud(perImage.name() + " for " + cloud.name(), cloud.size(), d, values, cloud.provenance());
    }

    private static SensitivityCurve sensitivity(Plan plan, Plan.Sensitivity s, PointCloud cloud, String cloudKey, Guard guard,
            ResultCache cache, Progress progress) {
        Plan.Resolved<LayerSimilarity> similarity = plan.similarities().get(0);
        String key = ResultCache.key("sensitivity", cloudKey, Integer.toString(s.step()), plan.filtration().id(),
                plan.filtration().parameters().toString(), plan.metric().id(), plan.metric().parameters().toString(),
                plan.dimensions().toString(), similarity.id(), similarity.parameters().toString());
        Optional<byte[]> hit = cache.get("sensitivity", key);
        if (hit.isPresent()) {
            double[][] c = Codec.decodeColumns(hit.get());
            return new SensitivityCurve(s.layer(), Arrays.stream(c[0]).mapToInt(x -> (int) x).toArray(), c[1], c[2], c[3]);
        }
        SensitivityCurve computed = SensitivityCurve.compute(cloud, s.step(), guard.guarded(FiltrationBackend.class,
                plan.filtration().extension()), plan.filtration().parameters(), guard.metric(plan.metric().extension()),
                plan.metric().parameters(), plan.dimensions(), guard.guarded(LayerSimilarity.class, similarity.extension()),
                similarity.parameters(), progress);
        // named by the layer, as a cache hit names it
        SensitivityCurve curve = new SensitivityCurve(s.layer(), computed.removed(), computed.fractionRemoved(),
                computed.diagramDistance(), computed.similarity());
        cache.put("sensitivity", key, Codec.encode(Arrays.stream(curve.removed()).asDoubleStream().toArray(), curve.fractionRemoved(),
                curve.diagramDistance(), curve.similarity()));
        return curve;
    }

    /** SHA-256 of the images and labels the run reads, before normalisation: the data's identity for the cache. */
    public static String dataDigest(Dataset data, int images, Progress progress) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        progress.begin("reading " + images + " images of " + data.name(), images);
        for (int first = 0; first < images; first += 256) {
            progress.checkCancelled();
            ImageBatch b = data.read(first, Math.min(256, images - first));
            ByteBuffer buffer = ByteBuffer.allocate(b.values().length * 4 + b.labels().length * 4 + 16);
            for (int s : b.shape()) {
                buffer.putInt(s);
            }
            for (float v : b.values()) {
                buffer.putFloat(v);
            }
            for (int l : b.labels()) {
                buffer.putInt(l);
            }
            digest.update(buffer.array(), 0, buffer.position());
            progress.worked(b.size());
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static double since(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
