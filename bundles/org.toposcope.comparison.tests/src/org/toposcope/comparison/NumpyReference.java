package org.toposcope.comparison;

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
 * Asks numpy for X_k (the cloud without its k smallest right singular directions) in one run of
 * {@code scripts/numpy_reference.py} under {@code /usr/bin/python3}, the interpreter with python3-numpy.
 */
final class NumpyReference {

    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "numpy_reference.py";

    private final Path dir;
    private final List<String> lines = new ArrayList<>();

    NumpyReference(Path dir) {
        this.dir = dir;
    }

    /** Adds a case; returns its id. */
    String deleteSmallest(PointCloud cloud, int k) throws IOException {
        String id = "c" + lines.size();
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < cloud.size(); r++) {
            for (int c = 0; c < cloud.dimension(); c++) {
                s.append(c == 0 ? "" : " ").append(cloud.get(r, c)); // Double.toString round-trips
            }
            s.append('\n');
        }
        Path file = dir.resolve(id + ".txt");
        Files.writeString(file, s);
        lines.add(id + "\t" + file + "\t" + k);
        return id;
    }

    Map<String, double[]> run() throws IOException, InterruptedException {
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
            fail(PYTHON + " " + script + " failed (exit " + process.exitValue() + "); needs python3-numpy:\n"
                    + Files.readString(stderr));
        }
        Map<String, double[]> results = new LinkedHashMap<>();
        for (String line : Files.readAllLines(stdout)) {
            String[] t = line.split(" ");
            double[] values = new double[t.length - 1];
            for (int i = 1; i < t.length; i++) {
                values[i - 1] = Double.parseDouble(t[i]);
            }
            results.put(t[0], values);
        }
        if (results.size() != lines.size()) {
            fail("numpy answered " + results.size() + " of " + lines.size() + " cases:\n" + Files.readString(stderr));
        }
        return results;
    }
}
