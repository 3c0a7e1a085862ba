package org.toposcope.spark;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.apache.spark.api.java.JavaSparkContext;
import org.toposcope.activations.Hashes;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.ExperimentRunner;
import org.toposcope.experiment.Experiments;
import org.toposcope.experiment.Plan;
import org.toposcope.experiment.cache.ResultCache;
import org.toposcope.experiment.spec.ExperimentSpec;

/**
 * An experiment spec run on Spark, written into the same report folder a local run writes. The driver checks
 * the spec (the same {@link Plan}), then stage 1 runs one task per (model, batch of layers): images through the
 * model, point clouds, diagrams; their results go into the report's cache under the runner's keys. Stage 2 is
 * {@link SparkDistances}. The runner then assembles the report from the cache as in a local run, so every
 * number is the local run's; what little is left (similarity matrices, mapper graphs, the sensitivity curve)
 * runs on the driver.
 */
public final class SparkExperiments {

    /**
     * @param layersPerTask layers of one model per stage-1 task (each task passes the images through the model once)
     * @param pairsPerTask  diagram pairs per stage-2 task
     */
    public record Options(int layersPerTask, int pairsPerTask) {
        public Options {
            if (layersPerTask < 1 || pairsPerTask < 1) {
                throw new ToposcopeException("layers per task and pairs per task must be at least 1, not " + layersPerTask + " and "
                        + pairsPerTask);
            }
        }

        public static Options defaults() {
            return new Options(4, 256);
        }
    }

    private SparkExperiments() {
    }

    /** Runs {@code spec} on {@code sc}'s cluster and writes its report into {@code out}; returns its index.html. */
    public static Path run(ExperimentSpec spec, Path out, JavaSparkContext sc, Options options, Registry registry, Progress progress) {
        return Experiments.run(spec, out, registry, progress, (plan, cache, p) -> {
            TaskMemory.check(plan, SparkContexts.executorMemory(sc), SparkContexts.executorMemoryName(sc));
            stageOne(sc, plan, cache, options, p);
            return new SparkDistances(sc, options.pairsPerTask());
        });
    }

    static void stageOne(JavaSparkContext sc, Plan plan, ResultCache cache, Options options, Progress progress) {
        ExperimentSpec spec = plan.spec();
        String dataDigest = ExperimentRunner.dataDigest(plan.data(), plan.images(), progress);
        List<LayerTask> tasks = new ArrayList<>();
        List<String> layers = plan.layers();
        for (int i = 0; i < plan.models().size(); i++) {
            String modelDigest = Hashes.sha256(plan.models().get(i).path(), progress);
            for (int first = 0; first < layers.size(); first += options.layersPerTask()) {
                List<String> batch = layers.subList(first, Math.min(layers.size(), first + options.layersPerTask()));
                tasks.add(new LayerTask(spec.source(), spec.file(), spec.baseDir() == null ? null : spec.baseDir().toAbsolutePath().toString(),
                        i, layers, batch, first == 0, modelDigest, dataDigest));
            }
        }
        progress.checkCancelled();
        progress.begin("stage 1: " + plan.models().size() + " models x " + layers.size() + " layers in " + tasks.size() + " Spark tasks",
                tasks.size());
        List<List<CachedResult>> results = Failures.oneLine(() -> sc.parallelize(tasks, tasks.size()).map(StageOne::run).collect());
        for (List<CachedResult> r : results) {
            for (CachedResult c : r) {
                cache.put(c.kind(), c.key(), c.payload());
            }
            progress.worked(1);
        }
    }
}
