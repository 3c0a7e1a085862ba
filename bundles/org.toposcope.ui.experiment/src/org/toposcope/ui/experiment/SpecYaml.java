package org.toposcope.ui.experiment;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.toposcope.core.AtomicFiles;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.experiment.spec.Step;

/**
 * Writes an {@link ExperimentSpec} as YAML that {@link SpecReader} reads back to an equal spec (apart from the
 * file's text). snakeyaml-engine's emitter does the quoting, so ids, paths and parameter values survive whatever
 * characters they hold. Defaults are written only where the reader needs them to give back the same record.
 */
public final class SpecYaml {

    private SpecYaml() {
    }

    public static String toYaml(ExperimentSpec spec) {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("name", spec.name());
        root.put("seed", spec.seed());

        Map<String, Object> data = new LinkedHashMap<>();
        data.put("path", spec.data().path());
        if (spec.data().images() != -1) {
            data.put("images", spec.data().images());
        }
        data.put("normalise", spec.data().normalise());
        data.put("super-classes", spec.data().superClasses());
        data.put("batch", spec.data().batch());
        root.put("data", data);

        List<Object> models = new ArrayList<>();
        for (ExperimentSpec.ModelSpec m : spec.models()) {
            Map<String, Object> model = new LinkedHashMap<>();
            model.put("name", m.name());
            model.put("path", m.path());
            models.add(model);
        }
        root.put("models", models);
        // the reader takes no list, or the single word "all", as every layer
        root.put("layers", spec.layers().isEmpty() ? List.of("all") : new ArrayList<>(spec.layers()));
        root.put("strategy", step(spec.strategy()));
        root.put("filtration", step(spec.filtration()));
        Map<String, Object> metric = step(spec.metric());
        metric.put("dimensions", spec.dimensions());
        root.put("metric", metric);
        if (spec.similarities().size() == 1 && spec.similarities().get(0).key().equals("similarity")) {
            root.put("similarity", step(spec.similarities().get(0)));
        } else {
            root.put("similarity", spec.similarities().stream().map(SpecYaml::step).toList());
        }
        spec.mapper().ifPresent(m -> {
            Map<String, Object> mapper = new LinkedHashMap<>();
            mapper.put("layers", new ArrayList<>(m.layers()));
            mapper.put("lens", step(m.lens()));
            if (!m.lensLayer().isEmpty()) {
                mapper.put("lens-layer", m.lensLayer());
            }
            mapper.put("cover", step(m.cover()));
            mapper.put("clusterer", step(m.clusterer()));
            root.put("mapper", mapper);
        });
        spec.sensitivity().ifPresent(s -> {
            Map<String, Object> sensitivity = new LinkedHashMap<>();
            sensitivity.put("layer", s.layer());
            sensitivity.put("step", s.step());
            root.put("sensitivity", sensitivity);
        });
        DumpSettings settings = DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).setIndent(2)
                .setIndicatorIndent(2).setIndentWithIndicator(true).setWidth(120).build();
        return new Dump(settings).dumpToString(root);
    }

    private static Map<String, Object> step(Step step) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("id", step.id());
        if (!step.parameters().isEmpty()) {
            out.put("parameters", new TreeMap<>(step.parameters()));
        }
        return out;
    }

    /**
     * Writes the spec to {@code file} atomically and returns it as read back, so the caller holds exactly what a
     * run will see; a spec the reader would refuse is not written.
     */
    public static ExperimentSpec save(ExperimentSpec spec, Path file) {
        String yaml = toYaml(spec);
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        ExperimentSpec back = SpecReader.parse(yaml, name, file.toAbsolutePath().getParent());
        AtomicFiles.write(file, name + ": cannot write", channel -> {
            ByteBuffer bytes = ByteBuffer.wrap(yaml.getBytes(StandardCharsets.UTF_8));
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        });
        return back;
    }
}
