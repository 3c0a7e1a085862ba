package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.CancelledException;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.SparseDistances;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.ph.ReferenceDiagrams.Interval;

class VietorisRipsBehaviourTest {

    private final VietorisRipsBackend backend = new VietorisRipsBackend();

    private Parameters params(String... keyValues) {
        return PhTesting.params(backend, keyValues);
    }

    @Test
    void registryFindsTheBackendById() {
        assertTrue(Registry.current().get(FiltrationBackend.class, "vietoris-rips") instanceof VietorisRipsBackend);
    }

    @Test
    void distanceMatrixInputGivesTheSameDiagramAsTheCloud() {
        PointCloud cloud = PointCloud.of("c", VietorisRipsReferenceTest.sphere(new Random(1), 60));
        LowerDistanceMatrix d = new LowerDistanceMatrix("c", 60, Metric.EUCLIDEAN.lowerTriangle(cloud));
        assertEquals(backend.compute(cloud, params("max-dimension", "2"), Progress.none()),
                backend.compute(d, params("max-dimension", "2"), Progress.none()));
    }

    @Test
    void lowerDistanceFileAgreesWithRipser(@TempDir Path dir) throws Exception {
        PointCloud cloud = PointCloud.of("t", VietorisRipsReferenceTest.torus(new Random(2), 70));
        double[] lower = Metric.MANHATTAN.lowerTriangle(cloud);
        StringBuilder text = new StringBuilder();
        for (double v : lower) {
            text.append(ReferenceDiagrams.format(v)).append('\n');
        }
        Path file = dir.resolve("lower.txt");
        Files.writeString(file, text);
        PersistenceDiagram ours = backend.compute(new LowerDistanceMatrix("t", 70, lower), params("max-dimension", "2"),
                Progress.none());
        List<Interval> ripser = ReferenceDiagrams.ripser(file, "lower-distance", 2, "enclosing");
        assertSame(ripser, ours, 2);
    }

    @Test
    void sparseDistancesAgreeWithRipser(@TempDir Path dir) throws Exception {
        Random r = new Random(3);
        int n = 40;
        List<int[]> edges = new ArrayList<>();
        List<Double> lengths = new ArrayList<>();
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (r.nextDouble() < 0.3) {
                    double d = 0.1 + r.nextDouble();
                    edges.add(new int[] {i, j});
                    lengths.add(d);
                    text.append(i).append(' ').append(j).append(' ').append(ReferenceDiagrams.format(d)).append('\n');
                }
            }
        }
        Path file = dir.resolve("sparse.txt");
        Files.writeString(file, text);
        SparseDistances sparse = new SparseDistances("s", n, edges.stream().mapToInt(e -> e[0]).toArray(),
                edges.stream().mapToInt(e -> e[1]).toArray(), lengths.stream().mapToDouble(Double::doubleValue).toArray());
        PersistenceDiagram ours = backend.compute(sparse, params("max-dimension", "2"), Progress.none());
        assertSame(ReferenceDiagrams.ripser(file, "sparse", 2, "enclosing"), ours, 2);
        assertTrue(ours.dimension(1).essentialBirths().length + ours.dimension(1).finiteCount() > 0, "the graph has cycles");
    }

    @Test
    void diagramDoesNotDependOnPointOrderAndIsDeterministic() {
        double[][] points = PhTesting.orthogonal(new Random(4), 80);
        PersistenceDiagram a = backend.compute(PointCloud.of("o", points), params("max-dimension", "2"), Progress.none());
        List<double[]> shuffled = new ArrayList<>(List.of(points));
        java.util.Collections.shuffle(shuffled, new Random(5));
        PersistenceDiagram b = backend.compute(PointCloud.of("o", shuffled.toArray(new double[0][])),
                params("max-dimension", "2"), Progress.none());
        assertEquals(a, b);
        assertEquals(a, backend.compute(PointCloud.of("o", points), params("max-dimension", "2"), Progress.none()));
    }

    @Test
    void aThresholdBelowACycleDeathLeavesItEssential() {
        PointCloud circle = PointCloud.of("c", VietorisRipsReferenceTest.circle(new Random(6), 50, 0));
        PersistenceDiagram d = backend.compute(circle, params("threshold", "0.9"), Progress.none());
        assertEquals(1, d.dimension(1).essentialBirths().length, d.dimension(1).toString());
        PersistenceDiagram full = backend.compute(circle, params("threshold", "inf"), Progress.none());
        assertEquals(0, full.dimension(1).essentialBirths().length);
        assertEquals(1, full.dimension(1).finiteCount());
        assertTrue(full.dimension(1).death(0) > 1.5, "the circle's H1 dies when the complex fills in");
    }

    @Test
    void cancellationStopsTheComputation() {
        PointCloud cloud = PointCloud.of("g", VietorisRipsReferenceTest.gaussian(new Random(7), 200, 3));
        Progress cancelled = new Progress() {
            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long units) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(CancelledException.class, () -> backend.compute(cloud, params("max-dimension", "2"), cancelled));
    }

    @Test
    void badParametersAndValuesAreOneLineErrors() {
        PointCloud cloud = PointCloud.of("acts", new double[][] {{0, 0}, {1, Double.NaN}});
        assertEquals("acts: point 1 has a non-finite coordinate (NaN)",
                assertThrows(ToposcopeException.class, () -> backend.compute(cloud, params(), Progress.none())).getMessage());
        PointCloud ok = PointCloud.of("ok", new double[][] {{0, 0}, {1, 1}});
        assertEquals("ok: homology dimension 4 is not supported (0 to 3)", assertThrows(ToposcopeException.class,
                () -> backend.compute(ok, params("max-dimension", "4"), Progress.none())).getMessage());
        assertEquals("threshold 'far' is not a number, inf or enclosing-radius", assertThrows(ToposcopeException.class,
                () -> backend.compute(ok, params("threshold", "far"), Progress.none())).getMessage());
        assertEquals("threshold -1 must be a non-negative number", assertThrows(ToposcopeException.class,
                () -> backend.compute(ok, params("threshold", "-1"), Progress.none())).getMessage());
    }

    @Test
    void aCloudTooLargeForMemoryIsRefusedBeforeAllocating() {
        PointCloud huge = new PointCloud("huge.npy", 60_000, 1, new double[60_000],
                org.toposcope.core.model.Provenance.anonymous(60_000));
        String message = assertThrows(ToposcopeException.class, () -> backend.compute(huge, params(), Progress.none()))
                .getMessage();
        assertTrue(message.startsWith("huge.npy: 60000 points need about "), message);
        assertTrue(message.contains(" for a Vietoris–Rips complex up to H1 (estimate: 60000 points"), message);
        assertTrue(message.contains("it fits with --landmarks "), message);
        PersistenceDiagram sub = backend.compute(huge, params("subsample", "random", "subsample-size", "200"), Progress.none());
        assertEquals(1, sub.dimension(0).essentialBirths().length, "subsampled first, the same cloud is fine");
    }

    @Test
    void maxminLandmarksAreFurthestPointsAndRandomSamplesFollowTheSeed() {
        double[][] points = VietorisRipsReferenceTest.gaussian(new Random(8), 300, 2);
        PointCloud cloud = PointCloud.of("g", points);
        int[] landmarks = Subsampling.maxmin(300, Metric.EUCLIDEAN.pairwise(cloud), 5, 0);
        assertEquals(0, landmarks[0]);
        int furthest = 0;
        for (int i = 0; i < 300; i++) {
            if (dist(points[i], points[0]) > dist(points[furthest], points[0])) {
                furthest = i;
            }
        }
        assertEquals(furthest, landmarks[1], "the second landmark is the point furthest from the first");
        assertArrayEquals(Subsampling.random(300, 20, 9), Subsampling.random(300, 20, 9));
        assertNotEquals(List.of(Subsampling.random(300, 20, 9)), List.of(Subsampling.random(300, 20, 10)));
        PersistenceDiagram sub = backend.compute(cloud, params("subsample", "maxmin", "subsample-size", "50"), Progress.none());
        assertEquals(1, sub.dimension(0).essentialBirths().length);
        assertEquals(49, sub.dimension(0).finiteCount(), "50 landmarks in general position merge 49 times");
    }

    @Test
    void maxminLandmarksAreDistinctEvenWhenPointsRepeat() {
        PointCloud cloud = PointCloud.of("dup", new double[][] {{0, 0}, {0, 0}, {1, 0}, {1, 0}});
        // all four asked: after the two distinct places, the copies follow at distance 0 (a copy, not a landmark again)
        assertArrayEquals(new int[] {0, 2, 1, 3}, Subsampling.maxmin(4, Metric.EUCLIDEAN.pairwise(cloud), 4, 0));
        double[] radius = new double[4];
        Subsampling.greedyPermutation(4, Metric.EUCLIDEAN.pairwise(cloud), 4, 0, radius);
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY, 0, 1, 0}, radius);
    }

    private static double dist(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }

    private static void assertSame(List<Interval> reference, PersistenceDiagram ours, int maxDim) {
        for (int d = 0; d <= maxDim; d++) {
            final int dim = d;
            VietorisRipsReferenceTest.assertMatch(reference.stream().filter(i -> i.dim() == dim).toList(),
                    VietorisRipsReferenceTest.intervals(ours, d), VietorisRipsReferenceTest.RIPSER_TOLERANCE, 1e-6,
                    "H" + d + " vs ripser");
        }
    }
}
