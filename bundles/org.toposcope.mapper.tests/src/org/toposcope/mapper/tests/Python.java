package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.toposcope.core.model.PointCloud;

/**
 * Runs a reference script under {@code /usr/bin/python3} (the system interpreter, which has numpy and
 * sklearn from Debian) on a cloud written as text; doubles are printed with Java's shortest round-trip
 * form, which Python's float() reads back exactly, and answers are read back with repr precision.
 */
final class Python {

    static final String PYTHON = "/usr/bin/python3";

    private Python() {
    }

    /** Writes the cloud as one whitespace-separated row per line. */
    static Path write(PointCloud cloud, Path dir) throws IOException {
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < cloud.size(); i++) {
            StringBuilder b = new StringBuilder();
            for (int c = 0; c < cloud.dimension(); c++) {
                b.append(c == 0 ? "" : " ").append(Double.toString(cloud.get(i, c)));
            }
            lines.add(b.toString());
        }
        Path file = dir.resolve(cloud.name().replaceAll("[^a-zA-Z0-9]", "_") + ".txt");
        Files.write(file, lines, StandardCharsets.UTF_8);
        return file;
    }

    /** Runs {@code script} with the given arguments; returns its standard output lines. */
    static List<String> run(Path dir, String script, String... arguments) throws IOException, InterruptedException {
        Path file = dir.resolve("reference.py");
        Files.writeString(file, script);
        List<String> command = new ArrayList<>(List.of(PYTHON, file.toString()));
        command.addAll(List.of(arguments));
        Path out = dir.resolve("python.out");
        Path err = dir.resolve("python.err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("python reference did not finish in 5 minutes");
        }
        if (p.exitValue() != 0) {
            fail(PYTHON + " failed (exit " + p.exitValue() + "; needs python3-numpy, python3-sklearn):\n"
                    + Files.readString(err));
        }
        return Files.readAllLines(out);
    }

    /** Parses one line of whitespace-separated numbers. */
    static double[] numbers(String line) {
        String[] t = line.trim().split("\\s+");
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = Double.parseDouble(t[i]);
        }
        return v;
    }

    /** A seeded Gaussian cloud. */
    static PointCloud gaussian(String name, int n, int d, long seed) {
        Random random = new Random(seed);
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int c = 0; c < d; c++) {
                row[c] = random.nextGaussian() * (c + 1) + c; // unequal spreads give distinct principal axes
            }
        }
        return PointCloud.of(name, rows);
    }

    static void assertClose(double expected, double actual, double tolerance, String what) {
        assertEquals(expected, actual, tolerance * Math.max(1, Math.abs(expected)), what);
    }
}
