package org.toposcope.core;

import java.util.List;

/**
 * What every pluggable implementation has: a stable id (defined once, here, on the implementation), a
 * one-line description, and its parameters. The id is what specs, the CLI and the workbench refer to.
 */
public interface Extension {

    /** Stable, lower-kebab-case id, unique per extension point ({@code vietoris-rips}). */
    String id();

    /** One line for {@code toposcope services}, menus and tooltips. */
    String description();

    /** Declared parameters, in display order. */
    default List<ParameterSpec> parameters() {
        return List.of();
    }
}
