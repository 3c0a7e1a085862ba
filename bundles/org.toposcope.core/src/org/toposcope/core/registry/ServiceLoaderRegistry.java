package org.toposcope.core.registry;

import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ServiceLoader;

import org.toposcope.core.Extension;

/** Finds implementations listed in {@code META-INF/services} of the jars a class loader sees. */
public final class ServiceLoaderRegistry implements Registry {

    private final ClassLoader loader;

    public ServiceLoaderRegistry(ClassLoader loader) {
        this.loader = loader;
    }

    @Override
    public <T extends Extension> List<Registered<T>> all(Class<T> point) {
        List<Registered<T>> found = new ArrayList<>();
        for (T extension : ServiceLoader.load(point, loader)) {
            found.add(new Registered<>(point, extension, origin(extension.getClass())));
        }
        found.sort(Comparator.comparing(Registered::id));
        return List.copyOf(found);
    }

    private static String origin(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        URL location = source == null ? null : source.getLocation();
        if (location == null) {
            return type.getName();
        }
        String path = location.getPath();
        String trimmed = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
        return trimmed.substring(trimmed.lastIndexOf('/') + 1);
    }
}
