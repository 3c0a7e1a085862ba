package org.toposcope.experiment.plugins;

import java.net.URL;
import java.security.CodeSource;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.toposcope.core.Frameworks;

/** Where an extension's class came from, for messages: bundle symbolic name and version, or the jar. */
public final class Origins {

    private Origins() {
    }

    public static String of(Object extension) {
        Class<?> type = extension.getClass();
        if (Frameworks.loadedByBundle(type)) {
            String name = Osgi.bundleOf(type);
            if (name != null) {
                return name;
            }
        }
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return type.getName();
        }
        String path = location.getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }

    /** OSGi classes are touched only from here, and only inside a framework (the import is optional). */
    private static final class Osgi {
        static String bundleOf(Class<?> type) {
            Bundle b = FrameworkUtil.getBundle(type);
            return b == null ? null : b.getSymbolicName() + " " + b.getVersion();
        }
    }
}
