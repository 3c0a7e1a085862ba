package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.ph.estimate.SizeEstimate;

/** The size estimate against exact simplex counts, and the refusal before a run that would not fit. */
class SizeEstimateTest {

    private final VietorisRipsBackend backend = new VietorisRipsBackend();

    private Parameters params(String... keyValues) {
        return PhTesting.params(backend, keyValues);
    }

    record Cloud(String name, double[][] points, int maxDim, String threshold) {
    }

    static List<Cloud> clouds() {
        Random r = new Random(3);
        List<Cloud> c = new ArrayList<>();
        c.add(new Cloud("gaussian-300-r4", VietorisRipsReferenceTest.gaussian(r, 300, 4), 2, "enclosing-radius"));
        c.add(new Cloud("gaussian-200-r9", VietorisRipsReferenceTest.gaussian(r, 200, 9), 3, "3.2"));
        c.add(new Cloud("circle-500", VietorisRipsReferenceTest.circle(r, 500, 0.1), 2, "0.4"));
        c.add(new Cloud("gaussian-1000-r16", VietorisRipsReferenceTest.gaussian(r, 1000, 16), 1, "enclosing-radius"));
        c.add(new Cloud("gaussian-800-r3", VietorisRipsReferenceTest.gaussian(r, 800, 3), 2, "1.0"));
        c.add(new Cloud("circle-2000", VietorisRipsReferenceTest.circle(r, 2000, 0.05), 1, "0.3"));
        c.add(new Cloud("uniform-150-r3", VietorisRipsReferenceTest.uniform(r, 150, 3), 3, "0.5"));
        double[][] clusters = VietorisRipsReferenceTest.gaussian(r, 400, 5);
        for (int i = 0; i < clusters.length; i++) {
            clusters[i][0] += 10 * (i % 4);
        }
        c.add(new Cloud("four-clusters-400-r5", clusters, 2, "2.0"));
        c.add(new Cloud("torus-300", VietorisRipsReferenceTest.torus(r, 300), 2, "0.8"));
        c.add(new Cloud("orthogonal-3x3-150", PhTesting.orthogonal(r, 150), 2, "1.4"));
        return c;
    }

    @Test
    void predictedSimplexCountsAreWithinAFactorOfTwoOfTheExactOnes() {
        StringBuilder table = new StringBuilder();
        for (Cloud c : clouds()) {
            PointCloud cloud = PointCloud.of(c.name(), c.points());
            SizeEstimate e = backend.estimate(cloud, params("max-dimension", Integer.toString(c.maxDim()), "threshold", c.threshold()));
            long[] exact = cliques(Metric.EUCLIDEAN.lowerTriangle(cloud), c.points().length, e.threshold(), c.maxDim() + 1);
            table.append(c.name());
            for (int d = 0; d <= c.maxDim() + 1; d++) {
                double ratio = exact[d] == 0 && e.simplices(d) == 0 ? 1 : e.simplices(d) / exact[d];
                table.append(String.format(" d%d %d %.2f", d, exact[d], ratio));
                assertTrue(ratio >= 0.5 && ratio <= 2, c.name() + " dimension " + d + ": predicted " + e.simplices(d) + ", exact " + exact[d]);
            }
            table.append('\n');
        }
        System.out.print("predicted/exact simplices:\n" + table);
    }

    @Test
    void thousandPointsInR9UpToH3WithoutThresholdAreRefusedInWellUnderASecond() {
        Random r = new Random(9);
        PointCloud cloud = PointCloud.of("r9.npy", VietorisRipsReferenceTest.gaussian(r, 1024, 9));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        String message = assertThrows(ToposcopeException.class,
                () -> backend.compute(cloud, params("max-dimension", "3"), Progress.none())).getMessage();
        double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        assertTrue(seconds < 1, "refused after " + seconds + " s of CPU");
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("r9.npy: 1024 points need about "), message);
        assertTrue(message.contains("up to H3 (estimate: 1024 points, threshold "), message);
        assertTrue(message.contains("it fits with --threshold "), message);
        assertTrue(message.contains("--dim 2") || message.contains("--dim 1"), message);
    }

    @Test
    void aRunPredictedToExceedMaxMemoryIsRefusedWithinASecondInOneLine() {
        // the shape of the 20,000-point H1 run that once ran out of memory unrefused: gaussian points in R^64, every edge in
        PeakProbe.Case shape = new PeakProbe.Case("gaussian", 3000, 64, 1, "enclosing-radius", 2, false);
        PointCloud cloud = shape.cloud();
        long predicted = backend.estimate(cloud, params("max-dimension", "1")).peakBytes();
        long limit = predicted / 2;
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        String message = assertThrows(ToposcopeException.class, () -> backend.compute(cloud,
                params("max-dimension", "1", "max-memory", Long.toString(limit)), Progress.none())).getMessage();
        double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf("3,000 points in R^64 refused after %.3f s CPU, %.3f s wall: %s%n", seconds,
                (System.nanoTime() - wall) / 1e9, message);
        assertTrue(seconds < 1, "refused after " + seconds + " s of CPU");
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("gaussian-3000: 3000 points need about " + SizeEstimate.bytes(predicted)), message);
        assertTrue(message.contains("more than the " + SizeEstimate.bytes(limit) + " allowed (max-memory); it fits with "), message);
    }

    @Test
    void twoHundredThousandPointsWithAHugeThresholdAreRefusedInWellUnderASecond() {
        int n = 200_000;
        Random r = new Random(2);
        double[] x = new double[n * 9];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextGaussian();
        }
        PointCloud cloud = new PointCloud("big.npy", n, 9, x, Provenance.anonymous(n));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        String message = assertThrows(ToposcopeException.class,
                () -> backend.compute(cloud, params("max-dimension", "2", "threshold", "1e9"), Progress.none())).getMessage();
        double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf("200,000 points refused after %.3f s CPU, %.3f s wall%n", seconds, (System.nanoTime() - wall) / 1e9);
        assertTrue(seconds < 1, "refused after " + seconds + " s of CPU");
        assertFalse(message.contains("\n"), message);
        assertTrue(message.startsWith("big.npy: 200000 points need about "), message);
        assertTrue(message.contains("it fits with --landmarks "), message);
    }

    @Test
    void theSuggestedThresholdFitsAndAFittingRunIsNotRefused() {
        Random r = new Random(4);
        PointCloud cloud = PointCloud.of("g", VietorisRipsReferenceTest.gaussian(r, 400, 6));
        Parameters small = params("max-dimension", "2", "max-memory", "8m", "collapse", "off");
        String message = assertThrows(ToposcopeException.class, () -> backend.compute(cloud, small, Progress.none())).getMessage();
        assertTrue(message.contains("more than the 8 MB allowed (max-memory)"), message);
        Matcher m = Pattern.compile("--threshold ([0-9.e+-]+)").matcher(message);
        assertTrue(m.find(), message);
        PersistenceDiagram d = backend.compute(cloud,
                params("max-dimension", "2", "max-memory", "8m", "collapse", "off", "threshold", m.group(1)), Progress.none());
        assertEquals(2, d.maxDimension(), "the suggested threshold runs");
        assertTrue(backend.compute(cloud, params("max-dimension", "1"), Progress.none()).dimension(0).finiteCount() == 399,
                "the default limit (what the JVM can use) lets a small run through");
    }

    @Test
    void distanceMatricesAreEstimatedToo() {
        Random r = new Random(6);
        PointCloud cloud = PointCloud.of("m", VietorisRipsReferenceTest.gaussian(r, 120, 3));
        LowerDistanceMatrix matrix = new LowerDistanceMatrix("m", 120, Metric.EUCLIDEAN.lowerTriangle(cloud));
        SizeEstimate fromCloud = backend.estimate(cloud, params("max-dimension", "2"));
        SizeEstimate fromMatrix = backend.estimate(matrix, params("max-dimension", "2"));
        assertEquals(fromCloud.threshold(), fromMatrix.threshold());
        assertEquals(fromCloud.simplices(1), fromMatrix.simplices(1), "edges are exact for small inputs");
    }

    @Test
    void maxMemoryMustBeASize() {
        PointCloud cloud = PointCloud.of("g", VietorisRipsReferenceTest.gaussian(new Random(1), 20, 2));
        assertEquals("max-memory 'lots' is not auto or a size such as 512m, 2g or 1.5GB", assertThrows(ToposcopeException.class,
                () -> backend.compute(cloud, params("max-memory", "lots"), Progress.none())).getMessage());
        assertEquals(1, backend.compute(cloud, params("max-memory", "1.5GB"), Progress.none()).dimension(0).essentialBirths().length);
    }

    /** Exact clique counts by size (index k = k-simplices) of the graph of edges <= t, by bitset recursion. */
    static long[] cliques(double[] lower, int n, double t, int top) {
        int words = (n + 63) >>> 6;
        long[] adjacency = new long[n * words];
        for (int i = 1; i < n; i++) {
            for (int j = 0; j < i; j++) {
                if (lower[i * (i - 1) / 2 + j] <= t) {
                    adjacency[i * words + (j >>> 6)] |= 1L << (j & 63);
                    adjacency[j * words + (i >>> 6)] |= 1L << (i & 63);
                }
            }
        }
        long[] counts = new long[top + 1];
        counts[0] = n;
        for (int v = 0; v < n; v++) {
            long[] higher = new long[words];
            for (int w = 0; w < words; w++) {
                higher[w] = adjacency[v * words + w] & above(v, w);
            }
            extend(adjacency, words, higher, 1, top, counts);
        }
        return counts;
    }

    private static void extend(long[] adjacency, int words, long[] set, int depth, int top, long[] counts) {
        for (int w = 0; w < words; w++) {
            long bits = set[w];
            while (bits != 0) {
                int x = (w << 6) + Long.numberOfTrailingZeros(bits);
                bits &= bits - 1;
                counts[depth]++;
                if (depth < top) {
                    long[] next = new long[words];
                    boolean any = false;
                    for (int k = 0; k < words; k++) {
                        next[k] = set[k] & adjacency[x * words + k] & above(x, k);
                        any |= next[k] != 0;
                    }
                    if (any) {
                        extend(adjacency, words, next, depth + 1, top, counts);
                    }
                }
            }
        }
    }

    /** Bits of word w for vertices above v. */
    private static long above(int v, int w) {
        int base = w << 6;
        if (v < base) {
            return -1L;
        }
        if (v >= base + 63) {
            return 0;
        }
        return -1L << (v - base + 1);
    }
}
