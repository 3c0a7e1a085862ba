package org.toposcope.experiment.plugins;

import org.toposcope.core.ToposcopeException;

/**
 * An extension (usually a third-party plug-in) threw, hung past its time limit or returned malformed output.
 * The experiment runner fails only the step that called it; the message names the bundle and the id.
 */
public final class ExtensionFailure extends ToposcopeException {

    private static final long serialVersionUID = 1L;

    private final String origin;
    private final String point;
    private final String id;
    private final String problem;

    ExtensionFailure(String origin, String point, String id, String problem, Throwable cause) {
        super("plugin " + origin + " (" + point + " " + id + "): " + problem, cause);
        this.origin = origin;
        this.point = point;
        this.id = id;
        this.problem = problem;
    }

    /** The extension failure that caused {@code e} (it or one of its causes), if any. */
    public static java.util.Optional<ExtensionFailure> causeOf(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof ExtensionFailure f) {
                return java.util.Optional.of(f);
            }
        }
        return java.util.Optional.empty();
    }

    /**
     * Throws {@code e} unless an extension's failure caused it (callers such as the layer-distance code add
     * context by wrapping it): what a caller that isolates plug-in steps catches, and what it lets through.
     */
    public static void rethrowUnlessCause(ToposcopeException e) {
        if (causeOf(e).isEmpty()) {
            throw e;
        }
    }

    /** The bundle's symbolic name and version inside OSGi, the jar's name outside. */
    public String origin() {
        return origin;
    }

    /** The extension point, as messages name it ({@code lens}, {@code filtration}). */
    public String point() {
        return point;
    }

    public String id() {
        return id;
    }

    /** What went wrong, without the plug-in's name: the message's tail. */
    public String problem() {
        return problem;
    }
}
