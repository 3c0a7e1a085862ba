package org.toposcope.spark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import org.apache.spark.SparkFiles;
import org.toposcope.activations.Hashes;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.ExperimentRunner;
import org.toposcope.experiment.Plan;
import org.toposcope.experiment.cache.ResultCache;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;

/** What an executor does for a {@link LayerTask}: plan the spec for its one model, then the runner's stage 1. */
final class StageOne {

    private StageOne() {
    }

    static List<CachedResult> run(LayerTask task) {
        ExperimentSpec full = SpecReader.parse(task.specText(), task.specFile(), task.baseDir() == null ? null : Path.of(task.baseDir()));
        // one model, the driver's layer list: the executor loads only the model it works on
        ExperimentSpec one = new ExperimentSpec(full.file(), full.name(), full.seed(), full.data(), List.of(full.models().get(task.model())),
                task.allLayers(), full.strategy(), full.filtration(), full.metric(), full.dimensions(), full.similarities(), full.mapper(),
                full.sensitivity(), full.baseDir(), full.source());
        Path scratch = scratch();
        try (Plan plan = Plan.resolve(one, Registry.current(), Progress.none())) {
            Plan.Model m = plan.models().get(0);
            String modelDigest = Hashes.sha256(m.path(), Progress.none());
            if (!modelDigest.equals(task.modelDigest())) {
                throw new ToposcopeException(m.path() + ": this executor reads a different file than the driver did (sha256 "
                        + modelDigest + ", driver " + task.modelDigest() + ")");
            }
            String dataDigest = ExperimentRunner.dataDigest(plan.data(), plan.images(), Progress.none());
            if (!dataDigest.equals(task.dataDigest())) {
                throw new ToposcopeException(plan.dataPath() + ": this executor reads different images than the driver did");
            }
            ResultCache cache = new ResultCache(scratch);
            List<CachedResult> out = new ArrayList<>();
            for (ExperimentRunner.CacheEntry e : ExperimentRunner.layerStage(plan, m, task.layers(), task.lens(), modelDigest, dataDigest,
                    cache, Progress.none())) {
                byte[] payload = cache.get(e.kind(), e.key()).orElseThrow(() -> new ToposcopeException(
                        scratch + ": the " + e.kind() + " " + e.key() + " just written cannot be read back"));
                out.add(new CachedResult(e.kind(), e.key(), payload));
            }
            return out;
        } finally {
            delete(scratch);
        }
    }

    /** A fresh folder on the executor's local disks (Spark's work folder of this application). */
    private static Path scratch() {
        try {
            Path root;
            try {
                root = Path.of(SparkFiles.getRootDirectory());
            } catch (RuntimeException e) {
                root = Path.of(System.getProperty("java.io.tmpdir"));
            }
            return Files.createTempDirectory(root, "toposcope-task-");
        } catch (IOException e) {
            throw new ToposcopeException("executor: cannot create a scratch folder: " + e.getMessage());
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // Spark removes its work folder with the application
        }
    }
}
