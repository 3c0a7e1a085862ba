package org.toposcope.core.internal;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.FrameworkUtil;
import org.osgi.framework.InvalidSyntaxException;
import org.osgi.framework.ServiceReference;
import org.toposcope.core.Extension;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;

/** Finds implementations among the OSGi services registered (by Declarative Services) under the SPI type. */
final class OsgiRegistry implements Registry {

    private final BundleContext context;

    private OsgiRegistry(BundleContext context) {
        this.context = context;
    }

    static Registry forBundleOf(Class<?> type) {
        Bundle bundle = FrameworkUtil.getBundle(type);
        BundleContext context = bundle == null ? null : bundle.getBundleContext();
        if (context == null) {
            throw new ToposcopeException("bundle org.toposcope.core is not active; start it before asking the registry");
        }
        return new OsgiRegistry(context);
    }

    @Override
    public <T extends Extension> List<Registered<T>> all(Class<T> point) {
        Collection<ServiceReference<T>> refs;
        try {
            refs = context.getServiceReferences(point, null);
        } catch (InvalidSyntaxException e) {
            throw new IllegalStateException(e); // a null filter cannot be invalid
        }
        List<Registered<T>> found = new ArrayList<>();
        for (ServiceReference<T> ref : refs) {
            T service = context.getService(ref); // kept for the life of the framework, as DS components are
            if (service != null) {
                Bundle b = ref.getBundle();
                String origin = b == null ? "?" : b.getSymbolicName() + " " + b.getVersion();
                found.add(new Registered<>(point, service, origin));
            }
        }
        found.sort(Comparator.comparing(Registered::id));
        return List.copyOf(found);
    }
}
