package org.toposcope.experiment.spec;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.toposcope.core.ToposcopeException;

/**
 * The keys of one YAML mapping, read with their path ({@code mapper.cover.parameters}) and line so every
 * error is one line naming both. Keys never read are reported by {@link #finish()}: a typo is an error,
 * not a silently ignored setting.
 */
final class YamlFields {

    private final String file;
    private final String path;
    private final Node node;
    private final Map<String, Node> values = new LinkedHashMap<>();
    private final Map<String, Node> keys = new LinkedHashMap<>();
    private final Set<String> read = new LinkedHashSet<>();

    YamlFields(String file, String path, Node node) {
        this.file = file;
        this.path = path;
        this.node = node;
        if (!(node instanceof MappingNode m)) {
            throw error(node, path.isEmpty() ? "the spec must be a mapping of keys (name, data, models, ...)"
                    : path + ": must be a mapping of keys, not " + kind(node));
        }
        for (NodeTuple t : m.getValue()) {
            if (!(t.getKeyNode() instanceof ScalarNode k)) {
                throw error(t.getKeyNode(), "keys must be plain text");
            }
            // the node API does not refuse duplicates (the object constructor would): a second value must not win silently
            if (values.containsKey(k.getValue())) {
                throw error(k, qualified(k.getValue()) + ": given twice");
            }
            values.put(k.getValue(), t.getValueNode());
            keys.put(k.getValue(), k);
        }
    }

    String file() {
        return file;
    }

    boolean has(String key) {
        return values.containsKey(key);
    }

    Optional<Node> node(String key) {
        read.add(key);
        return Optional.ofNullable(values.get(key));
    }

    Node required(String key) {
        return node(key).orElseThrow(() -> error(node, qualified(key) + ": is required"));
    }

    String text(String key, String fallback) {
        return node(key).map(n -> scalar(n, qualified(key))).orElse(fallback);
    }

    String requiredText(String key) {
        return scalar(required(key), qualified(key));
    }

    int integer(String key, int fallback) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return fallback;
        }
        String t = scalar(n.get(), qualified(key));
        try {
            return Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            throw error(n.get(), qualified(key) + ": '" + t + "' is not an integer");
        }
    }

    long longInteger(String key, long fallback) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return fallback;
        }
        String t = scalar(n.get(), qualified(key));
        try {
            return Long.parseLong(t.trim());
        } catch (NumberFormatException e) {
            throw error(n.get(), qualified(key) + ": '" + t + "' is not an integer");
        }
    }

    /** A list of texts, written as a YAML sequence or as one comma-separated scalar. */
    List<String> texts(String key, List<String> fallback) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            return fallback;
        }
        List<String> out = new ArrayList<>();
        if (n.get() instanceof SequenceNode s) {
            for (int i = 0; i < s.getValue().size(); i++) {
                out.add(scalar(s.getValue().get(i), qualified(key) + "[" + i + "]").trim());
            }
        } else {
            for (String part : scalar(n.get(), qualified(key)).split(",")) {
                if (!part.isBlank()) {
                    out.add(part.trim());
                }
            }
        }
        return out;
    }

    YamlFields mapping(String key) {
        return new YamlFields(file, qualified(key), required(key));
    }

    /**
     * A step: an id as a scalar ({@code metric: bottleneck}), or a mapping with {@code id} and optional
     * {@code parameters}; {@code extraKeys} are further keys the caller reads from the same mapping.
     */
    Step step(String key, String defaultId) {
        Optional<Node> n = node(key);
        if (n.isEmpty()) {
            if (defaultId == null) {
                throw error(node, qualified(key) + ": is required");
            }
            return Step.of(qualified(key), defaultId);
        }
        return stepOf(n.get(), qualified(key), Set.of());
    }

    Step stepOf(Node n, String stepKey, Set<String> extraKeys) {
        if (n instanceof ScalarNode) {
            return Step.of(stepKey, scalar(n, stepKey).trim());
        }
        YamlFields f = new YamlFields(file, stepKey, n);
        String id = f.requiredText("id").trim();
        Map<String, String> parameters = f.has("parameters") ? f.mapping("parameters").scalars() : Map.of();
        for (String extra : extraKeys) {
            f.node(extra);
        }
        f.finish();
        return new Step(stepKey, id, parameters);
    }

    /** Every key of this mapping as text; nested values are an error. */
    Map<String, String> scalars() {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : values.keySet()) {
            out.put(key, scalar(node(key).orElseThrow(), qualified(key)).trim());
        }
        return out;
    }

    /** Fails on the first key that was never read. */
    void finish() {
        for (Map.Entry<String, Node> e : keys.entrySet()) {
            if (!read.contains(e.getKey())) {
                List<String> known = new ArrayList<>(read);
                throw error(e.getValue(), qualified(e.getKey()) + ": unknown key" + (known.isEmpty() ? "" : " (known here: "
                        + String.join(", ", known) + ")"));
            }
        }
    }

    String qualified(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    String scalar(Node n, String key) {
        if (n instanceof ScalarNode s) {
            return s.getValue();
        }
        throw error(n, key + ": must be a single value, not " + kind(n));
    }

    ToposcopeException error(Node at, String problem) {
        String line = at.getStartMark().map(m -> "line " + (m.getLine() + 1) + ": ").orElse("");
        // keys and values are quoted into problems: their line breaks and control characters would split the line
        return new ToposcopeException(file + ": " + line + problem.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", "?"));
    }

    private static String kind(Node n) {
        return n instanceof MappingNode ? "a mapping" : n instanceof SequenceNode ? "a list" : "a value";
    }
}
