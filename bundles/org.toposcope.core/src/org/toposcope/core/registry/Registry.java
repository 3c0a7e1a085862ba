package org.toposcope.core.registry;

import java.util.List;
import java.util.stream.Collectors;

import org.toposcope.core.Extension;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.internal.OsgiDetector;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.DatasetReader;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.core.spi.Lens;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * Finds implementations of the extension points: OSGi services inside the framework, {@link
 * java.util.ServiceLoader} outside it (plain unit tests, a Spark executor). Looked up on every call, so
 * plug-ins installed later are seen.
 */
public interface Registry {

    /** Every extension point, in the order data flows through them. */
    List<Class<? extends Extension>> EXTENSION_POINTS = List.of(DatasetReader.class, ModelLoader.class,
            PointCloudStrategy.class,
            FiltrationBackend.class, DiagramMetric.class, LayerSimilarity.class, Lens.class, Cover.class,
            Clusterer.class);

    /** All implementations of one extension point, sorted by id. */
    <T extends Extension> List<Registered<T>> all(Class<T> point);

    /** The implementation with this id; a one-line error listing the known ids when there is none. */
    default <T extends Extension> T get(Class<T> point, String id) {
        List<Registered<T>> all = all(point);
        for (Registered<T> r : all) {
            if (r.id().equals(id)) {
                return r.extension();
            }
        }
        String known = all.isEmpty() ? "none installed"
                : all.stream().map(Registered::id).collect(Collectors.joining(", "));
        throw new ToposcopeException("no " + point.getSimpleName() + " with id '" + id + "' (known: " + known + ")");
    }

    /**
     * The registry for the current runtime: OSGi services when this bundle runs inside a framework,
     * otherwise {@link ServiceLoaderRegistry} over this thread's context class loader.
     */
    static Registry current() {
        Registry osgi = OsgiDetector.registry();
        if (osgi != null) {
            return osgi;
        }
        ClassLoader loader = Thread.currentThread().getContextClassLoader();
        return new ServiceLoaderRegistry(loader != null ? loader : Registry.class.getClassLoader());
    }
}
