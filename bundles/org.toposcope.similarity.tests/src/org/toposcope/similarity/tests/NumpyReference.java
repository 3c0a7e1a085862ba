package org.toposcope.similarity.tests;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.toposcope.core.model.PointCloud;
import org.toposcope.testing.SystemPython;

/**
 * Collects cases, writes their matrices as text, and asks numpy/scipy for reference values in one run of
 * this fragment's {@code scripts/numpy_reference.py}, through {@link SystemPython}.
 */
final class NumpyReference {

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
        Path script = SystemPython.shipped(NumpyReference.class, "numpy_reference.py", dir);
        Map<String, Double> results = new LinkedHashMap<>();
        SystemPython.runCases(script, lines).forEach((id, answer) -> results.put(id, Double.valueOf(answer)));
        return results;
    }

    private Path write(String name, int rows, int columns, double[] values) throws IOException {
        return SystemPython.writeRows(dir.resolve(name + ".txt"), rows, columns, values);
    }
}
