package org.toposcope.experiment.plugins;

import org.toposcope.core.ToposcopeException;

/**
 * An extension (usually a third-party plug-in) threw, hung past its time limit or returned malformed output.
 * The experiment runner fails only the step that called it; the message names the bundle and the id.
 */
public final class ExtensionFailure extends ToposcopeException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String id;

    ExtensionFailure(String origin, String point, String id, String problem, Throwable cause) {
        super("plugin " + origin + " (" + point + " " + id + "): " + problem, cause);
        this.origin = origin;
        this.id = id;
    }

    /**
     * Throws {@code e} unless an extension's failure caused it (callers such as the layer-distance code add
     * context by wrapping it): what a caller that isolates plug-in steps catches, and what it lets through.
     */
    public static void rethrowUnlessCause(ToposcopeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExtensionFailure) {
                return;
            }
        }
        throw e;
    }

    /** The bundle's symbolic name and version inside OSGi, the jar's name outside. */
    public String origin() {
        return origin;
    }

    public String id() {
        return id;
    }
}
