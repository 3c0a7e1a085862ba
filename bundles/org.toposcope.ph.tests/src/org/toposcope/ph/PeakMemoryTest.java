package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.toposcope.ph.PeakProbe.Case;
import org.toposcope.ph.estimate.SizeEstimate;

/**
 * The size estimate's peak memory against what runs really need: each run is given, in its own JVM, a
 * heap of twice the predicted peak (it must finish) and of half of it (it must run out: the same heap
 * with 1.5 times the prediction held as ballast), so the heap it needs lies within a factor of two of the
 * prediction. The clouds cover the parallel reduction, one
 * thread, H1 to H3, representative cycles, and the shape of the 20,000-point H1 run that once ran out of
 * a 12 GB heap unrefused (gaussian points in high dimension, every edge in: long columns in the parallel phase).
 */
class PeakMemoryTest {

    private static final long MB = 1 << 20;

    static List<Case> cases() {
        List<Case> c = new ArrayList<>();
        c.add(new Case("torus", 2000, 4, 2, "0.5", 2, false));
        c.add(new Case("o3", 2048, 9, 2, "1.4", 2, false));
        c.add(new Case("circle", 3000, 2, 1, "0.3", 2, false));
        c.add(new Case("uniform", 2000, 3, 3, "0.15", 2, false));
        c.add(new Case("clusters", 2500, 5, 2, "2.0", 2, false));
        c.add(new Case("gaussian", 1500, 9, 2, "2.5", 2, false));
        c.add(new Case("gaussian", 1500, 16, 1, "enclosing-radius", 2, false));
        c.add(new Case("gaussian", 1500, 16, 1, "enclosing-radius", 1, false));
        c.add(new Case("gaussian", 1200, 16, 1, "enclosing-radius", 2, true));
        c.add(new Case("gaussian", 2000, 64, 1, "enclosing-radius", 2, false));
        return c;
    }

    @Test
    void predictedPeakMemoryIsWithinAFactorOfTwoOfTheHeapARunNeeds() throws Exception {
        VietorisRipsBackend backend = new VietorisRipsBackend();
        System.out.println("predicted peak memory: fits in 2x, not in x/2");
        for (Case c : cases()) {
            SizeEstimate e = backend.estimate(c.cloud(), c.parameters(backend));
            long predicted = e.peakBytes();
            long twice = (2 * predicted + MB - 1) / MB;
            long half = predicted / 2 / MB;
            int fits = run(c, twice, 0);
            int tooSmall = run(c, twice, twice - half);
            System.out.print(String.format("%-50s predicted %5d MB: in %d MB exit %d, in %d MB exit %d%n", c, predicted / MB, twice,
                    fits, half, tooSmall));
            assertEquals(0, fits, c + ": predicted " + predicted / MB + " MB, but it did not finish in twice that");
            assertTrue(tooSmall == PeakProbe.OUT_OF_MEMORY || tooSmall == PeakProbe.STOPPED_BEFORE_REDUCTION,
                    c + ": predicted " + predicted / MB + " MB, but it ran in half of it");
        }
    }

    /**
     * A run that starts (max-memory lifted, as when an estimate falls short) and outgrows its heap in the
     * filtration or the reduction ends with the backend's one line, not an OutOfMemoryError.
     */
    @Test
    void aReductionThatOutgrowsTheHeapEndsWithOneLine() throws Exception {
        String line = oneLine(new Case("gaussian", 1500, 16, 1, "enclosing-radius", 2, false), 28, PeakProbe.OUT_OF_MEMORY_REPORTED);
        assertTrue(line.startsWith("gaussian-1500: 1500 points ran out of memory in the Vietoris–Rips reduction up to H1 (estimated peak "),
                line);
        assertTrue(line.matches(".*; try (--threshold|--landmarks).*, or give Java more memory \\(-Xmx\\)"), line);
    }

    /**
     * The dense H2 the estimate under-counts (1,024 O(3) points at 2.02: H1's columns hold 13 V entries where 4 are
     * assumed, H2's 29): in a heap it cannot finish in, the run stops before the H2 reduction with one line.
     */
    @Test
    void aDenseH2ThatWouldNotFitStopsBeforeItsReductionInOneLine() throws Exception {
        String line = oneLine(new Case("o3", 1024, 9, 2, "2.02", 2, false), 56, PeakProbe.STOPPED_BEFORE_REDUCTION);
        assertTrue(line.matches("o3-1024: stopped before the H2 reduction: its \\d+ columns would keep about \\d+ MB \\(about \\d+"
                + " entries a column; H1's had \\d+\\.\\d\\), more than the \\d+ MB Java has left; lower --threshold or use --dim 1,"
                + " or give Java more memory \\(-Xmx\\)"), line);
    }

    private record Result(int code, String output) {
    }

    /** The probe's output in a heap of {@code mb} MB, which must end with {@code code} and be one line. */
    private static String oneLine(Case c, long mb, int code) throws IOException, InterruptedException {
        Result r = probe(c, mb, 0, false);
        assertEquals(code, r.code(), r.output());
        String line = r.output().strip();
        assertFalse(line.contains("\n"), line);
        return line;
    }

    /**
     * Runs the case in a JVM with a heap of {@code mb} MB (serial collector, small young generation), of
     * which {@code ballast} MB are taken first; its exit code (0 or out of memory).
     */
    private static int run(Case c, long mb, long ballast) throws IOException, InterruptedException {
        Result r = probe(c, mb, ballast, true);
        if (r.code() != 0 && r.code() != PeakProbe.OUT_OF_MEMORY && r.code() != PeakProbe.STOPPED_BEFORE_REDUCTION) {
            throw new AssertionError(c + " with -Xmx" + mb + "m, " + ballast + " MB ballast, failed otherwise: " + r.output());
        }
        return r.code();
    }

    /** With {@code exitOnOutOfMemory} the JVM ends at the first OutOfMemoryError, wherever it is caught. */
    private static Result probe(Case c, long mb, long ballast, boolean exitOnOutOfMemory) throws IOException, InterruptedException {
        String classPath = System.getProperty("toposcope.ph.classpath");
        assertNotNull(classPath, "toposcope.ph.classpath (set by the test bundle's pom) names the core and ph classes");
        for (String entry : classPath.split(File.pathSeparator)) {
            assertTrue(Files.exists(Path.of(entry)), entry + " is missing: build the core and ph bundles first");
        }
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC", "-Xmn4m", "-Xmx" + mb + "m", "-XX:" + (exitOnOutOfMemory ? "+" : "-") + "ExitOnOutOfMemoryError",
                "-cp", classPath, PeakProbe.class.getName()));
        command.addAll(List.of(c.args()));
        command.add(Long.toString(ballast));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), c + " did not end");
        return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8));
    }
}
