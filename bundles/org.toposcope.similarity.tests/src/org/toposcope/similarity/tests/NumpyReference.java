package org.toposcope.similarity.tests;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.toposcope.core.model.PointCloud;

/**
 * Collects cases, writes their matrices as text, and asks numpy/scipy for reference values in one run of
 * {@code scripts/numpy_reference.py} under {@code /usr/bin/python3} (the interpreter with python3-numpy
 * and python3-scipy; a {@code python3} on the PATH may be another one).
 */
final class NumpyReference {

    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "numpy_reference.py";

    private final Path dir;
    private final List<String> lines = new ArrayList<>();

    NumpyReference(Path dir) {
        this.dir = dir;
    }

    /** Adds a case on two clouds; returns its id. */
    String add(String op, PointCloud a, PointCloud b, String params) throws IOException {
        String id = "c" + lines.size();
        lines.add(id + "\t" + op + "\t" + write(id + "a", a.size(), a.dimension(), a.coordinates()) + "\t"
                + write(id + "b", b.size(), b.dimension(), b.coordinates()) + "\t" + params);
        return id;
    }

    /** Adds a case on two samples (written as columns); returns its id. */
    String add(String op, double[] x, double[] y) throws IOException {
        String id = "c" + lines.size();
        lines.add(id + "\t" + op + "\t" + write(id + "a", x.length, 1, x) + "\t" + write(id + "b", y.length, 1, y) + "\t");
        return id;
    }

    Map<String, Double> run() throws IOException, InterruptedException {
        Path cases = dir.resolve("cases.tsv");
        Files.write(cases, lines, StandardCharsets.UTF_8);
        Path script = dir.resolve(SCRIPT);
        // the script ships in this fragment; findEntries on the host also searches attached fragments
        Bundle host = FrameworkUtil.getBundle(NumpyReference.class);
        Enumeration<URL> found = host.findEntries("scripts", SCRIPT, false);
        if (found == null || !found.hasMoreElements()) {
            fail("cannot find scripts/" + SCRIPT + " in the test fragment");
        }
        try (InputStream in = found.nextElement().openStream()) {
            Files.copy(in, script);
        }
        Path stdout = dir.resolve("numpy.out");
        Path stderr = dir.resolve("numpy.err");
        Process process = new ProcessBuilder(PYTHON, script.toString(), cases.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("numpy reference script did not finish in 5 minutes");
        }
        if (process.exitValue() != 0) {
            fail(PYTHON + " " + script + " failed (exit " + process.exitValue() + "); needs python3-numpy, python3-scipy:\n"
                    + Files.readString(stderr));
        }
        Map<String, Double> results = new LinkedHashMap<>();
        for (String line : Files.readAllLines(stdout)) {
            String[] t = line.split(" ", 2);
            if (t[1].startsWith("ERROR")) {
                fail("numpy failed on case " + t[0] + ": " + t[1]);
            }
            results.put(t[0], Double.valueOf(t[1]));
        }
        if (results.size() != lines.size()) {
            fail("numpy answered " + results.size() + " of " + lines.size() + " cases:\n" + Files.readString(stderr));
        }
        return results;
    }

    private Path write(String name, int rows, int columns, double[] values) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                s.append(c == 0 ? "" : " ").append(values[r * columns + c]); // Double.toString round-trips
            }
            s.append('\n');
        }
        Path file = dir.resolve(name + ".txt");
        Files.writeString(file, s);
        return file;
    }
}
