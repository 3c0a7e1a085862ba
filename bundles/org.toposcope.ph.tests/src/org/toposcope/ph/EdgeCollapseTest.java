package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.ph.collapse.EdgeCollapse;

/**
 * Edge collapse leaves every diagram unchanged: the same pairs, bit for bit, with and without it, on all
 * clouds of the reference test (which itself checks the collapsed runs against gudhi and ripser, since
 * collapse is on there by default from H2).
 */
class EdgeCollapseTest {

    private final VietorisRipsBackend backend = new VietorisRipsBackend();

    private Parameters params(String... keyValues) {
        return PhTesting.params(backend, keyValues);
    }

    @TestFactory
    Stream<DynamicTest> diagramsAreIdenticalWithAndWithoutCollapse() {
        return VietorisRipsReferenceTest.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            PointCloud cloud = PointCloud.of(c.name(), c.points());
            String threshold = c.threshold().equals("enclosing") ? "enclosing-radius" : c.threshold();
            String dim = Integer.toString(c.maxDim());
            PersistenceDiagram off = backend.compute(cloud,
                    params("max-dimension", dim, "metric", c.metric(), "threshold", threshold, "collapse", "off"), Progress.none());
            PersistenceDiagram on = backend.compute(cloud,
                    params("max-dimension", dim, "metric", c.metric(), "threshold", threshold, "collapse", "on"), Progress.none());
            assertSameDiagram(off, on, c.name());
        }));
    }

    @Test
    void aDenseCloudLosesMostEdgesAndKeepsItsDiagram() {
        Random r = new Random(11);
        double[][] points = VietorisRipsReferenceTest.gaussian(r, 250, 4);
        PointCloud cloud = PointCloud.of("g", points);
        double[] lower = Metric.EUCLIDEAN.lowerTriangle(cloud);
        double[] before = lower.clone();
        EdgeCollapse.Result result = backend.collapse(lower, points.length, params("max-dimension", "2"));
        assertArrayEquals(before, lower, "the input table is not changed");
        assertTrue(result.removed() > result.edges() / 2, "removed " + result.removed() + " of " + result.edges());
        long kept = Arrays.stream(result.lower()).filter(Double::isFinite).count();
        assertEquals(result.edges() - result.removed(), kept);
        for (int e = 0; e < lower.length; e++) {
            assertTrue(result.lower()[e] >= lower[e], "an edge only moves later: " + e);
        }
        for (String dim : new String[] {"1", "2", "3"}) {
            Parameters off = params("max-dimension", dim, "collapse", "off", "threshold", dim.equals("3") ? "1.2" : "enclosing-radius");
            Parameters on = params("max-dimension", dim, "collapse", "on", "threshold", dim.equals("3") ? "1.2" : "enclosing-radius");
            assertSameDiagram(backend.compute(cloud, off, Progress.none()), backend.compute(cloud, on, Progress.none()), "H" + dim);
        }
    }

    static void assertSameDiagram(PersistenceDiagram expected, PersistenceDiagram actual, String what) {
        assertEquals(expected.maxDimension(), actual.maxDimension(), what);
        for (int d = 0; d <= expected.maxDimension(); d++) {
            assertArrayEquals(sortedPairs(expected.dimension(d)), sortedPairs(actual.dimension(d)), what + " H" + d + " pairs");
            double[] e = expected.dimension(d).essentialBirths();
            double[] a = actual.dimension(d).essentialBirths();
            Arrays.sort(e);
            Arrays.sort(a);
            assertArrayEquals(e, a, what + " H" + d + " essential classes");
        }
    }

    private static double[] sortedPairs(PersistenceDiagram.Dimension dim) {
        double[][] pairs = new double[dim.finiteCount()][];
        for (int i = 0; i < pairs.length; i++) {
            pairs[i] = new double[] {dim.birth(i), dim.death(i)};
        }
        Arrays.sort(pairs, (x, y) -> x[0] != y[0] ? Double.compare(x[0], y[0]) : Double.compare(x[1], y[1]));
        return Arrays.stream(pairs).flatMapToDouble(Arrays::stream).toArray();
    }
}
