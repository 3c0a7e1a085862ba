package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.diagrams.metrics.BottleneckDistance;
import org.toposcope.ph.estimate.SizeEstimate;
import org.toposcope.ph.sparse.SparseRips;

/**
 * Sparse Rips and the witness complex keep their stated bounds. Distances are compared on the log scale:
 * each pair (b, d) of dimension 1 and up becomes (log b, log d). A birth of 0 cannot occur there (zero-length
 * bars are not reported, and a cycle of dimension >= 1 needs an edge of positive length to be born), so the
 * tests assert births > 0 instead of dropping or clamping such pairs.
 */
class SparseRipsTest {

    private static final Pattern EDGES = Pattern.compile(", (\\d+) of (\\d+) point pairs are edges;");

    private final VietorisRipsBackend backend = new VietorisRipsBackend();

    private Parameters params(String... keyValues) {
        return PhTesting.params(backend, keyValues);
    }

    /** The 20 clouds: circles, noisy circles, spheres, tori, gaussians, O(3); max dimension 2 for the small ones. */
    static List<PointCloud> clouds() {
        Random r = new Random(2015);
        List<PointCloud> clouds = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            double[][] points = switch (i % 6) {
                case 0 -> VietorisRipsReferenceTest.circle(r, 120 + 10 * i, 0);
                case 1 -> VietorisRipsReferenceTest.circle(r, 150 + 10 * i, 0.1);
                case 2 -> VietorisRipsReferenceTest.sphere(r, 110 + 5 * i);
                case 3 -> VietorisRipsReferenceTest.torus(r, 150 + 5 * i);
                case 4 -> VietorisRipsReferenceTest.gaussian(r, 100 + 5 * i, 2 + i % 3);
                default -> PhTesting.orthogonal(r, 100 + 5 * i);
            };
            clouds.add(PointCloud.of("c" + i, points));
        }
        return clouds;
    }

    static int maxDimension(int i) {
        return i % 6 == 2 || i % 6 == 5 ? 2 : 1;
    }

    @Test
    void sparseDiagramsStayWithinTheProvenLogScaleBound() {
        List<PointCloud> clouds = clouds();
        for (double epsilon : new double[] {0.1, 0.5}) {
            double bound = -Math.log(1 - epsilon);
            double worst = 0;
            long sparseEdges = 0;
            long exactEdges = 0;
            for (int i = 0; i < clouds.size(); i++) {
                PointCloud cloud = clouds.get(i);
                String dim = Integer.toString(maxDimension(i));
                PersistenceDiagram exact = backend.compute(cloud, params("max-dimension", dim), Progress.none());
                PersistenceDiagram sparse = backend.compute(cloud, params("max-dimension", dim, "sparse", Double.toString(epsilon)),
                        Progress.none());
                assertTrue(sparse.name().startsWith("c" + i + VietorisRipsBackend.APPROXIMATION + "sparse Rips"), sparse.name());
                assertTrue(sparse.name().contains(String.format(Locale.ROOT, "<= -log(1-epsilon) = %.6g", bound)), sparse.name());
                for (int k = 1; k <= maxDimension(i); k++) {
                    double d = logBottleneck(exact.dimension(k), sparse.dimension(k));
                    assertTrue(d <= bound * (1 + 1e-9), "cloud " + i + " H" + k + " epsilon " + epsilon + ": log-scale bottleneck "
                            + d + " > bound " + bound);
                    worst = Math.max(worst, d);
                }
                Matcher m = EDGES.matcher(sparse.name());
                assertTrue(m.find(), sparse.name());
                sparseEdges += Long.parseLong(m.group(1));
                exactEdges += exactEdges(cloud);
            }
            System.out.printf(Locale.ROOT, "sparse Rips epsilon %.1f: max log-scale bottleneck over %d clouds %.4f, bound %.4f;"
                    + " edges %d vs %d exact (enclosing radius), %.1f %%%n", epsilon, clouds.size(), worst, bound, sparseEdges,
                    exactEdges, 100.0 * sparseEdges / exactEdges);
            assertTrue(worst > 0, "the sparse diagrams differ from the exact ones somewhere, or the test proves nothing");
        }
    }

    @Test
    void epsilonZeroIsTheExactRunAndATinyEpsilonGivesTheExactDiagram() {
        List<PointCloud> clouds = clouds();
        for (int i = 0; i < 6; i++) {
            PointCloud cloud = clouds.get(i);
            String dim = Integer.toString(maxDimension(i));
            PersistenceDiagram exact = backend.compute(cloud, params("max-dimension", dim, "threshold", "inf"), Progress.none());
            assertEquals(exact, backend.compute(cloud, params("max-dimension", dim, "threshold", "inf", "sparse", "0"),
                    Progress.none()));
            // with a tiny epsilon every edge keeps its length and nothing is blocked: the sparse machinery
            // (greedy permutation, relaxed table, blocker in the cofacets) must then give the exact pairs
            PersistenceDiagram tiny = backend.compute(cloud, params("max-dimension", dim, "threshold", "inf", "sparse", "1e-9"),
                    Progress.none());
            for (int k = 0; k <= maxDimension(i); k++) {
                assertEquals(exact.dimension(k), tiny.dimension(k), "cloud " + i + " H" + k);
            }
        }
    }

    @Test
    void theSparseGraphHasFewerEdges() {
        Random r = new Random(7);
        for (PointCloud cloud : List.of(PointCloud.of("circle", VietorisRipsReferenceTest.circle(r, 600, 0.05)),
                PointCloud.of("torus", VietorisRipsReferenceTest.torus(r, 600)),
                PointCloud.of("sphere", VietorisRipsReferenceTest.sphere(r, 600)))) {
            long exact = exactEdges(cloud);
            long previous = exact;
            for (String epsilon : new String[] {"0.1", "0.5", "0.9"}) {
                PersistenceDiagram d = backend.compute(cloud, params("max-dimension", "1", "sparse", epsilon), Progress.none());
                Matcher m = EDGES.matcher(d.name());
                assertTrue(m.find(), d.name());
                long edges = Long.parseLong(m.group(1));
                System.out.printf(Locale.ROOT, "%s (600 points): sparse %s keeps %d edges, exact Rips at the enclosing radius has %d%n",
                        cloud.name(), epsilon, edges, exact);
                assertTrue(edges < previous, cloud.name() + " epsilon " + epsilon + ": " + edges + " edges, not fewer than " + previous);
                previous = edges;
            }
        }
    }

    @Test
    void theSizeEstimateCountsTheSparseGraph() {
        PointCloud cloud = PointCloud.of("torus", VietorisRipsReferenceTest.torus(new Random(3), 500));
        Parameters sparse = params("max-dimension", "2", "sparse", "0.5");
        SizeEstimate e = backend.estimate(cloud, sparse);
        PersistenceDiagram d = backend.compute(cloud, params("max-dimension", "1", "sparse", "0.5"), Progress.none());
        Matcher m = EDGES.matcher(d.name());
        assertTrue(m.find(), d.name());
        assertTrue(e.exactEdges(), "500 points are counted exactly");
        assertEquals(Long.parseLong(m.group(1)), Math.round(e.simplices()[1]));
        SizeEstimate exact = backend.estimate(cloud, params("max-dimension", "2"));
        assertTrue(e.simplices()[2] < exact.simplices()[2], e.summary() + " vs " + exact.summary());
        // a limit between the two: the exact run is refused, and the refusal names --sparse
        long limit = (long) Math.sqrt((double) e.peakBytes() * exact.peakBytes());
        assertTrue(limit > e.peakBytes() / 0.9 && limit < exact.peakBytes(), e.peakBytes() + " " + exact.peakBytes());
        ToposcopeException refused = assertThrows(ToposcopeException.class, () -> backend.compute(cloud,
                params("max-dimension", "2", "max-memory", Long.toString(limit)), Progress.none()));
        assertTrue(refused.getMessage().contains("--sparse 0."), refused.getMessage());
        assertFalse(refused.getMessage().contains("\n"));
    }

    @Test
    void badSparseSettingsAreOneLineErrors() {
        PointCloud cloud = clouds().get(0);
        for (String[] bad : new String[][] {{"sparse", "1"}, {"sparse", "-0.1"}, {"sparse", "0.5", "subsample", "maxmin"},
            {"witness", "true"}}) {
            ToposcopeException e = assertThrows(ToposcopeException.class, () -> backend.compute(cloud, params(bad), Progress.none()));
            assertTrue(e.getMessage().startsWith("c0: ") && !e.getMessage().contains("\n"), e.getMessage());
        }
    }

    @Test
    void witnessDiagramsStayWithinLogTwoOfTheLandmarkRipsDiagram() {
        List<PointCloud> clouds = clouds();
        double worst = 0;
        for (int i = 0; i < clouds.size(); i++) {
            PointCloud cloud = clouds.get(i);
            String dim = Integer.toString(maxDimension(i));
            String size = Integer.toString(40 + 2 * i);
            PersistenceDiagram rips = backend.compute(cloud, params("max-dimension", dim, "subsample", "maxmin", "subsample-size", size),
                    Progress.none());
            PersistenceDiagram witness = backend.compute(cloud, params("max-dimension", dim, "subsample", "maxmin",
                    "subsample-size", size, "witness", "true"), Progress.none());
            assertTrue(witness.name().contains("witness complex (lazy, nu = 0") && witness.name().contains("<= log 2 = 0.693147"),
                    witness.name());
            for (int k = 1; k <= maxDimension(i); k++) {
                double d = logBottleneck(rips.dimension(k), witness.dimension(k));
                assertTrue(d <= Math.log(2) * (1 + 1e-9), "cloud " + i + " H" + k + ": " + d);
                worst = Math.max(worst, d);
            }
        }
        System.out.printf(Locale.ROOT, "witness complex: max log-scale bottleneck to landmark Rips %.4f, bound %.4f%n", worst,
                Math.log(2));
        assertTrue(worst > 0);
    }

    @Test
    void oursAndGudhisSparseDiagramsAreBothWithinTheBound(@TempDir Path dir) throws Exception {
        List<PointCloud> clouds = clouds();
        int[] chosen = {0, 1, 2, 3, 4, 5};
        for (double epsilon : new double[] {0.1, 0.5}) {
            double bound = -Math.log(1 - epsilon);
            List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3",
                    Path.of(System.getProperty("toposcope.ph.scripts", "scripts"), "gudhi_sparse_rips.py").toString(),
                    Double.toString(epsilon), "1"));
            for (int i : chosen) {
                cmd.add(writeCloud(dir.resolve("c" + i + ".csv"), clouds.get(i)).toString());
            }
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(600, TimeUnit.SECONDS) && p.exitValue() == 0, log);
            double worstOurs = 0;
            double worstGudhi = 0;
            for (int i : chosen) {
                PointCloud cloud = clouds.get(i);
                PersistenceDiagram exact = backend.compute(cloud, params("max-dimension", "1"), Progress.none());
                PersistenceDiagram ours = backend.compute(cloud, params("max-dimension", "1", "sparse", Double.toString(epsilon)),
                        Progress.none());
                Map<Integer, List<double[]>> gudhi = readPairs(dir.resolve("c" + i + ".csv.gudhi-sparse"));
                for (int k = 1; k <= 1; k++) {
                    double dOurs = logBottleneck(exact.dimension(k), ours.dimension(k));
                    double dGudhi = logBottleneck(exact.dimension(k), dimension(k, gudhi.getOrDefault(k, List.of())));
                    assertTrue(dOurs <= bound * (1 + 1e-9), "ours, cloud " + i + " H" + k + ": " + dOurs);
                    assertTrue(dGudhi <= bound * (1 + 1e-9), "gudhi, cloud " + i + " H" + k + ": " + dGudhi);
                    worstOurs = Math.max(worstOurs, dOurs);
                    worstGudhi = Math.max(worstGudhi, dGudhi);
                }
            }
            System.out.printf(Locale.ROOT, "epsilon %.1f, %d clouds, H1: max log-scale bottleneck to exact: ours %.4f, gudhi %.4f, bound %.4f%n",
                    epsilon, chosen.length, worstOurs, worstGudhi, bound);
        }
    }

    // ---------------------------------------------------------------- helpers

    /** The bottleneck distance between the diagrams with every pair mapped to (log b, log d). */
    static double logBottleneck(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b) {
        return BottleneckDistance.of(logScale(a), logScale(b));
    }

    static PersistenceDiagram.Dimension logScale(PersistenceDiagram.Dimension d) {
        double[] births = d.births();
        double[] deaths = d.deaths();
        double[] essential = d.essentialBirths();
        for (int i = 0; i < births.length; i++) {
            assertTrue(births[i] > 0, "H" + d.dimension() + " pair born at " + births[i]);
            births[i] = Math.log(births[i]);
            deaths[i] = Math.log(deaths[i]);
        }
        for (int i = 0; i < essential.length; i++) {
            assertTrue(essential[i] > 0, "H" + d.dimension() + " essential class born at " + essential[i]);
            essential[i] = Math.log(essential[i]);
        }
        return new PersistenceDiagram.Dimension(d.dimension(), births, deaths, essential);
    }

    /** Edges of the exact complex at its default threshold, the enclosing radius. */
    static long exactEdges(PointCloud cloud) {
        double[] lower = Metric.EUCLIDEAN.lowerTriangle(cloud);
        double t = EnclosingRadius.of(cloud.size(), lower);
        return SparseRips.edges(lower, t);
    }

    private static Path writeCloud(Path file, PointCloud cloud) throws IOException {
        List<String> rows = new ArrayList<>();
        for (int i = 0; i < cloud.size(); i++) {
            StringBuilder b = new StringBuilder();
            for (int k = 0; k < cloud.dimension(); k++) {
                b.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.17g", cloud.get(i, k)));
            }
            rows.add(b.toString());
        }
        return Files.write(file, rows);
    }

    private static Map<Integer, List<double[]>> readPairs(Path file) throws IOException {
        Map<Integer, List<double[]>> pairs = new HashMap<>();
        for (String line : Files.readAllLines(file)) {
            String[] t = line.trim().split(" ");
            pairs.computeIfAbsent(Integer.parseInt(t[0]), k -> new ArrayList<>()).add(new double[] {Double.parseDouble(t[1]),
                t[2].equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(t[2])});
        }
        return pairs;
    }

    private static PersistenceDiagram.Dimension dimension(int k, List<double[]> pairs) {
        List<double[]> finite = pairs.stream().filter(x -> x[1] < Double.POSITIVE_INFINITY).toList();
        double[] births = finite.stream().mapToDouble(x -> x[0]).toArray();
        double[] deaths = finite.stream().mapToDouble(x -> x[1]).toArray();
        double[] essential = pairs.stream().filter(x -> x[1] == Double.POSITIVE_INFINITY).mapToDouble(x -> x[0]).toArray();
        return new PersistenceDiagram.Dimension(k, births, deaths, essential);
    }
}
