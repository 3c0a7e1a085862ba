package org.toposcope.experiment;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.toposcope.activations.ActivationCapture;
import org.toposcope.activations.Hashes;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.cache.ResultCache;
import org.toposcope.experiment.report.ReportWriter;
import org.toposcope.experiment.report.RunManifest;
import org.toposcope.experiment.spec.ExperimentSpec;

/** One experiment from spec to report folder: read, plan (all checks), run (cached), write. */
public final class Experiments {

    /** The cache lives in the report folder, so re-running a spec into the same folder resumes it. */
    public static final String CACHE_FOLDER = ".cache";
    private static final String STAGING = ".staging-";
    private static final String INDEX = "index.html";

    private Experiments() {
    }

    /**
     * Where a run's heavy work happens, when not all of it on this machine: called with the checked plan and the
     * report's cache before the runner starts, it may fill the cache with stage-1 results
     * ({@link ExperimentRunner#layerStage}) computed elsewhere, and returns how the diagram distances are computed.
     */
    @FunctionalInterface
    public interface Engine {
        PairwiseDistances prepare(Plan plan, ResultCache cache, Progress progress);
    }

    /** Runs a spec and writes its report into {@code out}; returns the report's {@code index.html}. */
    public static Path run(ExperimentSpec spec, Path out, Registry registry, Progress progress) {
        return run(spec, out, registry, progress, failure -> { });
    }

    /**
     * Runs a spec as {@link #run(ExperimentSpec, Path, Registry, Progress)} and hands each step that failed because of
     * an extension (a plug-in that threw, hung or returned malformed output) to {@code failedSteps}, as
     * {@code "step: message"}; the report lists them too ({@code manifest.json}, {@code failed_steps}).
     */
    public static Path run(ExperimentSpec spec, Path out, Registry registry, Progress progress, Consumer<String> failedSteps) {
        return run(spec, out, registry, progress, (plan, cache, p) -> PairwiseDistances.LOCAL, failedSteps);
    }

    /** As {@link #run(ExperimentSpec, Path, Registry, Progress)}, with the work placed by {@code engine}. */
    public static Path run(ExperimentSpec spec, Path out, Registry registry, Progress progress, Engine engine) {
        return run(spec, out, registry, progress, engine, failure -> { });
    }

    /** As {@link #run(ExperimentSpec, Path, Registry, Progress, Consumer)}, with the work placed by {@code engine}. */
    public static Path run(ExperimentSpec spec, Path out, Registry registry, Progress progress, Engine engine,
            Consumer<String> failedSteps) {
        try (Plan plan = Plan.resolve(spec, registry, progress);
                ResultCache.Lock lock = ResultCache.lock(out.resolve(CACHE_FOLDER))) {
            ResultCache cache = new ResultCache(out.resolve(CACHE_FOLDER));
            // the lock makes this the folder's only run: temporary files in its cache were left by a killed run
            cache.deleteTemporaryFiles();
            PairwiseDistances distances = engine.prepare(plan, cache, progress);
            ExperimentResult result = ExperimentRunner.run(plan, cache, progress, distances);
            result.failures().forEach(f -> failedSteps.accept(f.step() + ": " + f.message()));
            // the new report is written beside the old one and swapped in whole: a cancelled or failed run leaves the old intact
            Path staging = out.resolve(STAGING + Long.toHexString(ThreadLocalRandom.current().nextLong()));
            try {
                ReportWriter.write(plan, result, manifest(plan, result, cache, progress), staging, progress);
                replaceReport(out, staging);
            } finally {
                deleteTree(staging);
            }
            return out.resolve(INDEX);
        }
    }

    /**
     * Moves the old report's files aside, the staged ones in, then deletes the old; the cache stays.
     * {@code index.html} leaves first and arrives last, so whenever it exists the folder holds one whole
     * report, even if the process is killed between two moves.
     */
    static void replaceReport(Path out, Path staging) {
        Path old = out.resolve(".old-" + Long.toHexString(ThreadLocalRandom.current().nextLong()));
        try {
            Files.createDirectories(old);
            for (Path p : indexFirst(entries(out))) {
                String n = p.getFileName().toString();
                if (p.equals(old) || p.equals(staging) || n.equals(CACHE_FOLDER)) {
                    continue;
                }
                if (n.startsWith(STAGING) || n.startsWith(".old-")) {
                    deleteTree(p); // left by a run that was killed
                } else {
                    Files.move(p, old.resolve(n), StandardCopyOption.ATOMIC_MOVE);
                }
            }
            List<Path> staged = indexFirst(entries(staging));
            for (int i = staged.size() - 1; i >= 0; i--) {
                Path p = staged.get(i);
                Files.move(p, out.resolve(p.getFileName().toString()), StandardCopyOption.ATOMIC_MOVE);
            }
        } catch (IOException e) {
            throw new ToposcopeException(out + ": cannot put the new report in place: " + e.getMessage());
        } finally {
            deleteTree(old);
        }
    }

    private static List<Path> indexFirst(List<Path> paths) {
        List<Path> sorted = new java.util.ArrayList<>(paths);
        sorted.sort(Comparator.comparing((Path p) -> !p.getFileName().toString().equals(INDEX)).thenComparing(Path::getFileName));
        return sorted;
    }

    private static List<Path> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.toList();
        }
    }

    private static void deleteTree(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover hidden folder is harmless; the next run removes it
        }
    }

    private static Map<String, String> failedSteps(ExperimentResult result) {
        Map<String, String> failed = new LinkedHashMap<>();
        result.failures().forEach(f -> failed.put(f.step(), f.message()));
        return failed;
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
        String specDigest;
        try {
            specDigest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(plan.spec().source().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        return new RunManifest(plan.spec().file(), specDigest, plan.spec().seed(), ActivationCapture.version(),
                plan.dataPath().toAbsolutePath().toString(), plan.images(), inputs, steps,
                result.seconds(), cache.hits(), cache.misses(), failedSteps(result));
    }

}
