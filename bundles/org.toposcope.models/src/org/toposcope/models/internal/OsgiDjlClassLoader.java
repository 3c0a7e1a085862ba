package org.toposcope.models.internal;

import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.wiring.BundleWiring;

/**
 * A class loader over the wiring of every resolved DJL bundle, so that DJL's {@code ServiceLoader}
 * lookups of engines and its search for {@code native/lib/*.properties} see all DJL jars, as they do
 * on a flat class path.
 */
final class OsgiDjlClassLoader extends ClassLoader {

    private static final String DJL_BUNDLE_PREFIX = "wrapped.ai.djl";

    private final List<ClassLoader> delegates;

    private OsgiDjlClassLoader(ClassLoader parent, List<ClassLoader> delegates) {
        super(parent);
        this.delegates = delegates;
    }

    static ClassLoader create(Class<?> anchor) {
        Bundle self = FrameworkUtil.getBundle(anchor);
        List<ClassLoader> loaders = new ArrayList<>();
        for (Bundle b : self.getBundleContext().getBundles()) {
            BundleWiring wiring = b.adapt(BundleWiring.class);
            if (b.getSymbolicName() != null && b.getSymbolicName().startsWith(DJL_BUNDLE_PREFIX) && wiring != null
                    && wiring.getClassLoader() != null) {
                loaders.add(wiring.getClassLoader());
            }
        }
        return new OsgiDjlClassLoader(anchor.getClassLoader(), List.copyOf(loaders));
    }

    @Override
    protected Class<?> findClass(String name) throws ClassNotFoundException {
        for (ClassLoader l : delegates) {
            try {
                return l.loadClass(name);
            } catch (ClassNotFoundException e) {
                // try the next bundle
            }
        }
        throw new ClassNotFoundException(name);
    }

    @Override
    protected URL findResource(String name) {
        for (ClassLoader l : delegates) {
            URL u = l.getResource(name);
            if (u != null) {
                return u;
            }
        }
        return null;
    }

    @Override
    protected Enumeration<URL> findResources(String name) throws IOException {
        Set<URL> all = new LinkedHashSet<>();
        for (ClassLoader l : delegates) {
            all.addAll(Collections.list(l.getResources(name)));
        }
        return Collections.enumeration(all);
    }
}
