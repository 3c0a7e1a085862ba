package org.toposcope.experiment.plugins;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.toposcope.core.CancelledException;
import org.toposcope.core.Extension;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.core.spi.Lens;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * Calls an extension on a thread of its own under a time limit, so a plug-in that throws, hangs or returns
 * malformed output becomes an {@link ExtensionFailure} naming it. A call past the limit is interrupted and
 * abandoned (Java cannot stop a thread that ignores interrupts); its daemon thread does not keep the JVM alive,
 * and the {@link Progress} it was handed reports cancelled from then on. Threads are reused between calls (a
 * clusterer is called once per cover set, thousands of times a run) and end after a few idle seconds. One dynamic proxy guards every
 * extension point; what each point's output must satisfy is in {@link Contracts}.
 */
public final class Guard {

    /** System property: the time limit of one extension call, in seconds. */
    public static final String TIMEOUT_PROPERTY = "toposcope.extension.timeout";
    /**
     * Long enough for the slowest built-in call measured (a Vietoris-Rips diagram of the demo's largest cloud, and
     * a bottleneck pair of 1,000-point diagrams, ~2 s) many times over.
     */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final Duration limit;
    private final BooleanSupplier cancelled;
    private final ExecutorService threads = new ThreadPoolExecutor(0, Integer.MAX_VALUE, 5, TimeUnit.SECONDS, new SynchronousQueue<>(),
            r -> {
                Thread t = new Thread(r, "toposcope extension");
                t.setDaemon(true);
                return t;
            });

    public Guard(Duration limit, BooleanSupplier cancelled) {
        if (limit.isNegative() || limit.isZero()) {
            throw new IllegalArgumentException("time limit must be positive, not " + limit);
        }
        this.limit = limit;
        this.cancelled = cancelled;
    }

    /** The limit from {@value #TIMEOUT_PROPERTY}, else {@link #DEFAULT_TIMEOUT}. */
    public static Duration configuredTimeout() {
        String value = System.getProperty(TIMEOUT_PROPERTY);
        if (value == null || value.isBlank()) {
            return DEFAULT_TIMEOUT;
        }
        try {
            double seconds = Double.parseDouble(value.trim());
            if (seconds > 0 && seconds < 1e9) {
                return Duration.ofMillis(Math.round(seconds * 1000));
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ToposcopeException("-D" + TIMEOUT_PROPERTY + "=" + value + ": expected a positive number of seconds");
    }

    public Duration limit() {
        return limit;
    }

    /** The lens, guarded; output must have one finite row per point. */
    public Lens lens(Lens lens) {
        return guarded(Lens.class, lens);
    }

    /** The metric, guarded; output must be a non-negative number or +infinity. */
    public DiagramMetric metric(DiagramMetric metric) {
        return guarded(DiagramMetric.class, metric);
    }

    /**
     * The extension, guarded: each call other than {@code id}, {@code description} and {@code parameters} runs under
     * the time limit, and its output must satisfy {@code point}'s contract ({@link Contracts}). A point-cloud
     * strategy's builders are guarded in turn. Extension points without a contract (model loaders and data-set
     * readers, which a spec does not name) are refused.
     */
    public <T extends Extension> T guarded(Class<T> point, T extension) {
        if (isGuarded(extension)) {
            return extension;
        }
        Contracts.Contract contract = Contracts.of(point);
        return proxy(point, new Handler(extension, extension, Origins.of(extension), contract));
    }

    /** The extension points {@link #guarded} takes. */
    public static boolean covers(Class<? extends Extension> point) {
        return point == Lens.class || point == DiagramMetric.class || point == Cover.class || point == Clusterer.class
                || point == LayerSimilarity.class || point == FiltrationBackend.class || point == PointCloudStrategy.class;
    }

    private static boolean isGuarded(Object o) {
        return Proxy.isProxyClass(o.getClass()) && Proxy.getInvocationHandler(o) instanceof Handler;
    }

    private static <T> T proxy(Class<T> type, Handler handler) {
        // the proxy class is defined by this bundle's loader, which sees core's SPI packages
        return type.cast(Proxy.newProxyInstance(Guard.class.getClassLoader(), new Class<?>[] {type}, handler));
    }

    /** Forwards to {@code target} (the extension, or an object it returned) and checks each result. */
    private final class Handler implements InvocationHandler {
        private final Object target;
        private final Extension extension;
        private final String origin;
        private final Contracts.Contract contract;

        Handler(Object target, Extension extension, String origin, Contracts.Contract contract) {
            this.target = target;
            this.extension = extension;
            this.origin = origin;
            this.contract = contract;
        }

        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Class<?> declaring = method.getDeclaringClass();
            if (declaring == Object.class) {
                return switch (method.getName()) {
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> "guarded " + target;
                };
            }
            if (declaring == Extension.class) {
                return invokeUnwrapped(method, args);
            }
            Object[] given = args == null ? new Object[0] : args.clone();
            Abandonable progress = null;
            for (int i = 0; i < given.length; i++) {
                if (given[i] instanceof Progress p) {
                    progress = new Abandonable(p);
                    given[i] = progress;
                }
            }
            Abandonable handed = progress;
            Object result = call(extension, origin, contract.point(), () -> invokeUnwrapped(method, given), () -> {
                if (handed != null) {
                    handed.abandoned = true;
                }
            });
            String problem = contract.check(method.getName(), args == null ? new Object[0] : args, result);
            if (problem != null) {
                throw new ExtensionFailure(origin, contract.point(), extension.id(), problem, null);
            }
            if (result instanceof PointCloudStrategy.Builder b) {
                return proxy(PointCloudStrategy.Builder.class, new Handler(b, extension, origin,
                        Contracts.builder(contract.point(), String.valueOf(given.length > 0 ? given[0] : "?"))));
            }
            return result;
        }

        private Object invokeUnwrapped(Method method, Object[] args) throws Exception {
            try {
                return method.invoke(target, args);
            } catch (InvocationTargetException e) {
                Throwable cause = e.getCause();
                if (cause instanceof Exception ex) {
                    throw ex;
                }
                throw (Error) cause;
            }
        }
    }

    /** The caller's progress while the call is waited for; cancelled once the call is abandoned, so a polite extension stops. */
    private static final class Abandonable implements Progress {
        private final Progress delegate;
        private volatile boolean abandoned;

        Abandonable(Progress delegate) {
            this.delegate = delegate;
        }

        @Override
        public void begin(String task, long totalWork) {
            if (!abandoned) {
                delegate.begin(task, totalWork);
            }
        }

        @Override
        public void worked(long units) {
            if (!abandoned) {
                delegate.worked(units);
            }
        }

        @Override
        public boolean isCancelled() {
            return abandoned || delegate.isCancelled();
        }
    }

    /** Runs {@code body} on a thread of its own; {@code onAbandon} runs when the call is given up (time limit, cancel). */
    private <T> T call(Extension extension, String origin, String point, Callable<T> body, Runnable onAbandon) {
        String name = "toposcope " + point + " " + extension.id();
        Future<T> task = threads.submit(() -> {
            Thread.currentThread().setName(name);
            return body.call();
        });
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    onAbandon.run();
                    task.cancel(true);
                    throw new ExtensionFailure(origin, point, extension.id(), "no result within the time limit of "
                            + seconds(limit) + " s (-D" + TIMEOUT_PROPERTY + "=SECONDS)", null);
                }
                try {
                    // woken at least every 100 ms to notice cancellation
                    return task.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (cancelled.getAsBoolean()) {
                        onAbandon.run();
                        task.cancel(true);
                        throw new CancelledException();
                    }
                }
            }
        } catch (InterruptedException e) {
            onAbandon.run();
            task.cancel(true);
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancelledException c) {
                throw c;
            }
            if (cause instanceof VirtualMachineError && !(cause instanceof StackOverflowError)) {
                // out of memory (or a broken VM) may have hit other threads too: the whole run stops, naming who was running
                throw new ToposcopeException("plugin " + origin + " (" + point + " " + extension.id() + "): "
                        + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage())
                        + "; the run stops (its other steps may be affected too)", cause);
            }
            String problem = cause instanceof ToposcopeException ? cause.getMessage()
                    : "threw " + cause.getClass().getName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            throw new ExtensionFailure(origin, point, extension.id(), problem, cause);
        }
    }

    private static String seconds(Duration d) {
        long ms = d.toMillis();
        return ms % 1000 == 0 ? Long.toString(ms / 1000) : Double.toString(ms / 1000.0);
    }
}
