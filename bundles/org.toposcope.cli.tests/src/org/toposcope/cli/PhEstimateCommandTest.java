package org.toposcope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toposcope ph --estimate}, the refusal before a run that cannot fit, and the approximation note. */
class PhEstimateCommandTest {

    @TempDir
    Path dir;

    private Path cloud(String name, int n, int d, long seed) throws IOException {
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                s.append(k == 0 ? "" : ",").append(String.format(Locale.ROOT, "%.6f", r.nextGaussian()));
            }
            s.append('\n');
        }
        return Files.writeString(dir.resolve(name), s);
    }

    @Test
    void thousandPointsInR9UpToH3AreRefusedWithinASecondInOneLine() throws IOException {
        Path in = cloud("r9.csv", 1024, 9, 1);
        Path out = dir.resolve("never.csv");
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long wall = System.nanoTime();
        CliRun r = CliRun.of("ph", in.toString(), "--dim", "3", "-o", out.toString());
        double seconds = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
        System.out.printf("ph --dim 3 on 1,024 points refused after %.3f s CPU, %.3f s wall: %s", seconds,
                (System.nanoTime() - wall) / 1e9, r.err());
        assertEquals(Cli.EXIT_FAILURE, r.code(), r.err());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("toposcope: r9.csv: 1024 points need about "), r.err());
        assertTrue(r.err().contains("it fits with --threshold "), r.err());
        assertTrue(seconds < 1, "reading and refusing took " + seconds + " s of CPU");
        assertTrue(!Files.exists(out), "nothing written");
    }

    @Test
    void estimatePrintsSimplicesMemoryTimeAndCollapsedEdgesWithoutRunning() throws IOException {
        Path in = cloud("g.csv", 300, 4, 2);
        CliRun r = CliRun.of("ph", in.toString(), "--dim", "2", "--estimate");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        System.out.print(r.out());
        assertTrue(lines.get(0).startsWith("g.csv: 300 points up to H2, threshold "), r.out());
        assertEquals("  dimension 0: 300 vertices", lines.get(1), r.out());
        assertTrue(lines.get(2).matches("  dimension 1: \\d+ edges \\(exact\\)"), r.out());
        assertTrue(lines.get(3).matches("  dimension 2: .* triangles \\(estimated\\)"), r.out());
        assertTrue(lines.get(4).matches("  dimension 3: .* tetrahedra \\(estimated\\), enumerated as cofacets only"), r.out());
        assertTrue(lines.get(5).matches("  edge collapse removes \\d+ of \\d+ edges"), r.out());
        assertTrue(lines.get(6).startsWith("  peak memory: about "), r.out());
        assertTrue(lines.get(7).startsWith("  time: roughly "), r.out());
        // gaussian points in R^4 lose most edges to the collapse: the run reduces the smaller graph
        assertTrue(lines.get(8).matches("  after the collapse: \\d+ edges, .* triangles, .* tetrahedra; peak memory about .*, time roughly .*"),
                r.out());
        CliRun tooSmall = CliRun.of("ph", in.toString(), "--dim", "2", "--max-memory", "2m");
        assertEquals(Cli.EXIT_FAILURE, tooSmall.code());
        assertTrue(tooSmall.err().contains("more than the 2 MB allowed (max-memory); it fits with "), tooSmall.err());
    }

    @Test
    void landmarksRecordTheirApproximationAndBoundInTheOutput() throws IOException {
        Path in = cloud("l.csv", 300, 2, 3);
        CliRun r = CliRun.of("ph", in.toString(), "--landmarks", "50");
        assertEquals(0, r.code(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches("# approximation: maxmin landmarks, 50 of 300 points, covering radius r = [0-9.e+-]+;"
                + " bottleneck distance to the exact diagram <= 2r = [0-9.e+-]+"), first);
        assertEquals("dim,birth,death", r.out().lines().skip(1).findFirst().orElseThrow());
        String help = CliRun.of("help", "ph").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("landmarks (--landmarks, --subsample) are within bottleneck distance 2r of the exact diagram, r the"
                + " covering radius"), help);
        assertTrue(help.contains("--max-memory=SIZE") && help.contains("--estimate"), help);
    }

    @Test
    void sparseAndWitnessRecordTheirApproximationAndBoundInTheOutput() throws IOException {
        Path in = cloud("s.csv", 300, 3, 4);
        CliRun exact = CliRun.of("ph", in.toString());
        CliRun r = CliRun.of("ph", in.toString(), "--sparse", "0.5");
        assertEquals(0, r.code(), r.err());
        String first = r.out().lines().findFirst().orElseThrow();
        assertTrue(first.matches("# approximation: sparse Rips \\(Cavanna, Jahanseir & Sheehy 2015\\), epsilon = 0.5, \\d+ of 44850 point"
                + " pairs are edges; .* log-scale bottleneck distance \\(points \\(log b, log d\\)\\) to the exact diagram"
                + " <= -log\\(1-epsilon\\) = 0.693147, .*"), first);
        assertEquals("dim,birth,death", r.out().lines().skip(1).findFirst().orElseThrow());
        assertTrue(exact.out().lines().count() > 10 && !exact.out().startsWith("#"), exact.out());
        Path csv = dir.resolve("s.csv.out");
        assertEquals(0, CliRun.of("ph", in.toString(), "--sparse", "0.5", "-o", csv.toString()).code());
        assertEquals(r.out().strip(), Files.readString(csv).strip(), "the file states the approximation as stdout does");
        assertEquals(0, CliRun.of("diagram-distance", csv.toString(), csv.toString()).code(), "and still reads as a diagram");
        Path json = dir.resolve("s.json");
        assertEquals(0, CliRun.of("ph", in.toString(), "--sparse", "0.1", "-o", json.toString()).code());
        assertTrue(Files.readString(json).contains("epsilon = 0.1"), Files.readString(json));

        CliRun w = CliRun.of("ph", in.toString(), "--landmarks", "60", "--witness");
        assertEquals(0, w.code(), w.err());
        assertTrue(w.out().lines().findFirst().orElseThrow().startsWith("# approximation: witness complex (lazy, nu = 0,"
                + " de Silva & Carlsson 2004) on maxmin landmarks, 60 of 300 points"), w.out());
        CliRun noLandmarks = CliRun.of("ph", in.toString(), "--witness");
        assertEquals(Cli.EXIT_FAILURE, noLandmarks.code());
        assertEquals(1, noLandmarks.err().lines().count(), noLandmarks.err());
        CliRun bad = CliRun.of("ph", in.toString(), "--sparse", "1.5");
        assertEquals(Cli.EXIT_FAILURE, bad.code());
        assertTrue(bad.err().startsWith("toposcope: s.csv: sparse must be 0 (exact) or between 0 and 1"), bad.err());

        CliRun estimate = CliRun.of("ph", in.toString(), "--sparse", "0.5", "--dim", "2", "--estimate");
        assertEquals(0, estimate.code(), estimate.err());
        assertTrue(estimate.out().lines().anyMatch(l -> l.matches("  dimension 1: \\d+ edges \\(exact\\)")), estimate.out());
        assertTrue(estimate.out().lines().noneMatch(l -> l.contains("edge collapse")), estimate.out());

        String help = CliRun.of("help", "ph").out().replaceAll("\\s+", " ");
        assertTrue(help.contains("--sparse EPS (sparse Rips, Cavanna, Jahanseir & Sheehy 2015) is within log-scale bottleneck"
                + " distance -log(1-EPS) of it"), help);
        assertTrue(help.contains("--sparse=EPS") && help.contains("--witness"), help);
    }
}
