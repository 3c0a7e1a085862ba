package org.toposcope.experiment.plugins;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.toposcope.core.CancelledException;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.core.spi.Lens;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.core.spi.PointCloudStrategy;

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

    private abstract static class Named implements org.toposcope.core.Extension {
        private final String id;

        Named(String id) {
            this.id = id;
        }

        @Override
        public String id() {
            return id;
        }

        @Override
        public String description() {
            return "test " + id;
        }
    }

    private static String failureOf(org.junit.jupiter.api.function.Executable call) {
        return assertThrows(ExtensionFailure.class, call).getMessage();
    }

    @Test
    void coversMustListAscendingRowsOfTheLens() {
        Matrix lens = new Matrix(4, 1, new double[] {0, 1, 2, 3});
        class Fixed extends Named implements Cover {
            final List<int[]> sets;

            Fixed(String id, List<int[]> sets) {
                super(id);
                this.sets = sets;
            }

            @Override
            public List<int[]> cover(Matrix values, Parameters parameters) {
                return sets;
            }
        }
        List<int[]> good = List.of(new int[] {0, 1, 2}, new int[] {2, 3});
        assertEquals(good, GUARD.guarded(Cover.class, new Fixed("fine", good)).cover(lens, null));
        assertTrue(failureOf(() -> GUARD.guarded(Cover.class, new Fixed("outside", List.of(new int[] {0, 4}))).cover(lens, null))
                .endsWith("(cover outside): cover set 0 holds row 4, but the lens has 4 rows"));
        assertTrue(failureOf(() -> GUARD.guarded(Cover.class, new Fixed("order", List.of(new int[] {0}, new int[] {2, 1}))).cover(lens, null))
                .endsWith("(cover order): cover set 1 is not strictly ascending (row 1 after 2)"));
        assertTrue(failureOf(() -> GUARD.guarded(Cover.class, new Fixed("none", null)).cover(lens, null))
                .endsWith("(cover none): returned no cover sets"));
    }

    @Test
    void clusterersMustLabelEveryPointWithAClusterOrNoise() {
        class Fixed extends Named implements Clusterer {
            final int[] labels;

            Fixed(String id, int[] labels) {
                super(id);
                this.labels = labels;
            }

            @Override
            public int[] cluster(PointCloud points, Parameters parameters) {
                return labels;
            }
        }
        assertArrayEquals(new int[] {0, -1, 1, 0}, GUARD.guarded(Clusterer.class, new Fixed("fine", new int[] {0, -1, 1, 0})).cluster(CLOUD, null));
        assertTrue(failureOf(() -> GUARD.guarded(Clusterer.class, new Fixed("short", new int[] {0, 0, 0})).cluster(CLOUD, null))
                .endsWith("(clusterer short): returned 3 cluster labels for 4 points of cloud"));
        assertTrue(failureOf(() -> GUARD.guarded(Clusterer.class, new Fixed("neg", new int[] {0, 0, -2, 0})).cluster(CLOUD, null))
                .endsWith("(clusterer neg): returned cluster -2 for row 2 of cloud (expected -1 for noise or an index)"));
    }

    @Test
    void similaritiesMustBeFinite() {
        class Fixed extends Named implements LayerSimilarity {
            final double value;

            Fixed(String id, double value) {
                super(id);
                this.value = value;
            }

            @Override
            public double similarity(PointCloud a, PointCloud b, Parameters parameters, Progress progress) {
                return value;
            }
        }
        assertEquals(0.25, GUARD.guarded(LayerSimilarity.class, new Fixed("fine", 0.25)).similarity(CLOUD, CLOUD, null, Progress.none()));
        assertTrue(failureOf(() -> GUARD.guarded(LayerSimilarity.class, new Fixed("nan", Double.NaN)).similarity(CLOUD, CLOUD, null,
                Progress.none())).endsWith("(similarity nan): returned NaN for cloud and cloud"));
        assertTrue(failureOf(() -> GUARD.guarded(LayerSimilarity.class, new Fixed("inf", Double.NEGATIVE_INFINITY)).similarity(CLOUD, CLOUD,
                null, Progress.none())).endsWith("(similarity inf): returned -Infinity for cloud and cloud"));
    }

    private static FiltrationBackend backend(String id, Function<PointCloud, PersistenceDiagram> body) {
        class Fixed extends Named implements FiltrationBackend {
            Fixed() {
                super(id);
            }

            @Override
            public PersistenceDiagram compute(PointCloud cloud, Parameters parameters, Progress progress) {
                return body.apply(cloud);
            }
        }
        return new Fixed();
    }

    @Test
    void filtrationBackendsMustReturnAnH0WithFiniteBirths() {
        PersistenceDiagram.Dimension h0 = new PersistenceDiagram.Dimension(0, new double[] {0, 0, 0}, new double[] {1, 1, 1}, new double[] {0});
        PersistenceDiagram good = new PersistenceDiagram("cloud", List.of(h0, H1));
        assertEquals(good, GUARD.guarded(FiltrationBackend.class, backend("fine", c -> good)).compute(CLOUD, null, Progress.none()));
        assertTrue(failureOf(() -> GUARD.guarded(FiltrationBackend.class, backend("null", c -> null)).compute(CLOUD, null, Progress.none()))
                .endsWith("(filtration null): returned no diagram for cloud"));
        assertTrue(failureOf(() -> GUARD.guarded(FiltrationBackend.class, backend("no-h0", c -> new PersistenceDiagram("x", List.of())))
                .compute(CLOUD, null, Progress.none())).endsWith("(filtration no-h0): returned a diagram without an H0 part for cloud"));
        PersistenceDiagram nan = new PersistenceDiagram("cloud", List.of(h0, new PersistenceDiagram.Dimension(1, new double[0], new double[0],
                new double[] {Double.NaN})));
        assertTrue(failureOf(() -> GUARD.guarded(FiltrationBackend.class, backend("nan", c -> nan)).compute(CLOUD, null, Progress.none()))
                .endsWith("(filtration nan): returned an essential H1 class born at NaN for cloud"));
        PersistenceDiagram empty = new PersistenceDiagram("cloud", List.of(PersistenceDiagram.Dimension.empty(0)));
        assertTrue(failureOf(() -> GUARD.guarded(FiltrationBackend.class, backend("empty", c -> empty)).compute(CLOUD, null, Progress.none()))
                .endsWith("(filtration empty): returned no H0 class for the 4 points of cloud"));
        // death < birth cannot even be built: the plug-in's own constructor call fails, and is reported as thrown
        assertTrue(failureOf(() -> GUARD.guarded(FiltrationBackend.class, backend("inverted", c -> new PersistenceDiagram("x", List.of(
                new PersistenceDiagram.Dimension(0, new double[] {1}, new double[] {0.5}, new double[] {0}))))).compute(CLOUD, null,
                        Progress.none())).contains("(filtration inverted): threw java.lang.IllegalArgumentException: H0: pair 0"));
        // a default method the backend does not override is passed through, with its own one-line refusal
        assertTrue(failureOf(() -> GUARD.guarded(FiltrationBackend.class, backend("fine", c -> good)).computeWithCycles(CLOUD, null,
                Progress.none())).endsWith("(filtration fine): cloud: filtration backend fine does not compute representative cycles"));
    }

    @Test
    void aHangingBackendThatPollsItsProgressIsToldToStopWhenAbandoned() throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        FiltrationBackend polite = new FiltrationBackend() {
            @Override
            public String id() {
                return "polite";
            }

            @Override
            public String description() {
                return "polls";
            }

            @Override
            public PersistenceDiagram compute(PointCloud cloud, Parameters parameters, Progress progress) {
                try {
                    while (true) {
                        progress.checkCancelled();
                        Thread.onSpinWait();
                    }
                } finally {
                    stopped.countDown();
                }
            }
        };
        Guard quick = new Guard(Duration.ofMillis(200), () -> false);
        assertThrows(ExtensionFailure.class, () -> quick.guarded(FiltrationBackend.class, polite).compute(CLOUD, null, Progress.none()));
        assertTrue(stopped.await(5, java.util.concurrent.TimeUnit.SECONDS), "the abandoned call's progress never said cancelled");
    }

    private static LayerActivations batch(int first, int[] labels, float... values) {
        return new LayerActivations("dense", new int[] {labels.length, values.length / labels.length}, values, first, labels);
    }

    @Test
    void strategyBuildersMustBuildFiniteRowsFromTheImagesTheyWereGiven() {
        class Fixed extends Named implements PointCloudStrategy {
            final Function<int[], PointCloud> build;

            Fixed(String id, Function<int[], PointCloud> build) {
                super(id);
                this.build = build;
            }

            @Override
            public Builder begin(String layer, Parameters parameters) {
                int[] fed = {0};
                return new Builder() {
                    @Override
                    public void accept(LayerActivations batch) {
                        fed[0] += batch.batchSize();
                    }

                    @Override
                    public PointCloud build() {
                        return build.apply(fed);
                    }
                };
            }
        }
        Provenance fromImages = new Provenance(new int[] {10, 11}, new int[] {3, 5}, new int[] {-1, -1}, new int[] {-1, -1});
        PointCloud good = new PointCloud("dense", 2, 1, new double[] {1, 2}, fromImages);
        PointCloudStrategy.Builder fine = GUARD.guarded(PointCloudStrategy.class, new Fixed("fine", fed -> good)).begin("dense", null);
        fine.accept(batch(10, new int[] {3, 5}, 1, 2));
        assertEquals(good, fine.build());

        PointCloudStrategy.Builder wrongLabel = GUARD.guarded(PointCloudStrategy.class, new Fixed("label", fed -> good)).begin("dense", null);
        wrongLabel.accept(batch(10, new int[] {3, 4}, 1, 2));
        assertTrue(failureOf(wrongLabel::build).endsWith("(strategy label): built row 1 of layer dense with label 5, but image 11 has label 4"));

        PointCloudStrategy.Builder unseen = GUARD.guarded(PointCloudStrategy.class, new Fixed("unseen", fed -> good)).begin("dense", null);
        unseen.accept(batch(9, new int[] {0, 3}, 1, 2));
        assertTrue(failureOf(unseen::build).endsWith("(strategy unseen): built row 1 of layer dense from image 11, which it was not given"));

        PointCloud nan = new PointCloud("dense", 2, 1, new double[] {1, Double.NaN}, fromImages);
        PointCloudStrategy.Builder nanFromFinite = GUARD.guarded(PointCloudStrategy.class, new Fixed("nan", fed -> nan)).begin("dense", null);
        nanFromFinite.accept(batch(10, new int[] {3, 5}, 1, 2));
        assertTrue(failureOf(nanFromFinite::build).endsWith("(strategy nan): built NaN at row 1, column 0 of layer dense"));
        // NaN activations are the model's fault, not the strategy's: passed on (the runner names the model)
        PointCloudStrategy.Builder nanFromModel = GUARD.guarded(PointCloudStrategy.class, new Fixed("nan", fed -> nan)).begin("dense", null);
        nanFromModel.accept(batch(10, new int[] {3, 5}, 1, Float.NaN));
        assertEquals(nan, nanFromModel.build());

        String thrown = failureOf(() -> GUARD.guarded(PointCloudStrategy.class, new Fixed("begin", fed -> good) {
            @Override
            public Builder begin(String layer, Parameters parameters) {
                throw new NoClassDefFoundError("org/example/Missing");
            }
        }).begin("dense", null));
        // a plug-in missing a class it was compiled against fails its step only
        assertTrue(thrown.endsWith("(strategy begin): threw java.lang.NoClassDefFoundError: org/example/Missing"), thrown);
    }

    @Test
    void outOfMemoryStopsTheRunNamingThePluginWhileAStackOverflowFailsOnlyItsStep() {
        ToposcopeException oom = assertThrows(ToposcopeException.class, () -> GUARD.lens(lens("greedy", c -> {
            throw new OutOfMemoryError("Java heap space");
        })).apply(CLOUD, null));
        assertFalse(oom instanceof ExtensionFailure, "not isolated as one step: " + oom);
        assertTrue(ExtensionFailure.causeOf(oom).isEmpty());
        assertTrue(oom.getMessage().startsWith("plugin org.toposcope.experiment 0.1.0."), oom.getMessage());
        assertTrue(oom.getMessage().endsWith("(lens greedy): OutOfMemoryError: Java heap space; the run stops (its other steps may be "
                + "affected too)"), oom.getMessage());
        String deep = failure(lens("deep", c -> {
            throw new StackOverflowError();
        }));
        assertTrue(deep.endsWith("(lens deep): threw java.lang.StackOverflowError"), deep);
    }

    @Test
    void guardingIsIdempotentAndOnlyForPointsWithAContract() {
        Lens fine = lens("fine", c -> new Matrix(4, 1, new double[4]));
        Lens once = GUARD.lens(fine);
        assertSame(once, GUARD.lens(once));
        assertEquals("fine", once.id());
        assertEquals("test lens", once.description());
        assertTrue(once.toString().startsWith("guarded "), once.toString());
        assertFalse(Guard.covers(ModelLoader.class));
        assertThrows(IllegalArgumentException.class, () -> GUARD.guarded(ModelLoader.class, new ModelLoader() {
            @Override
            public String id() {
                return "loader";
            }

            @Override
            public String description() {
                return "test";
            }

            @Override
            public List<String> fileExtensions() {
                return List.of(".x");
            }

            @Override
            public org.toposcope.core.spi.EngineInfo engine() {
                return null;
            }

            @Override
            public org.toposcope.core.spi.LoadedModel load(java.nio.file.Path file, Parameters parameters, Progress progress) {
                return null;
            }
        }));
    }
}
