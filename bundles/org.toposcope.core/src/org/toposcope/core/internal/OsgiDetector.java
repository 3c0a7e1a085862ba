package org.toposcope.core.internal;

import org.toposcope.core.registry.Registry;

/**
 * Decides whether core runs inside an OSGi framework without loading any OSGi class when it does not,
 * so the core jar also works on a plain class path where org.osgi is absent.
 */
public final class OsgiDetector {

    private OsgiDetector() {
    }

    /** The OSGi-service registry, or null outside a framework. */
    public static Registry registry() {
        ClassLoader own = OsgiDetector.class.getClassLoader();
        if (own == null || !implementsBundleReference(own.getClass())) {
            return null;
        }
        return OsgiRegistry.forBundleOf(OsgiDetector.class);
    }

    private static boolean implementsBundleReference(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals("org.osgi.framework.BundleReference")) {
                    return true;
                }
            }
        }
        return false;
    }
}
