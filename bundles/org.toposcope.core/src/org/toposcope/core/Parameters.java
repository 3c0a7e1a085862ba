package org.toposcope.core;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Validated parameter values of one extension: every declared parameter has a typed value (its default
 * unless given), and no undeclared key is accepted.
 */
public final class Parameters {

    private final String owner;
    private final Map<String, Object> values;

    private Parameters(String owner, Map<String, Object> values) {
        this.owner = owner;
        this.values = Collections.unmodifiableMap(values);
    }

    /** Resolves user-given text values against the extension's specs; fails on unknown keys or bad values. */
    public static Parameters resolve(Extension extension, Map<String, String> given) {
        return resolve(extension.id(), extension.parameters(), given);
    }

    public static Parameters resolve(String owner, List<ParameterSpec> specs, Map<String, String> given) {
        Map<String, ParameterSpec> byName = new LinkedHashMap<>();
        specs.forEach(s -> byName.put(s.name(), s));
        for (String key : given.keySet()) {
            if (!byName.containsKey(key)) {
                String known = byName.isEmpty() ? "none" : String.join(", ", byName.keySet());
                throw new ToposcopeException(owner + ": unknown parameter '" + key + "' (known: " + known + ")");
            }
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (ParameterSpec spec : specs) {
            String text = given.getOrDefault(spec.name(), spec.defaultValue());
            if (text == null) {
                throw new ToposcopeException(owner + ": parameter '" + spec.name() + "' is required");
            }
            try {
                values.put(spec.name(), spec.parse(text));
            } catch (ToposcopeException e) {
                throw new ToposcopeException(owner + ": " + e.getMessage());
            }
        }
        return new Parameters(owner, values);
    }

    /** The defaults of an extension. */
    public static Parameters defaults(Extension extension) {
        return resolve(extension, Map.of());
    }

    public int integer(String name) {
        return (Integer) get(name);
    }

    public double real(String name) {
        return (Double) get(name);
    }

    public boolean bool(String name) {
        return (Boolean) get(name);
    }

    public String text(String name) {
        return (String) get(name);
    }

    public Map<String, Object> asMap() {
        return values;
    }

    private Object get(String name) {
        Object v = values.get(name);
        if (v == null) {
            throw new IllegalArgumentException(owner + " has no parameter " + name);
        }
        return v;
    }

    @Override
    public String toString() {
        return values.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", owner + "{", "}"));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Parameters p && p.owner.equals(owner) && p.values.equals(values);
    }

    @Override
    public int hashCode() {
        return owner.hashCode() * 31 + values.hashCode();
    }
}
