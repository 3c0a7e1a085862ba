package org.toposcope.masks;

import org.toposcope.core.ToposcopeException;

/**
 * Loads OpenCV's native library once per process. The openpnp jar extracts the library for this platform from
 * its own resources into a {@code opencv_openpnp*} folder under {@code java.io.tmpdir} (deleted at exit) and
 * loads it from its own class, so the natives bind to the class loader of the OpenCV classes, also in OSGi;
 * it offers no way to choose that folder.
 */
final class OpenCvLibrary {

    static final String NAME = "opencv_java490";

    private OpenCvLibrary() {
    }

    /** Loads the library on first use; a one-line error naming the library when it cannot be loaded. */
    static void ensureLoaded() {
        Holder.check();
    }

    /** The JVM runs this once, on first use, and keeps the outcome: a load is not retried. */
    private static final class Holder {
        private static final String FAILURE = load();

        private static String load() {
            try {
                nu.pattern.OpenCV.loadLocally();
                return null;
            } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, the jar's own RuntimeExceptions
                Throwable cause = t.getCause() != null && t.getMessage() == null ? t.getCause() : t;
                String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse("");
                return "cannot load OpenCV's native library " + System.mapLibraryName(NAME) + " (org.openpnp:opencv 4.9.0-0, "
                        + System.getProperty("os.name") + " " + System.getProperty("os.arch") + "): "
                        + cause.getClass().getSimpleName() + message;
            }
        }

        static void check() {
            if (FAILURE != null) {
                throw new ToposcopeException(FAILURE);
            }
        }
    }
}
