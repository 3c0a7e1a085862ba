package org.toposcope.core;

import java.nio.file.Path;

/**
 * Where Toposcope keeps caches (DJL's extracted natives, computed steps): the system property
 * {@code toposcope.cache.dir}, else the environment variable {@code TOPOSCOPE_CACHE_DIR}, else
 * {@code $XDG_CACHE_HOME/toposcope}, else {@code ~/.cache/toposcope}. Never inside the repository.
 */
public final class CacheLocation {

    private CacheLocation() {
    }

    public static Path root() {
        String dir = System.getProperty("toposcope.cache.dir");
        if (isBlank(dir)) {
            dir = System.getenv("TOPOSCOPE_CACHE_DIR");
        }
        if (!isBlank(dir)) {
            return Path.of(dir);
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = isBlank(xdg) ? Path.of(System.getProperty("user.home"), ".cache") : Path.of(xdg);
        return base.resolve("toposcope");
    }

    private static boolean isBlank(String s) {
        return s == null || s.isBlank();
    }
}
