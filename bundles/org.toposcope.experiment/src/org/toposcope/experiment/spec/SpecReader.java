package org.toposcope.experiment.spec;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.toposcope.core.ToposcopeException;

/**
 * Reads an experiment spec (YAML 1.2) into an {@link ExperimentSpec}. Structure errors (bad YAML, unknown
 * or missing keys, wrong kinds of values) are one line naming the file, the line and the key; whether the
 * ids, layers and files exist is checked later, by the plan. Aliases are limited and the file size is
 * capped, so a hostile spec cannot expand without bound.
 */
public final class SpecReader {

    /**
     * Specs larger than this are refused before parsing: snakeyaml-engine's garbage grows with the square of
     * a long scalar (measured 115 MB at 240 KB, 1.5 GB at 880 KB), so 256 KiB bounds it near 130 MB and 0.3 s.
     */
    public static final int MAX_BYTES = 1 << 18;
    private static final int MAX_ALIASES = 20;
    /** No spec nests deeper; snakeyaml-engine composes recursively, so depth is checked before it runs. */
    public static final int MAX_FLOW_DEPTH = 64;

    public static final String DEFAULT_STRATEGY = "top-l2";
    public static final String DEFAULT_FILTRATION = "vietoris-rips";
    public static final String DEFAULT_METRIC = "sliced-wasserstein";
    public static final String DEFAULT_DIMENSIONS = "h1";
    public static final String DEFAULT_SIMILARITY = "linear-cka";

    private SpecReader() {
    }

    public static ExperimentSpec read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        if (!Files.isRegularFile(file)) {
            throw new ToposcopeException(name + ": no such spec file");
        }
        String text;
        java.nio.ByteBuffer bytes = null;
        try {
            if (Files.size(file) > MAX_BYTES) {
                throw new ToposcopeException(name + ": larger than " + MAX_BYTES + " bytes, not an experiment spec");
            }
            bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(file));
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (CharacterCodingException e) {
            // the decoder stops at the start of the malformed sequence
            throw new ToposcopeException(name + ": byte " + bytes.position() + ": not UTF-8 text");
        } catch (IOException e) {
            throw new ToposcopeException(name + ": cannot read: " + e.getMessage());
        }
        Path base = file.toAbsolutePath().getParent();
        return parse(text, name, base);
    }

    public static ExperimentSpec parse(String text, String file, Path baseDir) {
        if (text.length() > MAX_BYTES) {
            throw new ToposcopeException(file + ": larger than " + MAX_BYTES + " characters, not an experiment spec");
        }
        LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
                .setMaxAliasesForCollections(MAX_ALIASES).setAllowRecursiveKeys(false).setCodePointLimit(MAX_BYTES).build();
        checkFlowDepth(text, file);
        Optional<Node> root;
        try {
            root = new Compose(settings).composeString(text);
        } catch (StackOverflowError e) {
            // block nesting ("- - - - x") can still be deep enough for the recursive composer
            throw new ToposcopeException(file + ": not valid YAML: nested too deeply for a spec");
        } catch (MarkedYamlEngineException e) {
            String line = e.getProblemMark().or(e::getContextMark).map(m -> "line " + (m.getLine() + 1) + ": ").orElse("");
            String problem = e.getProblem() == null ? e.getClass().getSimpleName() : e.getProblem();
            throw new ToposcopeException(file + ": " + line + "not valid YAML: "
                    + firstLine(problem).replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", "?"));
        } catch (YamlEngineException | IllegalStateException e) {
            throw new ToposcopeException(file + ": not valid YAML: " + firstLine(String.valueOf(e.getMessage())));
        }
        if (root.isEmpty()) {
            throw new ToposcopeException(file + ": the spec is empty");
        }
        YamlFields top = new YamlFields(file, "", root.get());
        String name = top.text("name", stem(file)).trim();
        long seed = top.longInteger("seed", 0);

        YamlFields d = top.mapping("data");
        ExperimentSpec.DataSpec data = new ExperimentSpec.DataSpec(d.requiredText("path").trim(), d.integer("images", -1),
                d.text("normalise", "auto").trim(), d.text("super-classes", "auto").trim(), d.integer("batch", 64));
        d.finish();
        if (data.images() == 0 || data.images() < -1) {
            throw new ToposcopeException(file + ": data.images: must be a positive count (or left out for all), not " + data.images());
        }
        if (data.batch() < 1) {
            throw new ToposcopeException(file + ": data.batch: must be at least 1, not " + data.batch());
        }

        List<ExperimentSpec.ModelSpec> models = models(top);
        List<String> layers = top.texts("layers", List.of("all"));
        if (layers.equals(List.of("all"))) {
            layers = List.of();
        }
        Step strategy = top.step("strategy", DEFAULT_STRATEGY);
        Step filtration = top.step("filtration", DEFAULT_FILTRATION);

        Step metric;
        String dimensions = DEFAULT_DIMENSIONS;
        Optional<Node> metricNode = top.node("metric");
        if (metricNode.isEmpty()) {
            metric = Step.of("metric", DEFAULT_METRIC);
        } else {
            metric = top.stepOf(metricNode.get(), "metric", Set.of("dimensions"));
            if (!(metricNode.get() instanceof org.snakeyaml.engine.v2.nodes.ScalarNode)) {
                dimensions = new YamlFields(file, "metric", metricNode.get()).text("dimensions", DEFAULT_DIMENSIONS).trim();
            }
        }

        List<Step> similarities = new ArrayList<>();
        Optional<Node> sim = top.node("similarity");
        if (sim.isEmpty()) {
            similarities.add(Step.of("similarity", DEFAULT_SIMILARITY));
        } else if (sim.get() instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                similarities.add(top.stepOf(s.getValue().get(i), "similarity[" + i + "]", Set.of()));
            }
        } else {
            similarities.add(top.stepOf(sim.get(), "similarity", Set.of()));
        }

        Optional<ExperimentSpec.MapperSpec> mapper = Optional.empty();
        if (top.has("mapper")) {
            YamlFields m = top.mapping("mapper");
            mapper = Optional.of(new ExperimentSpec.MapperSpec(m.texts("layers", List.of()), m.step("lens", "l2-norm"),
                    m.text("lens-layer", "").trim(), m.step("cover", "uniform"), m.step("clusterer", "dbscan")));
            m.finish();
        }
        Optional<ExperimentSpec.SensitivitySpec> sensitivity = Optional.empty();
        if (top.has("sensitivity")) {
            YamlFields s = top.mapping("sensitivity");
            sensitivity = Optional.of(new ExperimentSpec.SensitivitySpec(s.requiredText("layer").trim(), s.integer("step", 4)));
            s.finish();
            if (sensitivity.get().step() < 1) {
                throw new ToposcopeException(file + ": sensitivity.step: must be at least 1, not " + sensitivity.get().step());
            }
        }
        top.finish();
        return new ExperimentSpec(file, name, seed, data, models, layers, strategy, filtration, metric, dimensions, similarities,
                mapper, sensitivity, baseDir, text);
    }

    private static List<ExperimentSpec.ModelSpec> models(YamlFields top) {
        Node node = top.required("models");
        List<Node> items = node instanceof SequenceNode s ? s.getValue() : List.of(node);
        if (items.isEmpty()) {
            throw top.error(node, "models: needs at least one model");
        }
        List<ExperimentSpec.ModelSpec> models = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            Node item = items.get(i);
            String key = "models[" + i + "]";
            ExperimentSpec.ModelSpec m;
            if (item instanceof org.snakeyaml.engine.v2.nodes.ScalarNode) {
                String path = top.scalar(item, key).trim();
                m = new ExperimentSpec.ModelSpec(stem(path), path);
            } else {
                YamlFields f = new YamlFields(top.file(), key, item);
                String path = f.requiredText("path").trim();
                m = new ExperimentSpec.ModelSpec(f.text("name", stem(path)).trim(), path);
                f.finish();
            }
            if (m.name().isEmpty() || !m.name().matches("[A-Za-z0-9._-]+")) {
                throw top.error(item, key + ".name: '" + m.name() + "' must be letters, digits, '.', '_' or '-' (it names files)");
            }
            if (!names.add(m.name())) {
                throw top.error(item, key + ": a second model named '" + m.name() + "' (give each model a distinct name)");
            }
            models.add(m);
        }
        return models;
    }

    /** The last path element without its extension; {@code sample:x} gives {@code x}. */
    static String stem(String path) {
        String p = path.startsWith("sample:") ? path.substring("sample:".length()) : path;
        p = p.replace('\\', '/');
        while (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        String last = p.substring(p.lastIndexOf('/') + 1);
        int dot = last.lastIndexOf('.');
        return dot > 0 ? last.substring(0, dot) : last;
    }

    /** Flow collections ([ and {) nested more than {@link #MAX_FLOW_DEPTH} deep, outside quotes and comments. */
    private static void checkFlowDepth(String text, String file) {
        int depth = 0;
        int line = 1;
        char quote = 0;
        boolean comment = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                comment = false;
                continue;
            }
            if (comment) {
                continue;
            }
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                }
                continue;
            }
            switch (c) {
                // a quote opens a quoted scalar only where a scalar starts
                case '"', '\'' -> quote = i == 0 || " \t:[{,-".indexOf(text.charAt(i - 1)) >= 0 ? c : 0;
                case '#' -> comment = i == 0 || Character.isWhitespace(text.charAt(i - 1));
                case '[', '{' -> {
                    if (++depth > MAX_FLOW_DEPTH) {
                        throw new ToposcopeException(file + ": line " + line + ": not valid YAML for a spec: collections nested more than "
                                + MAX_FLOW_DEPTH + " deep");
                    }
                }
                case ']', '}' -> depth = Math.max(0, depth - 1);
                default -> { }
            }
        }
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse(s).trim();
    }
}
