package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.ph.ReferenceDiagrams.Interval;

/**
 * Our Vietoris–Rips diagrams against the real ripser binary and gudhi on structured, random and
 * degenerate clouds. gudhi works in double precision: diagrams must agree to 1e-6 relative. ripser
 * computes in float32 and prints 6 significant digits, so it is compared to 1e-5 relative.
 */
class VietorisRipsReferenceTest {

    static final double GUDHI_TOLERANCE = 1e-6;
    static final double RIPSER_TOLERANCE = 1e-5;

    record Case(String name, double[][] points, String metric, int maxDim, String threshold) {
        /** ripser 1.2.1 aborts on fewer than two points (a failed assertion), and knows only euclidean clouds. */
        boolean ripserCanRun() {
            return metric.equals("euclidean") && points.length >= 2;
        }

        /** ripser computes distances from float32 coordinates: an absolute error of a few ulps of the largest one. */
        double ripserAbsoluteTolerance() {
            double max = 1;
            for (double[] p : points) {
                for (double x : p) {
                    max = Math.max(max, Math.abs(x));
                }
            }
            return 1e-6 * max * Math.sqrt(points.length == 0 ? 1 : points[0].length);
        }
    }

    private static Path dir;
    private static Map<String, List<Interval>> gudhi;
    private static final Map<String, PersistenceDiagram> OURS = new HashMap<>();

    static List<Case> cases() {
        Random r = new Random(20261127);
        List<Case> cases = new ArrayList<>();
        cases.add(new Case("circle", circle(r, 80, 0.05), "euclidean", 1, "enclosing"));
        cases.add(new Case("circle-threshold", circle(r, 60, 0.02), "euclidean", 2, "0.5"));
        cases.add(new Case("sphere", sphere(r, 90), "euclidean", 2, "enclosing"));
        cases.add(new Case("torus-r4", torus(r, 120), "euclidean", 2, "1.3"));
        cases.add(new Case("orthogonal-3x3", PhTesting.orthogonal(r, 100), "euclidean", 2, "enclosing"));
        cases.add(new Case("gaussian-r16", gaussian(r, 60, 16), "euclidean", 2, "enclosing"));
        cases.add(new Case("gaussian-r5-dim3", gaussian(r, 26, 5), "euclidean", 3, "enclosing"));
        cases.add(new Case("uniform-r3-dim3-threshold", uniform(r, 40, 3), "euclidean", 3, "0.45"));
        cases.add(new Case("duplicates", duplicated(r, gaussian(r, 25, 3)), "euclidean", 2, "enclosing"));
        cases.add(new Case("collinear", collinear(r, 30), "euclidean", 2, "enclosing"));
        cases.add(new Case("grid-equal-distances", grid(6), "euclidean", 2, "enclosing"));
        cases.add(new Case("all-distances-equal", basis(8), "euclidean", 3, "enclosing"));
        cases.add(new Case("no-points", new double[0][], "euclidean", 1, "enclosing"));
        cases.add(new Case("one-point", new double[][] {{1.5, -2}}, "euclidean", 2, "enclosing"));
        cases.add(new Case("two-points", new double[][] {{0, 0}, {3, 4}}, "euclidean", 1, "enclosing"));
        cases.add(new Case("cosine", gaussian(r, 50, 8), "cosine", 2, "enclosing"));
        cases.add(new Case("cosine-zero-rows", withZeroRows(gaussian(r, 30, 4)), "cosine", 1, "enclosing"));
        cases.add(new Case("manhattan", gaussian(r, 50, 4), "manhattan", 2, "enclosing"));
        cases.add(new Case("chebyshev", gaussian(r, 50, 4), "chebyshev", 2, "enclosing"));
        for (int i = 0; i < 6; i++) {
            cases.add(new Case("random-" + i, gaussian(r, 20 + r.nextInt(40), 2 + r.nextInt(6)), "euclidean", 2, "enclosing"));
        }
        return cases;
    }

    @BeforeAll
    static void computeReferences() throws IOException, InterruptedException {
        dir = Files.createTempDirectory("toposcope-ph-ref");
        List<String> manifest = new ArrayList<>();
        VietorisRipsBackend backend = new VietorisRipsBackend();
        for (Case c : cases()) {
            Path file = dir.resolve(c.name() + ".csv");
            Files.write(file, Arrays.stream(c.points()).map(p -> Arrays.stream(p).mapToObj(ReferenceDiagrams::format)
                    .collect(Collectors.joining(","))).toList());
            manifest.add(String.join(" ", c.name(), file.toString(), "point-cloud", c.metric(),
                    Integer.toString(c.maxDim()), c.threshold()));
            Map<String, String> p = new HashMap<>(Map.of("max-dimension", Integer.toString(c.maxDim()), "metric", c.metric()));
            if (!c.threshold().equals("enclosing")) {
                p.put("threshold", c.threshold());
            }
            PointCloud cloud = PointCloud.of(c.name(), c.points());
            OURS.put(c.name(), backend.compute(cloud, Parameters.resolve(backend, p), Progress.none()));
        }
        gudhi = ReferenceDiagrams.gudhi(dir, manifest);
    }

    @AfterAll
    static void cleanUp() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @TestFactory
    Stream<DynamicTest> diagramsEqualGudhis() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> assertSameDiagram(c, gudhi.get(c.name()), OURS.get(c.name()), GUDHI_TOLERANCE, 0, "gudhi")));
    }

    @TestFactory
    Stream<DynamicTest> diagramsEqualRipsers() {
        return cases().stream().filter(Case::ripserCanRun).map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            List<Interval> ref = ReferenceDiagrams.ripser(dir.resolve(c.name() + ".csv"), "point-cloud", c.maxDim(), c.threshold());
            assertSameDiagram(c, ref, OURS.get(c.name()), RIPSER_TOLERANCE, c.ripserAbsoluteTolerance(), "ripser");
        }));
    }

    static void assertSameDiagram(Case c, List<Interval> reference, PersistenceDiagram ours, double tolerance,
            double absolute, String tool) {
        for (int dim = 0; dim <= c.maxDim(); dim++) {
            final int d = dim;
            List<Interval> expected = reference.stream().filter(i -> i.dim() == d).toList();
            List<Interval> actual = intervals(ours, d);
            assertMatch(expected, actual, tolerance, absolute, c.name() + " H" + d + " vs " + tool);
        }
        assertTrue(reference.stream().allMatch(i -> i.dim() <= c.maxDim()), "no intervals above max dimension");
    }

    static List<Interval> intervals(PersistenceDiagram diagram, int dim) {
        List<Interval> list = new ArrayList<>();
        PersistenceDiagram.Dimension part = diagram.dimension(dim);
        for (int i = 0; i < part.finiteCount(); i++) {
            list.add(new Interval(dim, part.birth(i), part.death(i)));
        }
        for (double b : part.essentialBirths()) {
            list.add(new Interval(dim, b, Double.POSITIVE_INFINITY));
        }
        return list;
    }

    /** Equal multisets up to a relative tolerance: every expected interval matched to a distinct actual one. */
    static void assertMatch(List<Interval> expected, List<Interval> actual, double tolerance, double absolute, String what) {
        assertEquals(expected.size(), actual.size(), what + ": number of intervals\nexpected " + expected + "\nactual   " + actual);
        Comparator<Interval> order = Comparator.comparingDouble(Interval::birth).thenComparingDouble(Interval::death);
        List<Interval> left = new ArrayList<>(actual);
        left.sort(order);
        for (Interval e : expected.stream().sorted(order).toList()) {
            Interval match = null;
            for (Interval a : left) {
                if (close(e.birth(), a.birth(), tolerance, absolute) && close(e.death(), a.death(), tolerance, absolute)) {
                    match = a;
                    break;
                }
            }
            assertTrue(match != null, what + ": no interval close to " + e + " among " + left);
            left.remove(match);
        }
    }

    static boolean close(double a, double b, double tolerance, double absolute) {
        if (Double.isInfinite(a) || Double.isInfinite(b)) {
            return a == b;
        }
        return Math.abs(a - b) <= absolute + tolerance * Math.max(1e-12, Math.max(Math.abs(a), Math.abs(b)));
    }

    // ---- clouds ----

    static double[][] circle(Random r, int n, double noise) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * r.nextDouble();
            p[i] = new double[] {Math.cos(t) + noise * r.nextGaussian(), Math.sin(t) + noise * r.nextGaussian()};
        }
        return p;
    }

    static double[][] sphere(Random r, int n) {
        double[][] p = gaussian(r, n, 3);
        for (double[] x : p) {
            double norm = Math.sqrt(x[0] * x[0] + x[1] * x[1] + x[2] * x[2]);
            for (int k = 0; k < 3; k++) {
                x[k] /= norm;
            }
        }
        return p;
    }

    /** The flat torus in R^4: (cos a, sin a, cos b, sin b). */
    static double[][] torus(Random r, int n) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double a = 2 * Math.PI * r.nextDouble();
            double b = 2 * Math.PI * r.nextDouble();
            p[i] = new double[] {Math.cos(a), Math.sin(a), Math.cos(b), Math.sin(b)};
        }
        return p;
    }

    static double[][] gaussian(Random r, int n, int d) {
        double[][] p = new double[n][d];
        for (double[] x : p) {
            for (int k = 0; k < d; k++) {
                x[k] = r.nextGaussian();
            }
        }
        return p;
    }

    static double[][] uniform(Random r, int n, int d) {
        double[][] p = new double[n][d];
        for (double[] x : p) {
            for (int k = 0; k < d; k++) {
                x[k] = r.nextDouble();
            }
        }
        return p;
    }

    static double[][] duplicated(Random r, double[][] base) {
        double[][] p = Arrays.copyOf(base, base.length + base.length / 2);
        for (int i = base.length; i < p.length; i++) {
            p[i] = base[r.nextInt(base.length)].clone();
        }
        return p;
    }

    static double[][] collinear(Random r, int n) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = 10 * r.nextDouble();
            p[i] = new double[] {t, 2 * t + 1, -t};
        }
        return p;
    }

    static double[][] grid(int side) {
        double[][] p = new double[side * side][];
        for (int i = 0; i < side * side; i++) {
            p[i] = new double[] {i / side, i % side};
        }
        return p;
    }

    /** The standard basis of R^d: every distance is sqrt(2). */
    static double[][] basis(int d) {
        double[][] p = new double[d][d];
        for (int i = 0; i < d; i++) {
            p[i][i] = 1;
        }
        return p;
    }

    static double[][] withZeroRows(double[][] p) {
        p[3] = new double[p[3].length];
        p[7] = new double[p[7].length];
        return p;
    }
}
