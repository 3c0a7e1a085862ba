package org.toposcope.experiment.spec;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One pluggable step of an experiment: an extension id and its parameters as the user wrote them (text,
 * resolved later against the extension's declared parameters).
 *
 * @param key the spec key it came from ({@code metric}, {@code mapper.lens}), for error messages
 */
public record Step(String key, String id, Map<String, String> parameters) {

    public Step {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(id, "id");
        parameters = Map.copyOf(parameters);
    }

    public static Step of(String key, String id) {
        return new Step(key, id, Map.of());
    }

    /** Id and parameters in a stable order, for cache keys and the manifest. */
    public String canonical() {
        return id + new TreeMap<>(parameters);
    }
}
