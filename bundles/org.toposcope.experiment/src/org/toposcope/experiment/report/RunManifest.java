package org.toposcope.experiment.report;

import java.io.BufferedWriter;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.toposcope.core.AtomicFiles;

import com.google.gson.stream.JsonWriter;

/**
 * {@code manifest.json}: what a report's numbers came from — the spec's digest, each input's digest, the
 * data set's absolute path and the number of images read, every step's extension and resolved parameters,
 * versions, seed, threads — and how long each stage took.
 */
public record RunManifest(String spec, String specDigest, long seed, String toposcopeVersion, String dataPath, int images,
        Map<String, String> inputs,
        Map<String, String> steps, Map<String, Double> seconds, int cacheHits, int cacheMisses, Map<String, String> failedSteps) {

    public RunManifest {
        inputs = Map.copyOf(new LinkedHashMap<>(inputs));
        steps = Map.copyOf(new LinkedHashMap<>(steps));
        seconds = Map.copyOf(new LinkedHashMap<>(seconds));
        failedSteps = Map.copyOf(new LinkedHashMap<>(failedSteps));
    }

    /** The manifest of a run in which no step failed. */
    public RunManifest(String spec, String specDigest, long seed, String toposcopeVersion, String dataPath, int images,
            Map<String, String> inputs, Map<String, String> steps, Map<String, Double> seconds, int cacheHits, int cacheMisses) {
        this(spec, specDigest, seed, toposcopeVersion, dataPath, images, inputs, steps, seconds, cacheHits, cacheMisses, Map.of());
    }

    void write(Path file) {
        AtomicFiles.write(file, file + ": cannot write", channel -> {
            BufferedWriter out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            JsonWriter w = new JsonWriter(out);
            w.setIndent(" ");
            w.beginObject();
            w.name("spec").value(spec);
            w.name("spec_sha256").value(specDigest);
            w.name("seed").value(seed);
            w.name("toposcope").value(toposcopeVersion);
            w.name("java").value(System.getProperty("java.version"));
            w.name("os").value(System.getProperty("os.name") + " " + System.getProperty("os.arch"));
            w.name("processors").value(Runtime.getRuntime().availableProcessors());
            // where the images are, so the workbench can show the images behind a mapper node or a cycle
            w.name("data_path").value(dataPath);
            w.name("images").value(images);
            w.name("created").value(Instant.now().toString());
            map(w, "inputs", inputs);
            map(w, "steps", steps);
            // steps whose extension (a plug-in) threw, hung or returned malformed output: step -> message naming it
            map(w, "failed_steps", failedSteps);
            w.name("cache").beginObject().name("hits").value(cacheHits).name("misses").value(cacheMisses).endObject();
            w.name("seconds").beginObject();
            for (String k : sorted(seconds.keySet())) {
                w.name(k).value(Math.round(seconds.get(k) * 1000) / 1000.0);
            }
            w.endObject();
            w.endObject();
            w.flush();
            out.write('\n');
            out.flush();
        });
    }

    private static void map(JsonWriter w, String name, Map<String, String> values) throws java.io.IOException {
        w.name(name).beginObject();
        for (String k : sorted(values.keySet())) {
            w.name(k).value(values.get(k));
        }
        w.endObject();
    }

    private static List<String> sorted(java.util.Set<String> keys) {
        return keys.stream().sorted().toList();
    }
}
