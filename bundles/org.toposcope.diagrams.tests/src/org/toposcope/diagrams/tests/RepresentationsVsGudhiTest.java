package org.toposcope.diagrams.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceDiagram.Dimension;
import org.toposcope.diagrams.representations.BettiCurve;
import org.toposcope.diagrams.representations.Grid;
import org.toposcope.diagrams.representations.PersistenceImage;
import org.toposcope.diagrams.representations.PersistenceLandscape;

/**
 * Betti curves, landscapes and persistence images against gudhi.representations with explicit grids and
 * ranges. gudhi's Landscape is √2 times Bubenik's landscape (which we compute), so its values are
 * divided by √2 before comparing. gudhi runs once for the whole class.
 */
class RepresentationsVsGudhiTest {

    private record BettiCase(String id, PersistenceDiagram d, double[] grid) {
    }

    private record LandscapeCase(String id, PersistenceDiagram d, int levels, double lo, double hi, int resolution) {
    }

    private record ImageCase(String id, PersistenceDiagram d, PersistenceImage.Spec spec) {
    }

    private static Path dir;
    private static GudhiReference gudhi;
    private static final List<BettiCase> betti = new ArrayList<>();
    private static final List<LandscapeCase> landscapes = new ArrayList<>();
    private static final List<ImageCase> images = new ArrayList<>();
    private static Map<String, double[]> reference;

    @BeforeAll
    static void askGudhi() throws Exception {
        dir = Files.createTempDirectory("toposcope-representations-gudhi");
        gudhi = new GudhiReference(dir);
        RandomDiagrams r = new RandomDiagrams(99);
        List<PersistenceDiagram> diagrams = new ArrayList<>();
        diagrams.add(RandomDiagrams.diagram("empty", Dimension.empty(0)));
        diagrams.add(RandomDiagrams.diagram("one", new Dimension(0, new double[] {1}, new double[] {3}, new double[0])));
        diagrams.add(RandomDiagrams.diagram("diagonal", r.withDuplicatesAndDiagonal(12)));
        for (int k = 0; k < 8; k++) {
            diagrams.add(RandomDiagrams.diagram("continuous-" + k, r.continuous(1 + r.nextInt(60), k % 3)));
            diagrams.add(RandomDiagrams.diagram("quantized-" + k, r.quantized(1 + r.nextInt(40), k % 2)));
        }
        diagrams.add(RandomDiagrams.diagram("large", r.continuous(500, 3)));

        double[] onEvents = Grid.linspace(-0.5, 8, 35); // step 0.25: hits quantized births and deaths exactly
        double[] coarse = Grid.linspace(-1, 16, 18);
        double[] jittered = DoubleStream.iterate(-0.3, x -> x + 0.37).limit(45).toArray();
        for (PersistenceDiagram d : diagrams) {
            for (double[] grid : List.of(onEvents, coarse, jittered)) {
                betti.add(new BettiCase(gudhi.add("betti", d, null, "grid=" + join(grid)), d, grid));
            }
            for (int levels : new int[] {1, 3, 7}) {
                landscapes.add(landscape(d, levels, 0, 12, 50));
            }
            landscapes.add(landscape(d, 2, -1, 15.5, 101));
            images.add(image(d, new PersistenceImage.Spec(0, 10, 20, 0, 5, 15, 0.3, 2.5)));
            images.add(image(d, new PersistenceImage.Spec(-1, 12, 7, 0.1, 3, 9, 1.0, 1.0)));
        }
        reference = gudhi.run();
    }

    private static LandscapeCase landscape(PersistenceDiagram d, int levels, double lo, double hi, int resolution) {
        String params = "levels=" + levels + ";lo=" + lo + ";hi=" + hi + ";resolution=" + resolution;
        return new LandscapeCase(gudhi.add("landscape", d, null, params), d, levels, lo, hi, resolution);
    }

    private static ImageCase image(PersistenceDiagram d, PersistenceImage.Spec s) {
        String params = "bmin=" + s.birthMin() + ";bmax=" + s.birthMax() + ";width=" + s.width() + ";pmin=" + s.persistenceMin()
                + ";pmax_range=" + s.persistenceMax() + ";height=" + s.height() + ";sigma=" + s.sigma() + ";pmax=" + s.weightPersistence();
        return new ImageCase(gudhi.add("image", d, null, params), d, s);
    }

    private static String join(double[] grid) {
        return DoubleStream.of(grid).mapToObj(Double::toString).collect(Collectors.joining(","));
    }

    @AfterAll
    static void cleanUp() throws Exception {
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    @Test
    void bettiCurvesEqualGudhi() {
        for (BettiCase c : betti) {
            int[] ours = BettiCurve.sample(c.d.dimension(0), c.grid);
            double[] theirs = reference.get(c.id);
            double[] oursD = new double[ours.length];
            for (int i = 0; i < ours.length; i++) {
                oursD[i] = ours[i];
            }
            assertArrayEquals(theirs, oursD, 0, () -> c.d.name() + " " + gudhi.caseLine(c.id));
        }
        MetricsVsGudhiTest.report("BettiCurve vs gudhi BettiCurve(predefined_grid)", betti.size(), 0, "abs (exact)");
    }

    @Test
    void landscapesEqualGudhiOverSqrt2() {
        double maxDiff = 0;
        double largest = 0;
        for (LandscapeCase c : landscapes) {
            PersistenceLandscape ours = PersistenceLandscape.sample(c.d.dimension(0), c.levels,
                    Grid.linspace(c.lo, c.hi, c.resolution));
            double[] theirs = reference.get(c.id);
            double[] values = ours.values();
            assertEquals(theirs.length, values.length, c.id);
            for (int i = 0; i < values.length; i++) {
                double diff = Math.abs(values[i] - theirs[i] / Math.sqrt(2));
                maxDiff = Math.max(maxDiff, diff);
                largest = Math.max(largest, values[i]);
                int at = i;
                assertTrue(diff <= 1e-12, () -> c.d.name() + " value " + at + ": ours " + values[at] + ", gudhi/sqrt2 "
                        + theirs[at] / Math.sqrt(2) + " " + gudhi.caseLine(c.id));
            }
        }
        assertTrue(largest > 1, "the comparison saw real landscapes: " + largest);
        MetricsVsGudhiTest.report("PersistenceLandscape vs gudhi Landscape / sqrt(2)", landscapes.size(), maxDiff,
                "abs (values up to " + largest + ")");
    }

    @Test
    void persistenceImagesEqualGudhi() {
        double maxRel = 0;
        for (ImageCase c : images) {
            PersistenceImage ours = PersistenceImage.of(c.d.dimension(0), c.spec);
            double[] theirs = reference.get(c.id);
            double[] pixels = ours.pixels();
            assertEquals(theirs.length, pixels.length, c.id);
            double scale = DoubleStream.of(theirs).map(Math::abs).max().orElse(0);
            for (int i = 0; i < pixels.length; i++) {
                double diff = Math.abs(pixels[i] - theirs[i]);
                int at = i;
                assertTrue(diff <= 1e-12 * scale, () -> c.d.name() + " pixel " + at + ": ours " + pixels[at] + ", gudhi "
                        + theirs[at] + " " + gudhi.caseLine(c.id));
                if (scale > 0) {
                    maxRel = Math.max(maxRel, diff / scale);
                }
            }
        }
        MetricsVsGudhiTest.report("PersistenceImage vs gudhi PersistenceImage", images.size(), maxRel, "rel to max pixel");
    }

    @Test
    void persistenceImageRowsArePersistenceAndColumnsBirth() {
        Dimension one = new Dimension(0, new double[] {2}, new double[] {3}, new double[0]); // (b, p) = (2, 1)
        PersistenceImage image = PersistenceImage.of(one, new PersistenceImage.Spec(0, 4, 5, 0, 4, 5, 0.1, 1));
        assertEquals(1 / (2 * Math.PI * 0.01), image.pixel(1, 2), 1e-9); // row p = 1, column b = 2: the kernel's peak
        assertTrue(image.pixel(2, 1) < 1e-10);
    }
}
