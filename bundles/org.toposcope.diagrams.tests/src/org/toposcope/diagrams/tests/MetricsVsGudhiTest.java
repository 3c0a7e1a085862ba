package org.toposcope.diagrams.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceDiagram.Dimension;
import org.toposcope.diagrams.metrics.BottleneckDistance;
import org.toposcope.diagrams.metrics.SlicedWassersteinDistance;
import org.toposcope.diagrams.metrics.WassersteinDistance;
import org.toposcope.diagrams.metrics.WassersteinDistance.Ground;

/**
 * The three metrics against gudhi 3.7 on ~90 diagram pairs: empty ones, identical ones, ties and
 * duplicates, points on the diagonal, essential classes with equal and unequal counts, and two
 * ~500-point pairs. gudhi runs once for the whole class.
 */
class MetricsVsGudhiTest {

    /** hera's relative-error bound in the reference run: hera is not exact even with delta = 0. */
    private static final double HERA_DELTA = 1e-6;
    private static final double[][] WASSERSTEIN = {{1, Double.POSITIVE_INFINITY}, {2, Double.POSITIVE_INFINITY},
            {2, 2}, {3.5, 2}, {1.5, Double.POSITIVE_INFINITY}};
    private static final int[] DIRECTIONS = {1, 7, 50};

    private record Pair(String label, PersistenceDiagram a, PersistenceDiagram b) {
    }

    private record Case(String id, Pair pair, double order, double internalP, int directions) {
    }

    private static Path dir;
    private static GudhiReference gudhi;
    private static final List<Pair> pairs = new ArrayList<>();
    private static final List<Case> bottleneck = new ArrayList<>();
    private static final List<Case> wasserstein = new ArrayList<>();
    private static final List<Case> sliced = new ArrayList<>();
    private static Map<String, double[]> reference;
    private static final Map<String, Double> oursByCase = new java.util.HashMap<>();

    @BeforeAll
    static void askGudhi() throws Exception {
        dir = Files.createTempDirectory("toposcope-metrics-gudhi");
        gudhi = new GudhiReference(dir);
        RandomDiagrams r = new RandomDiagrams(20240611L);
        Dimension empty = Dimension.empty(0);
        Dimension some = r.continuous(7, 0);
        pair("empty-empty", empty, empty);
        pair("empty-some", empty, some);
        pair("some-empty", some, empty);
        pair("identical", some, new Dimension(0, some.births(), some.deaths(), new double[0]));
        pair("single-diagonal-vs-empty", new Dimension(0, new double[] {3}, new double[] {3}, new double[0]), empty);
        Dimension q = r.quantized(20, 0);
        pair("identical-quantized", q, q);
        for (int k = 0; k < 25; k++) {
            pair("continuous-" + k, r.continuous(1 + r.nextInt(30), 0), r.continuous(1 + r.nextInt(30), 0));
        }
        for (int k = 0; k < 25; k++) {
            pair("quantized-" + k, r.quantized(1 + r.nextInt(25), 0), r.quantized(1 + r.nextInt(25), 0));
        }
        for (int k = 0; k < 8; k++) {
            pair("duplicates-diagonal-" + k, r.withDuplicatesAndDiagonal(5 + r.nextInt(20)), r.continuous(r.nextInt(15), 0));
        }
        for (int k = 0; k < 10; k++) {
            Dimension base = r.continuous(10 + r.nextInt(40), 0);
            pair("perturbed-" + k, base, r.perturbed(base, 0.05));
        }
        for (int k = 0; k < 6; k++) {
            int e = 1 + r.nextInt(4);
            pair("essential-equal-" + k, r.quantized(1 + r.nextInt(15), e), r.continuous(1 + r.nextInt(15), e));
        }
        pair("essential-unequal", r.continuous(6, 1), r.continuous(6, 2));
        pair("essential-vs-none", r.continuous(6, 1), r.continuous(4, 0));
        Dimension big = r.continuous(500, 0);
        pair("large-perturbed", big, r.perturbed(big, 0.1));
        pair("large-random", r.continuous(500, 0), r.continuous(470, 0));

        for (Pair p : pairs) {
            bottleneck.add(new Case(gudhi.add("bottleneck", p.a, p.b, ""), p, 0, 0, 0));
            for (double[] w : WASSERSTEIN) {
                String params = "order=" + w[0] + ";internal_p=" + (Double.isInfinite(w[1]) ? "inf" : w[1]) + ";delta=" + HERA_DELTA;
                wasserstein.add(new Case(gudhi.add("wasserstein", p.a, p.b, params), p, w[0], w[1], 0));
            }
            for (int m : DIRECTIONS) {
                sliced.add(new Case(gudhi.add("sliced", p.a, p.b, "directions=" + m), p, 0, 0, m));
            }
        }
        reference = gudhi.run();
    }

    private static void pair(String label, Dimension a, Dimension b) {
        pairs.add(new Pair(label, RandomDiagrams.diagram(label + "-a", a), RandomDiagrams.diagram(label + "-b", b)));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void bottleneckEqualsGudhiExactBottleneck() {
        double maxDiff = 0;
        for (Case c : bottleneck) {
            double ours = BottleneckDistance.of(c.pair.a.dimension(0), c.pair.b.dimension(0));
            double theirs = reference.get(c.id)[0];
            maxDiff = Math.max(maxDiff, compare(c, ours, theirs, 1e-9, 0));
        }
        report("bottleneck vs gudhi.bottleneck_distance(e=0)", bottleneck.size(), maxDiff, "abs");
    }

    @Test
    void wassersteinEqualsGudhiPotAndScipyAssignment() {
        double maxPot = 0;
        double maxLsa = 0;
        for (Case c : wasserstein) {
            double ours = wasserstein(c);
            double[] ref = reference.get(c.id);
            maxPot = Math.max(maxPot, compare(c, ours, ref[0], 0, 1e-9));
            maxLsa = Math.max(maxLsa, compare(c, ours, ref[2], 0, 1e-9));
        }
        report("wasserstein vs gudhi.wasserstein (POT)", wasserstein.size(), maxPot, "rel");
        report("wasserstein vs scipy linear_sum_assignment", wasserstein.size(), maxLsa, "rel");
    }

    /** hera approximates from above within its relative error delta: ours <= hera <= (1 + delta) ours. */
    @Test
    void wassersteinIsWithinHerasGuarantee() {
        double maxRel = 0;
        for (Case c : wasserstein) {
            double ours = wasserstein(c);
            double hera = reference.get(c.id)[1];
            if (Double.isInfinite(ours) || Double.isInfinite(hera) || ours == 0) {
                assertEquals(hera, ours, 1e-12, () -> describe(c));
                continue;
            }
            assertTrue(ours <= hera * (1 + 1e-12) && hera <= ours * (1 + HERA_DELTA) + 1e-12,
                    () -> describe(c) + ": ours " + ours + ", hera " + hera);
            maxRel = Math.max(maxRel, Math.abs(hera - ours) / ours);
        }
        report("wasserstein vs gudhi.hera (delta " + HERA_DELTA + ")", wasserstein.size(), maxRel, "rel");
    }

    @Test
    void slicedWassersteinEqualsGudhi() {
        double maxDiff = 0;
        for (Case c : sliced) {
            double ours = SlicedWassersteinDistance.of(c.pair.a.dimension(0), c.pair.b.dimension(0), c.directions);
            maxDiff = Math.max(maxDiff, compare(c, ours, reference.get(c.id)[0], 0, 1e-12));
        }
        report("sliced-wasserstein vs gudhi.representations.SlicedWassersteinDistance", sliced.size(), maxDiff, "rel");
    }

    /** The reference must not be trivially zero: the comparison has to be able to fail. */
    @Test
    void referenceValuesAreMostlyPositive() {
        long positive = bottleneck.stream().filter(c -> reference.get(c.id)[0] > 0).count();
        assertTrue(positive > bottleneck.size() - 6, positive + " of " + bottleneck.size());
    }

    /** Computed once per case: two tests compare it, with different references. */
    private static double wasserstein(Case c) {
        return oursByCase.computeIfAbsent(c.id, id -> wassersteinOf(c));
    }

    private static double wassersteinOf(Case c) {
        return WassersteinDistance.of(c.pair.a.dimension(0), c.pair.b.dimension(0), c.order,
                Double.isInfinite(c.internalP) ? Ground.LINF : Ground.L2);
    }

    /** Asserts |ours - theirs| <= abs + rel * |theirs| (infinities must agree); returns the difference in the unit asked. */
    private static double compare(Case c, double ours, double theirs, double abs, double rel) {
        if (Double.isInfinite(theirs) || Double.isInfinite(ours)) {
            assertEquals(theirs, ours, () -> describe(c));
            return 0;
        }
        double diff = Math.abs(ours - theirs);
        assertTrue(diff <= abs + rel * Math.abs(theirs), () -> describe(c) + ": ours " + ours + ", gudhi " + theirs);
        return rel > 0 ? (theirs == 0 ? diff : diff / Math.abs(theirs)) : diff;
    }

    private static String describe(Case c) {
        return c.pair.label + " (" + c.pair.a.dimension(0) + " vs " + c.pair.b.dimension(0) + ") " + gudhi.caseLine(c.id);
    }

    static void report(String what, int cases, double maxDiff, String kind) {
        System.out.println("[gudhi] " + what + ": " + cases + " cases, max " + kind + " difference " + maxDiff);
    }
}
