package org.toposcope.core.internal;

import org.toposcope.core.Frameworks;
import org.toposcope.core.registry.Registry;

/** Keeps every reference to OSGi classes behind a check, so core also works on a plain class path. */
public final class OsgiDetector {

    private OsgiDetector() {
    }

    /** The OSGi-service registry, or null outside a framework. */
    public static Registry registry() {
        return Frameworks.loadedByBundle(OsgiDetector.class) ? OsgiRegistry.forBundleOf(OsgiDetector.class) : null;
    }
}
