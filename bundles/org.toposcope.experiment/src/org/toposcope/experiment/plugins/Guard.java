package org.toposcope.experiment.plugins;

import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

import org.toposcope.core.CancelledException;
import org.toposcope.core.Extension;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.Lens;

/**
 * Calls an extension on a thread of its own under a time limit, so a plug-in that throws, hangs or returns
 * malformed output becomes an {@link ExtensionFailure} naming it. A call past the limit is interrupted and
 * abandoned (Java cannot stop a thread that ignores interrupts); its daemon thread does not keep the JVM alive.
 */
public final class Guard {

    /** System property: the time limit of one extension call, in seconds. */
    public static final String TIMEOUT_PROPERTY = "toposcope.extension.timeout";
    /** Long enough for the slowest built-in call measured (a bottleneck pair of 1,000-point diagrams, ~2 s) many times over. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

    private final Duration limit;
    private final BooleanSupplier cancelled;

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
        return lens instanceof GuardedLens ? lens : new GuardedLens(lens, this, Origins.of(lens));
    }

    /** The metric, guarded; output must be a non-negative number or +infinity. */
    public DiagramMetric metric(DiagramMetric metric) {
        return metric instanceof GuardedMetric ? metric : new GuardedMetric(metric, this, Origins.of(metric));
    }

    <T> T call(Extension extension, String origin, String point, Callable<T> body) {
        FutureTask<T> task = new FutureTask<>(body);
        Thread thread = new Thread(task, "toposcope " + point + " " + extension.id());
        thread.setDaemon(true);
        thread.start();
        long deadline = System.nanoTime() + limit.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    thread.interrupt();
                    throw new ExtensionFailure(origin, point, extension.id(), "no result within the time limit of "
                            + seconds(limit) + " s (-D" + TIMEOUT_PROPERTY + "=SECONDS)", null);
                }
                try {
                    // woken at least every 100 ms to notice cancellation
                    return task.get(Math.min(left, TimeUnit.MILLISECONDS.toNanos(100)), TimeUnit.NANOSECONDS);
                } catch (TimeoutException e) {
                    if (cancelled.getAsBoolean()) {
                        thread.interrupt();
                        throw new CancelledException();
                    }
                }
            }
        } catch (InterruptedException e) {
            thread.interrupt();
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof CancelledException c) {
                throw c;
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

    private record GuardedLens(Lens delegate, Guard guard, String origin) implements Lens {

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public java.util.List<org.toposcope.core.ParameterSpec> parameters() {
            return delegate.parameters();
        }

        @Override
        public Matrix apply(PointCloud cloud, org.toposcope.core.Parameters parameters) {
            Matrix m = guard.call(delegate, origin, "lens", () -> delegate.apply(cloud, parameters));
            if (m == null) {
                throw fail("returned no values");
            }
            if (m.rows() != cloud.size() || m.columns() < 1) {
                throw fail("returned " + m.rows() + " x " + m.columns() + " values for " + cloud.size() + " points of "
                        + cloud.name() + " (expected " + cloud.size() + " rows, at least 1 column)");
            }
            double[] v = m.values();
            for (int i = 0; i < v.length; i++) {
                if (!Double.isFinite(v[i])) {
                    throw fail("returned " + v[i] + " at row " + i / m.columns() + ", column " + i % m.columns() + " for "
                            + cloud.name());
                }
            }
            return m;
        }

        private ExtensionFailure fail(String problem) {
            return new ExtensionFailure(origin, "lens", delegate.id(), problem, null);
        }
    }

    private record GuardedMetric(DiagramMetric delegate, Guard guard, String origin) implements DiagramMetric {

        @Override
        public String id() {
            return delegate.id();
        }

        @Override
        public String description() {
            return delegate.description();
        }

        @Override
        public java.util.List<org.toposcope.core.ParameterSpec> parameters() {
            return delegate.parameters();
        }

        @Override
        public double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b,
                org.toposcope.core.Parameters parameters) {
            double d = guard.call(delegate, origin, "metric", () -> delegate.distance(a, b, parameters));
            // +infinity is a legitimate distance (differing numbers of essential classes)
            if (Double.isNaN(d) || d < 0) {
                throw new ExtensionFailure(origin, "metric", delegate.id(), "returned " + d + " for two H" + a.dimension()
                        + " diagrams (" + a.finiteCount() + " and " + b.finiteCount() + " finite pairs)", null);
            }
            return d;
        }
    }
}
