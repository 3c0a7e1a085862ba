package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.MergeEvent;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceResult;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.RepresentativeCycle;
import org.toposcope.ph.VietorisRipsReferenceTest.Case;

/**
 * Representative H1 cycles and the H0 merge tree on every cloud of the reference tests, checked
 * independently: degrees, lengths from the distances, and whether a cycle is a boundary by Gaussian
 * elimination over Z/2 of the triangles' boundaries, written here without the reduction's code.
 */
class RepresentativeCyclesTest {

    private final VietorisRipsBackend backend = new VietorisRipsBackend();

    private Parameters params(Case c) {
        Map<String, String> p = new HashMap<>(Map.of("max-dimension", Integer.toString(c.maxDim()), "metric", c.metric()));
        if (!c.threshold().equals("enclosing")) {
            p.put("threshold", c.threshold());
        }
        return Parameters.resolve(backend, p);
    }

    @TestFactory
    Stream<DynamicTest> everyCycleIsACycleBornAtItsBirthAndKilledAtItsDeath() {
        return VietorisRipsReferenceTest.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            PointCloud cloud = PointCloud.of(c.name(), c.points());
            PersistenceResult result = backend.computeWithCycles(cloud, params(c), Progress.none());
            PersistenceDiagram plain = backend.compute(cloud, params(c), Progress.none());
            assertEquals(plain, result.diagram(), "the diagram does not change when cycles are computed");
            PersistenceDiagram.Dimension h1 = result.diagram().dimension(1);
            assertEquals(h1.finiteCount(), result.cycles().size(), "one cycle per finite H1 pair");
            double[] lower = Metric.of(c.metric()).lowerTriangle(cloud);
            for (int i = 0; i < h1.finiteCount(); i++) {
                RepresentativeCycle z = result.cycles().get(i);
                assertEquals(1, z.dimension());
                assertEquals(h1.birth(i), z.birth(), "cycle " + i + " belongs to pair " + i);
                assertEquals(h1.death(i), z.death());
                assertIsACycle(z, c.name() + " cycle " + i);
                double longest = Arrays.stream(z.edges()).mapToDouble(e -> lower[index(e[0], e[1])]).max().orElseThrow();
                assertEquals(z.birth(), longest, c.name() + " cycle " + i + ": its longest edge is the pair's birth");
            }
            assertBoundaryOnlyFromDeath(c.name(), cloud.size(), lower, result.cycles());
            assertMergeTreeMatchesH0(c.name(), cloud.size(), lower, result);
        }));
    }

    /** Each edge once, every vertex of even degree, not empty. */
    static void assertIsACycle(RepresentativeCycle z, String what) {
        assertTrue(z.size() >= 3, what + ": a loop has at least three edges");
        Set<Long> seen = new HashSet<>();
        Map<Integer, Integer> degree = new HashMap<>();
        for (int[] e : z.edges()) {
            assertTrue(e[0] > e[1], what + ": edge " + Arrays.toString(e) + " is written larger vertex first");
            assertTrue(seen.add((long) e[0] << 32 | e[1]), what + ": edge " + Arrays.toString(e) + " twice");
            degree.merge(e[0], 1, Integer::sum);
            degree.merge(e[1], 1, Integer::sum);
        }
        degree.forEach((v, d) -> assertEquals(0, d % 2, what + ": vertex " + v + " has degree " + d));
    }

    /**
     * Over Z/2: a cycle is not in the span of the boundaries of triangles of diameter below its death, and
     * is in the span once the triangles of diameter equal to its death are added. Triangles are added in
     * order of diameter to one echelon basis (bit = edge, ordered by length), so a single pass serves all cycles.
     */
    static void assertBoundaryOnlyFromDeath(String name, int n, double[] lower, List<RepresentativeCycle> cycles) {
        if (cycles.isEmpty()) {
            return;
        }
        double maxDeath = cycles.stream().mapToDouble(RepresentativeCycle::death).max().orElseThrow();
        Integer[] edgeOrder = new Integer[lower.length];
        for (int e = 0; e < lower.length; e++) {
            edgeOrder[e] = e;
        }
        Arrays.sort(edgeOrder, (x, y) -> Double.compare(lower[x], lower[y]));
        int[] bitOf = new int[lower.length];
        for (int b = 0; b < lower.length; b++) {
            bitOf[edgeOrder[b]] = b;
        }
        List<double[]> triangles = new ArrayList<>(); // {diameter, a, b, c}
        for (int a = 2; a < n; a++) {
            for (int b = 1; b < a; b++) {
                for (int c = 0; c < b; c++) {
                    double diameter = Math.max(lower[index(a, b)], Math.max(lower[index(a, c)], lower[index(b, c)]));
                    if (diameter <= maxDeath) {
                        triangles.add(new double[] {diameter, a, b, c});
                    }
                }
            }
        }
        triangles.sort((x, y) -> Double.compare(x[0], y[0]));
        Echelon basis = new Echelon(lower.length);
        double[] deaths = cycles.stream().mapToDouble(RepresentativeCycle::death).distinct().sorted().toArray();
        int next = 0;
        for (double death : deaths) {
            while (next < triangles.size() && triangles.get(next)[0] < death) {
                basis.add(boundary(triangles.get(next++), bitOf, lower.length));
            }
            for (int i = 0; i < cycles.size(); i++) {
                if (cycles.get(i).death() == death) {
                    assertFalse(basis.spans(chain(cycles.get(i), bitOf, lower.length)),
                            name + " cycle " + i + " is a boundary before its death " + death);
                }
            }
            while (next < triangles.size() && triangles.get(next)[0] == death) {
                basis.add(boundary(triangles.get(next++), bitOf, lower.length));
            }
            for (int i = 0; i < cycles.size(); i++) {
                if (cycles.get(i).death() == death) {
                    assertTrue(basis.spans(chain(cycles.get(i), bitOf, lower.length)),
                            name + " cycle " + i + " is not a boundary at its death " + death);
                }
            }
        }
    }

    static void assertMergeTreeMatchesH0(String name, int n, double[] lower, PersistenceResult result) {
        PersistenceDiagram.Dimension h0 = result.diagram().dimension(0);
        List<MergeEvent> merges = result.merges();
        assertEquals(n - h0.essentialBirths().length, merges.size(), name + ": one merge per H0 class that dies");
        int[] component = new int[n]; // the name (smallest row) of each row's component, replayed here
        for (int i = 0; i < n; i++) {
            component[i] = i;
        }
        double previous = 0;
        List<Double> positive = new ArrayList<>();
        for (MergeEvent m : merges) {
            assertTrue(m.value() >= previous, name + ": merges in filtration order");
            previous = m.value();
            assertEquals(lower[index(Math.max(m.u(), m.v()), Math.min(m.u(), m.v()))], m.value(), name + ": merge at its edge's length");
            int a = component[m.u()];
            int b = component[m.v()];
            assertNotEquals(a, b, name + ": a merge joins two components");
            assertEquals(Math.min(a, b), m.survivor(), name + ": the survivor is named by its smallest row");
            assertEquals(Math.max(a, b), m.absorbed());
            for (int i = 0; i < n; i++) {
                if (component[i] == m.absorbed()) {
                    component[i] = m.survivor();
                }
            }
            if (m.value() > 0) {
                positive.add(m.value());
            }
        }
        double[] deaths = h0.deaths();
        Arrays.sort(deaths);
        assertArrayEquals(deaths, positive.stream().mapToDouble(Double::doubleValue).sorted().toArray(),
                name + ": the merges of positive length are the finite H0 bars' deaths");
        assertTrue(Arrays.stream(h0.births()).allMatch(b -> b == 0));
    }

    @Test
    void theLongBarOfANoisyCircleGoesAroundIt() {
        double[][] points = VietorisRipsReferenceTest.circle(new Random(11), 120, 0.08);
        PersistenceResult r = backend.computeWithCycles(PointCloud.of("circle", points),
                Parameters.resolve(backend, Map.of()), Progress.none());
        RepresentativeCycle longest = longest(r.cycles());
        assertTrue(longest.death() - longest.birth() > 1, "the circle's bar is long: " + longest);
        for (double angle = 0; angle < 2 * Math.PI; angle += 0.4) {
            assertEquals(1, crossings(longest, points, 0, 0, angle) % 2,
                    "a ray from the centre at angle " + angle + " crosses the long bar's cycle an odd number of times");
        }
        for (RepresentativeCycle z : r.cycles()) {
            if (z != longest) {
                assertEquals(0, crossings(z, points, 0, 0, 0.3) % 2, "short bars' cycles are small loops: " + z);
            }
        }
    }

    @Test
    void theLongBarsOfTwoSeparatedCirclesStayOnTheirOwnCircles() {
        Random random = new Random(12);
        double[][] left = VietorisRipsReferenceTest.circle(random, 70, 0.06);
        double[][] right = VietorisRipsReferenceTest.circle(random, 90, 0.06);
        double[][] points = new double[160][];
        for (int i = 0; i < 70; i++) {
            points[i] = new double[] {left[i][0] - 3, left[i][1]};
        }
        for (int i = 0; i < 90; i++) {
            points[70 + i] = new double[] {1.5 * right[i][0] + 3, 1.5 * right[i][1]};
        }
        PersistenceResult r = backend.computeWithCycles(PointCloud.of("two", points),
                Parameters.resolve(backend, Map.of("threshold", "inf")), Progress.none());
        List<RepresentativeCycle> longBars = r.cycles().stream().filter(z -> z.death() - z.birth() > 0.8).toList();
        assertEquals(2, longBars.size(), "two long bars: " + r.cycles());
        Set<Boolean> sides = new HashSet<>();
        for (RepresentativeCycle z : longBars) {
            int[] vs = z.vertices();
            boolean onLeft = vs[vs.length - 1] < 70;
            assertTrue(onLeft || vs[0] >= 70, "a long bar's cycle stays on one circle: " + Arrays.toString(vs));
            sides.add(onLeft);
            double cx = onLeft ? -3 : 3;
            assertEquals(1, crossings(z, points, cx, 0, 1.0) % 2, "and goes around it");
        }
        assertEquals(2, sides.size(), "one long bar per circle");
    }

    @Test
    void cyclesOfASubsampleAndOfDistanceMatricesUseTheInputsRows() {
        double[][] points = VietorisRipsReferenceTest.circle(new Random(13), 300, 0.05);
        PointCloud cloud = PointCloud.of("c", points);
        Parameters sub = Parameters.resolve(backend, Map.of("subsample", "maxmin", "subsample-size", "60"));
        PersistenceResult r = backend.computeWithCycles(cloud, sub, Progress.none());
        assertEquals(backend.compute(cloud, sub, Progress.none()), r.diagram());
        double[] lower = Metric.EUCLIDEAN.lowerTriangle(cloud);
        RepresentativeCycle longest = longest(r.cycles());
        assertIsACycle(longest, "subsampled");
        assertEquals(longest.birth(), Arrays.stream(longest.edges()).mapToDouble(e -> lower[index(e[0], e[1])]).max().orElseThrow(),
                "edge lengths of input rows");
        assertEquals(1, crossings(longest, points, 0, 0, 0.5) % 2);
        assertMergeTreeMatchesH0("subsampled", 300, lower, withAllRowsAsEssential(r, 300 - 60));

        PersistenceResult fromMatrix = backend.computeWithCycles(new LowerDistanceMatrix("c", 300, lower), sub, Progress.none());
        assertEquals(r.cycles(), fromMatrix.cycles());
        assertEquals(r.merges(), fromMatrix.merges());
    }

    /** Rows left out by subsampling never merge: count them as components that never die. */
    private static PersistenceResult withAllRowsAsEssential(PersistenceResult r, int leftOut) {
        PersistenceDiagram.Dimension h0 = r.diagram().dimension(0);
        double[] essential = new double[h0.essentialBirths().length + leftOut];
        List<PersistenceDiagram.Dimension> dims = new ArrayList<>(r.diagram().dimensions());
        dims.set(0, new PersistenceDiagram.Dimension(0, h0.births(), h0.deaths(), essential));
        return new PersistenceResult(new PersistenceDiagram(r.diagram().name(), dims), r.cycles(), r.merges());
    }

    private static RepresentativeCycle longest(List<RepresentativeCycle> cycles) {
        return cycles.stream().max((a, b) -> Double.compare(a.death() - a.birth(), b.death() - b.birth())).orElseThrow();
    }

    /** How many edges of the cycle a ray from (cx, cy) at the angle crosses: odd iff the cycle winds around (cx, cy) mod 2. */
    static int crossings(RepresentativeCycle z, double[][] points, double cx, double cy, double angle) {
        double dx = Math.cos(angle);
        double dy = Math.sin(angle);
        int count = 0;
        for (int[] e : z.edges()) {
            double ax = points[e[0]][0] - cx;
            double ay = points[e[0]][1] - cy;
            double bx = points[e[1]][0] - cx;
            double by = points[e[1]][1] - cy;
            double sa = dx * ay - dy * ax; // side of the ray's line
            double sb = dx * by - dy * bx;
            if ((sa > 0) != (sb > 0)) {
                double t = (ax * sb - bx * sa) / (sb - sa); // where the segment meets the line, along the ray
                double ty = (ay * sb - by * sa) / (sb - sa);
                if (t * dx + ty * dy > 0) {
                    count++;
                }
            }
        }
        return count;
    }

    static int index(int i, int j) {
        int a = Math.max(i, j);
        int b = Math.min(i, j);
        return a * (a - 1) / 2 + b;
    }

    private static long[] boundary(double[] t, int[] bitOf, int edges) {
        long[] v = new long[(edges + 63) >>> 6];
        int a = (int) t[1];
        int b = (int) t[2];
        int c = (int) t[3];
        flip(v, bitOf[index(a, b)]);
        flip(v, bitOf[index(a, c)]);
        flip(v, bitOf[index(b, c)]);
        return v;
    }

    private static long[] chain(RepresentativeCycle z, int[] bitOf, int edges) {
        long[] v = new long[(edges + 63) >>> 6];
        for (int[] e : z.edges()) {
            flip(v, bitOf[index(e[0], e[1])]);
        }
        return v;
    }

    private static void flip(long[] v, int bit) {
        v[bit >>> 6] ^= 1L << (bit & 63);
    }

    /** Vectors over Z/2 in echelon form, indexed by their highest bit. */
    static final class Echelon {
        private final long[][] byTop;

        Echelon(int bits) {
            byTop = new long[bits][];
        }

        void add(long[] v) {
            int top = reduce(v);
            if (top >= 0) {
                byTop[top] = v;
            }
        }

        boolean spans(long[] v) {
            return reduce(v.clone()) < 0;
        }

        /** Reduces v in place; returns its highest remaining bit, or -1 when it became zero. */
        private int reduce(long[] v) {
            int top = highest(v, v.length - 1);
            while (top >= 0 && byTop[top] != null) {
                long[] b = byTop[top];
                for (int w = 0; w <= top >>> 6; w++) {
                    v[w] ^= b[w];
                }
                top = highest(v, top >>> 6);
            }
            return top;
        }

        private static int highest(long[] v, int fromWord) {
            for (int w = fromWord; w >= 0; w--) {
                if (v[w] != 0) {
                    return (w << 6) + 63 - Long.numberOfLeadingZeros(v[w]);
                }
            }
            return -1;
        }
    }
}
