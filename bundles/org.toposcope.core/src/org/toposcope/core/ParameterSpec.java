package org.toposcope.core;

import java.util.List;
import java.util.Objects;

/**
 * One parameter of an extension: the one place that says its name, type, default and meaning, used
 * alike by the CLI, experiment specs and the workbench's forms.
 *
 * @param name         key, lower-kebab-case ({@code max-dimension})
 * @param type         value type
 * @param defaultValue default as text in the same syntax a user types; {@code null} when required
 * @param description  one line shown in {@code --help}, {@code toposcope services} and forms
 * @param choices      allowed values for {@link Type#CHOICE}, empty otherwise
 */
public record ParameterSpec(String name, Type type, String defaultValue, String description, List<String> choices) {

    public enum Type { INTEGER, REAL, BOOLEAN, TEXT, CHOICE }

    public ParameterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(description, "description");
        choices = List.copyOf(choices == null ? List.of() : choices);
        if (type == Type.CHOICE && choices.isEmpty()) {
            throw new IllegalArgumentException("parameter " + name + ": a CHOICE needs choices");
        }
        if (defaultValue != null) {
            parse(name, type, choices, defaultValue); // a default that does not parse is a programming error
        }
    }

    public static ParameterSpec integer(String name, int defaultValue, String description) {
        return new ParameterSpec(name, Type.INTEGER, Integer.toString(defaultValue), description, List.of());
    }

    public static ParameterSpec real(String name, double defaultValue, String description) {
        return new ParameterSpec(name, Type.REAL, Double.toString(defaultValue), description, List.of());
    }

    public static ParameterSpec bool(String name, boolean defaultValue, String description) {
        return new ParameterSpec(name, Type.BOOLEAN, Boolean.toString(defaultValue), description, List.of());
    }

    public static ParameterSpec text(String name, String defaultValue, String description) {
        return new ParameterSpec(name, Type.TEXT, defaultValue, description, List.of());
    }

    public static ParameterSpec choice(String name, String defaultValue, String description, String... choices) {
        return new ParameterSpec(name, Type.CHOICE, defaultValue, description, List.of(choices));
    }

    /** Parses a user-typed value into an Integer, Double, Boolean or String; bad text is a ToposcopeException. */
    public Object parse(String text) {
        return parse(name, type, choices, text);
    }

    // static because the compact constructor validates the default before the fields are assigned
    private static Object parse(String name, Type type, List<String> choices, String text) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        try {
            return switch (type) {
                case INTEGER -> Integer.valueOf(t);
                case REAL -> parseReal(t);
                case BOOLEAN -> parseBoolean(name, t);
                case TEXT -> t;
                case CHOICE -> {
                    if (!choices.contains(t)) {
                        throw new ToposcopeException(
                                "parameter " + name + ": '" + t + "' is not one of " + String.join(", ", choices));
                    }
                    yield t;
                }
            };
        } catch (NumberFormatException e) {
            throw new ToposcopeException("parameter " + name + ": '" + t + "' is not " + (type == Type.INTEGER ? "an integer" : "a number"));
        }
    }

    private static Double parseReal(String t) {
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "inf", "+inf", "infinity" -> Double.POSITIVE_INFINITY;
            default -> Double.valueOf(t);
        };
    }

    private static Boolean parseBoolean(String name, String t) {
        return switch (t.toLowerCase(java.util.Locale.ROOT)) {
            case "true", "yes", "on" -> Boolean.TRUE;
            case "false", "no", "off" -> Boolean.FALSE;
            default -> throw new ToposcopeException("parameter " + name + ": '" + t + "' is not true or false");
        };
    }
}
