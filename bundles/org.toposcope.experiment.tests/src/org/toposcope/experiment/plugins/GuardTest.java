package org.toposcope.experiment.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.toposcope.core.CancelledException;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.Lens;

/** Guarded extensions: what a throwing, hanging or malformed plug-in turns into, and that good output passes untouched. */
class GuardTest {

    private static final PointCloud CLOUD = new PointCloud("cloud", 4, 2, new double[] {0, 0, 1, 0, 0, 1, 1, 1},
            Provenance.anonymous(4));
    private static final PersistenceDiagram.Dimension H1 = new PersistenceDiagram.Dimension(1, new double[] {0.1}, new double[] {0.5},
            new double[0]);

    private static Lens lens(String id, Function<PointCloud, Matrix> body) {
        return new Lens() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "test lens";
            }

            @Override
            public Matrix apply(PointCloud cloud, Parameters parameters) {
                return body.apply(cloud);
            }
        };
    }

    private static DiagramMetric metric(String id, double value) {
        return new DiagramMetric() {
            @Override
            public String id() {
                return id;
            }

            @Override
            public String description() {
                return "test metric";
            }

            @Override
            public double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, Parameters parameters) {
                return value;
            }
        };
    }

    private static final Guard GUARD = new Guard(Duration.ofSeconds(30), () -> false);

    private static String failure(Lens lens) {
        return assertThrows(ExtensionFailure.class, () -> GUARD.lens(lens).apply(CLOUD, null)).getMessage();
    }

    @Test
    void goodOutputPassesUnchanged() {
        Matrix m = new Matrix(4, 1, new double[] {1, 2, 3, 4});
        assertArrayEquals(m.values(), GUARD.lens(lens("fine", c -> m)).apply(CLOUD, null).values());
        assertEquals(2.5, GUARD.metric(metric("fine", 2.5)).distance(H1, H1, null));
        // differing numbers of essential classes make the built-in metrics infinite: not malformed
        assertEquals(Double.POSITIVE_INFINITY, GUARD.metric(metric("infinite", Double.POSITIVE_INFINITY)).distance(H1, H1, null));
    }

    @Test
    void aThrowingLensIsNamedWithItsBundleAndId() {
        String message = failure(lens("throwing", c -> {
            throw new IllegalStateException("boom");
        }));
        // the test lens is a class of this fragment, so its bundle is the host's
        assertTrue(message.startsWith("plugin org.toposcope.experiment 0.1.0."), message);
        assertTrue(message.endsWith("(lens throwing): threw java.lang.IllegalStateException: boom"), message);
    }

    @Test
    void malformedLensOutputIsRefusedNamingTheProblem() {
        String nan = failure(lens("nan", c -> new Matrix(4, 1, new double[] {0, 1, Double.NaN, 3})));
        assertTrue(nan.endsWith("(lens nan): returned NaN at row 2, column 0 for cloud"), nan);
        String size = failure(lens("short", c -> new Matrix(3, 1, new double[] {0, 1, 2})));
        assertTrue(size.endsWith("(lens short): returned 3 x 1 values for 4 points of cloud (expected 4 rows, at least 1 column)"), size);
        String none = failure(lens("null", c -> null));
        assertTrue(none.endsWith("(lens null): returned no values"), none);
    }

    @Test
    void malformedMetricOutputIsRefused() {
        String nan = assertThrows(ExtensionFailure.class, () -> GUARD.metric(metric("nan", Double.NaN)).distance(H1, H1, null)).getMessage();
        assertTrue(nan.endsWith("(metric nan): returned NaN for two H1 diagrams (1 and 1 finite pairs)"), nan);
        String negative = assertThrows(ExtensionFailure.class, () -> GUARD.metric(metric("neg", -1)).distance(H1, H1, null)).getMessage();
        assertTrue(negative.contains("(metric neg): returned -1.0"), negative);
    }

    @Test
    void aHangingLensFailsAtTheTimeLimit() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean interrupted = new AtomicBoolean();
        Lens hanging = lens("hanging", c -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                interrupted.set(true);
            }
            return null;
        });
        Guard quick = new Guard(Duration.ofMillis(300), () -> false);
        long start = System.nanoTime();
        String message = assertThrows(ExtensionFailure.class, () -> quick.lens(hanging).apply(CLOUD, null)).getMessage();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertTrue(seconds >= 0.3 && seconds < 5, "failed after " + seconds + " s");
        assertTrue(message.endsWith("(lens hanging): no result within the time limit of 0.3 s (-Dtoposcope.extension.timeout=SECONDS)"),
                message);
    }

    @Test
    void cancellingStopsWaitingForAHangingCall() {
        CountDownLatch never = new CountDownLatch(1);
        AtomicBoolean cancelled = new AtomicBoolean();
        Guard guard = new Guard(Duration.ofMinutes(5), cancelled::get);
        Lens hanging = lens("hanging", c -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        new Thread(() -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                return;
            }
            cancelled.set(true);
        }).start();
        long start = System.nanoTime();
        assertThrows(CancelledException.class, () -> guard.lens(hanging).apply(CLOUD, null));
        assertTrue((System.nanoTime() - start) / 1e9 < 5);
    }

    @Test
    void theTimeLimitComesFromASystemProperty() {
        String before = System.getProperty(Guard.TIMEOUT_PROPERTY);
        try {
            System.clearProperty(Guard.TIMEOUT_PROPERTY);
            assertEquals(Guard.DEFAULT_TIMEOUT, Guard.configuredTimeout());
            System.setProperty(Guard.TIMEOUT_PROPERTY, "2.5");
            assertEquals(Duration.ofMillis(2500), Guard.configuredTimeout());
            System.setProperty(Guard.TIMEOUT_PROPERTY, "-1");
            assertThrows(org.toposcope.core.ToposcopeException.class, Guard::configuredTimeout);
        } finally {
            if (before == null) {
                System.clearProperty(Guard.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(Guard.TIMEOUT_PROPERTY, before);
            }
        }
    }
}
