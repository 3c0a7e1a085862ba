package org.toposcope.models.internal;

import java.nio.file.Path;
import java.util.function.Supplier;

import org.toposcope.core.CacheLocation;
import org.toposcope.core.Frameworks;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.EngineInfo;

import ai.djl.engine.Engine;

/**
 * Starts DJL engines offline, from the natives in the Maven jars, with the extraction cache under
 * Toposcope's cache directory. Inside OSGi, DJL finds engines and natives through the thread context
 * class loader, so every DJL call that may initialise an engine goes through {@link #call}.
 */
public final class DjlRuntime {

    private DjlRuntime() {
    }

    /** The engine, loaded on first use; a one-line error when its natives cannot load. */
    /** DJL's name of the PyTorch engine. */
    public static final String PYTORCH = "PyTorch";

    public static Engine engine(String name) {
        return call(() -> {
            try {
                return Engine.getEngine(name);
            } catch (RuntimeException | UnsatisfiedLinkError e) {
                // PyTorch's natives are extracted to the cache; ONNX Runtime's come from its jar each time
                String where = name.equals("PyTorch") ? " (natives under " + nativeCache() + ")" : "";
                throw new ToposcopeException("cannot load the " + name + " engine of DJL" + where + ": "
                        + ModelFiles.oneLine(rootMessage(e)), e);
            }
        });
    }

    /** Runs {@code work} with DJL configured and, inside OSGi, DJL's bundles visible to the context class loader. */
    public static <T> T call(Supplier<T> work) {
        configure();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(djlClassLoader());
        try {
            return work.get();
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Where DJL extracts its natives (~460 MB for PyTorch). */
    /** The PyTorch engine as the TorchScript and DJL-native loaders report it. */
    public static EngineInfo pytorchInfo() {
        Engine engine = engine(PYTORCH);
        return new EngineInfo(engine.getEngineName(), engine.getVersion(),
                "DJL " + Engine.getDjlVersion() + ", natives in " + nativeCache());
    }

    public static Path nativeCache() {
        String configured = configured("DJL_CACHE_DIR");
        return configured != null ? Path.of(configured) : CacheLocation.root().resolve("djl");
    }

    // System properties are DJL's configuration interface; set only what the user has not set.
    private static void configure() {
        setIfAbsent("ai.djl.offline", "true");
        setIfAbsent("DJL_CACHE_DIR", nativeCache().toString());
        setIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        setIfAbsent("ai.djl.pytorch.num_threads", Integer.toString(Runtime.getRuntime().availableProcessors()));
    }

    private static void setIfAbsent(String key, String value) {
        if (configured(key) == null) {
            System.setProperty(key, value);
        }
    }

    private static String configured(String key) {
        String v = System.getProperty(key);
        return v != null ? v : System.getenv(key);
    }

    private static ClassLoader djlClassLoader() {
        return Frameworks.loadedByBundle(DjlRuntime.class) ? OsgiDjlClassLoader.create(DjlRuntime.class)
                : DjlRuntime.class.getClassLoader();
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }
}
