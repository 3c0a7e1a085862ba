package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.toposcope.core.model.PointCloud;
import org.toposcope.testing.SystemPython;

/** The mapper tests' reference scripts (numpy, sklearn) on clouds written as text, through {@link SystemPython}. */
final class Python {

    private Python() {
    }

    /** Writes the cloud as one whitespace-separated row per line. */
    static Path write(PointCloud cloud, Path dir) throws IOException {
        Path file = dir.resolve(cloud.name().replaceAll("[^a-zA-Z0-9]", "_") + ".txt");
        return SystemPython.writeRows(file, cloud.size(), cloud.dimension(), cloud.coordinates());
    }

    /** Runs {@code script} with the given arguments; returns its standard output lines. */
    static List<String> run(Path dir, String script, String... arguments) throws IOException, InterruptedException {
        return SystemPython.runText(dir, script, arguments);
    }

    static double[] numbers(String line) {
        return SystemPython.numbers(line);
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
