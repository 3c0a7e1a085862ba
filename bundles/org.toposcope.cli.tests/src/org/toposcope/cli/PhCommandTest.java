package org.toposcope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toposcope ph} and {@code diagram-distance} end to end inside OSGi, on files. */
class PhCommandTest {

    @TempDir
    Path dir;

    private Path file(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content);
        return p;
    }

    @Test
    void unitSquareGivesRipsersDiagramAsCsv() throws IOException {
        Path square = file("square.csv", "0,0\n1,0\n0 1\n1 1\n");
        CliRun r = CliRun.of("ph", square.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(List.of("dim,birth,death", "0,0.0,1.0", "0,0.0,1.0", "0,0.0,1.0", "0,0.0,inf",
                "1,1.0,1.4142135623730951"), r.out().lines().toList());
    }

    @Test
    void outputFileIsJsonWhenNamedSoAndDistanceMatricesAreRead() throws IOException {
        Path d = file("d.txt", "0 1 2\n1 0 1.5\n2 1.5 0\n");
        Path json = dir.resolve("out.json");
        CliRun r = CliRun.of("ph", d.toString(), "--format", "distance", "--dim", "0", "--output", json.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.out());
        String text = Files.readString(json);
        assertTrue(text.contains("\"pairs\":[[0.0,1.0],[0.0,1.5]]"), text);
        try (var files = Files.list(dir)) {
            assertEquals(2, files.count(), "no temporary file is left behind");
        }
    }

    @Test
    void badInputsAreOneLineErrorsAndWriteNothing() throws IOException {
        Path out = dir.resolve("never.csv");
        String[][] cases = {
            {"ragged.csv", "0,0\n1\n", "point-cloud", "toposcope: ragged.csv:2: "},
            {"nan.csv", "0,0\n1,nan\n", "point-cloud", "toposcope: nan.csv:2: "},
            {"text.csv", "0,0\nx,1\n", "point-cloud", "toposcope: text.csv:2: "},
            {"negative.txt", "0 -1\n-1 0\n", "distance", "toposcope: negative.txt:"},
            {"asymmetric.txt", "0 1\n2 0\n", "distance", "toposcope: asymmetric.txt:"},
        };
        for (String[] c : cases) {
            Path in = file(c[0], c[1]);
            CliRun r = CliRun.of("ph", in.toString(), "--format", c[2], "--output", out.toString());
            assertEquals(Cli.EXIT_FAILURE, r.code(), c[0] + ": " + r.err());
            assertTrue(r.err().startsWith(c[3]), c[0] + ": " + r.err());
            assertEquals(1, r.err().lines().count(), "one line: " + r.err());
            assertFalse(Files.exists(out), c[0] + ": nothing written");
        }
        CliRun dim = CliRun.of("ph", file("ok.csv", "0,0\n1,1\n").toString(), "--dim", "4", "--output", out.toString());
        assertEquals(Cli.EXIT_FAILURE, dim.code());
        assertEquals("toposcope: ok.csv: homology dimension 4 is not supported (0 to 3)", dim.err().strip());
        assertFalse(Files.exists(out));
        CliRun missing = CliRun.of("ph", dir.resolve("absent.csv").toString());
        assertEquals(Cli.EXIT_FAILURE, missing.code());
        assertTrue(missing.err().startsWith("toposcope: ") && missing.err().contains("absent.csv"), missing.err());
    }

    @Test
    void diagramDistanceBetweenWrittenDiagrams() throws IOException {
        Path a = dir.resolve("a.csv");
        Path b = dir.resolve("b.csv");
        assertEquals(0, CliRun.of("ph", file("sq.csv", "0,0\n1,0\n0,1\n1,1\n").toString(), "-o", a.toString()).code());
        assertEquals(0, CliRun.of("ph", file("big.csv", "0,0\n2,0\n0,2\n2,2\n").toString(), "-o", b.toString()).code());
        // H1: (1, sqrt2) against (2, 2 sqrt2). Matching the two costs max(1, sqrt2) = sqrt2; sending both to the
        // diagonal costs max((sqrt2 - 1)/2, (2 sqrt2 - 2)/2) = sqrt2 - 1, the cheaper
        CliRun r = CliRun.of("diagram-distance", a.toString(), b.toString(), "--metric", "bottleneck", "--dim", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals(Math.sqrt(2) - 1, Double.parseDouble(r.out().strip()), 1e-12);
        CliRun sw = CliRun.of("diagram-distance", a.toString(), b.toString(), "--metric", "sliced-wasserstein", "--directions", "10");
        assertEquals(0, sw.code(), sw.err());
        assertTrue(Double.parseDouble(sw.out().strip()) > 0);
        CliRun bad = CliRun.of("diagram-distance", a.toString(), b.toString(), "--metric", "bottleneck", "--p", "2");
        assertEquals(Cli.EXIT_FAILURE, bad.code());
        assertEquals("toposcope: --p does not apply to metric bottleneck", bad.err().strip());
        CliRun unknown = CliRun.of("diagram-distance", a.toString(), b.toString(), "--metric", "earth-mover");
        assertEquals(Cli.EXIT_FAILURE, unknown.code());
        assertTrue(unknown.err().startsWith("toposcope: no DiagramMetric with id 'earth-mover' (known: bottleneck, "), unknown.err());
    }

    @Test
    void cyclesFileHoldsOneCycleOfInputRowsPerFiniteH1PairAndThreadsDoNotChangeTheDiagram() throws Exception {
        Random random = new Random(5);
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 90; i++) {
            double t = 2 * Math.PI * random.nextDouble();
            csv.append(String.format(Locale.ROOT, "%.17g,%.17g%n", Math.cos(t) + 0.05 * random.nextGaussian(),
                    Math.sin(t) + 0.05 * random.nextGaussian()));
        }
        Path circle = file("circle.csv", csv.toString());
        Path json = dir.resolve("cycles.json");
        CliRun one = CliRun.of("ph", circle.toString(), "--threads", "1");
        CliRun two = CliRun.of("ph", circle.toString(), "--threads", "2", "--cycles", json.toString());
        assertEquals(0, two.code(), two.err());
        assertEquals(one.out(), two.out(), "same diagram with one and two threads, and with cycles");
        long h1Pairs = two.out().lines().filter(l -> l.startsWith("1,") && !l.endsWith(",inf")).count();
        assertTrue(h1Pairs >= 1, two.out());
        // read back by python's json module: pairs in the diagram's order, each a cycle whose longest edge is its birth
        String check = String.join("\n",
                "import json, math, sys",
                "pts = [tuple(map(float, l.split(','))) for l in open(sys.argv[1])]",
                "cycles = json.load(open(sys.argv[2]))",
                "for c in cycles:",
                "    assert c['dim'] == 1 and c['death'] > c['birth'], c",
                "    deg = {}",
                "    for i, j in c['edges']:",
                "        deg[i] = deg.get(i, 0) + 1; deg[j] = deg.get(j, 0) + 1",
                "    assert all(d % 2 == 0 for d in deg.values()), c",
                "    longest = max(math.dist(pts[i], pts[j]) for i, j in c['edges'])",
                "    assert abs(longest - c['birth']) <= 1e-12 * longest, (longest, c['birth'])",
                "print(len(cycles), ' '.join(repr(c['birth']) + ',' + repr(c['death']) for c in cycles))");
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", check, circle.toString(), json.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes()).strip();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        String pairs = two.out().lines().filter(l -> l.startsWith("1,") && !l.endsWith(",inf")).map(l -> l.substring(2))
                .reduce((a, b) -> a + " " + b).orElse("");
        assertEquals(h1Pairs + " " + pairs, out, "one cycle per finite H1 pair, in the diagram's order");

        Path never = dir.resolve("never.json");
        CliRun dim0 = CliRun.of("ph", circle.toString(), "--dim", "0", "--cycles", never.toString());
        assertEquals(Cli.EXIT_FAILURE, dim0.code());
        assertEquals("toposcope: --cycles needs --dim 1 or more (cycles are H1 classes), not --dim 0", dim0.err().strip());
        CliRun badThreads = CliRun.of("ph", circle.toString(), "--threads", "-1", "--cycles", never.toString());
        assertEquals(Cli.EXIT_FAILURE, badThreads.code());
        assertEquals("toposcope: threads must be 0 (all cores) or more, not -1", badThreads.err().strip());
        assertFalse(Files.exists(never));
    }
}
