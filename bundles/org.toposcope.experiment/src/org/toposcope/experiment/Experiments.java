package org.toposcope.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.toposcope.activations.ActivationCapture;
import org.toposcope.activations.Hashes;
import org.toposcope.core.Progress;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.cache.ResultCache;
import org.toposcope.experiment.report.ReportWriter;
import org.toposcope.experiment.report.RunManifest;
import org.toposcope.experiment.spec.ExperimentSpec;

/** One experiment from spec to report folder: read, plan (all checks), run (cached), write. */
public final class Experiments {

    /** The cache lives in the report folder, so re-running a spec into the same folder resumes it. */
    public static final String CACHE_FOLDER = ".cache";

    private Experiments() {
    }

    /** Runs a spec and writes its report into {@code out}; returns the report's {@code index.html}. */
    public static Path run(ExperimentSpec spec, Path out, Registry registry, Progress progress) {
        try (Plan plan = Plan.resolve(spec, registry, progress)) {
            ResultCache cache = new ResultCache(out.resolve(CACHE_FOLDER));
            ExperimentResult result = ExperimentRunner.run(plan, cache, progress);
            ReportWriter.write(plan, result, manifest(plan, result, cache, progress), out, progress);
            return out.resolve("index.html");
        }
    }

    static RunManifest manifest(Plan plan, ExperimentResult result, ResultCache cache, Progress progress) {
        Map<String, String> inputs = new LinkedHashMap<>();
        inputs.put("data", plan.spec().data().path() + " sha256 " + Hashes.sha256(plan.dataPath(), progress) + ", first " + plan.images()
                + " images");
        plan.superClasses().ifPresent(s -> inputs.put("super-classes", s.name() + " " + s.names()));
        for (Plan.Model m : plan.models()) {
            inputs.put("model " + m.name(), m.path() + " sha256 " + Hashes.sha256(m.path(), progress) + ", normalisation "
                    + m.normalisation().map(Object::toString).orElse("none") + " (" + m.normalisationSource() + ")");
        }
        Map<String, String> steps = new LinkedHashMap<>();
        steps.put("layers", String.join(", ", plan.layers()));
        steps.put("strategy", plan.strategy().parameters().toString());
        steps.put("filtration", plan.filtration().parameters().toString());
        steps.put("metric", plan.metric().parameters().toString() + " on " + plan.dimensions());
        for (int i = 0; i < plan.similarities().size(); i++) {
            steps.put("similarity " + i, plan.similarities().get(i).parameters().toString());
        }
        plan.mapper().ifPresent(m -> {
            steps.put("mapper lens", m.lens().parameters().toString());
            steps.put("mapper cover", m.cover().parameters().toString());
            steps.put("mapper clusterer", m.clusterer().parameters().toString());
            steps.put("mapper figure layers", String.join(", ", m.figureLayers()));
        });
        plan.sensitivity().ifPresent(s -> steps.put("sensitivity", s.layer() + ", step " + s.step()));
        String specDigest = ResultCache.key(plan.spec().source());
        return new RunManifest(plan.spec().file(), specDigest, plan.spec().seed(), ActivationCapture.version(), inputs, steps,
                result.seconds(), cache.hits(), cache.misses());
    }

}
