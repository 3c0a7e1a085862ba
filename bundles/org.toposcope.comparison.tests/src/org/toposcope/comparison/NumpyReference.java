package org.toposcope.comparison;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.toposcope.core.model.PointCloud;
import org.toposcope.testing.SystemPython;

/**
 * Asks numpy for X_k (the cloud without its k smallest right singular directions) in one run of this
 * fragment's {@code scripts/numpy_reference.py}, through {@link SystemPython}.
 */
final class NumpyReference {

    private final Path dir;
    private final List<String> lines = new ArrayList<>();

    NumpyReference(Path dir) {
        this.dir = dir;
    }

    /** Adds a case; returns its id. */
    String deleteSmallest(PointCloud cloud, int k) throws IOException {
        String id = "c" + lines.size();
        Path file = SystemPython.writeRows(dir.resolve(id + ".txt"), cloud.size(), cloud.dimension(), cloud.coordinates());
        lines.add(id + "\t" + file + "\t" + k);
        return id;
    }

    Map<String, double[]> run() throws IOException, InterruptedException {
        Path script = SystemPython.shipped(NumpyReference.class, "numpy_reference.py", dir);
        Map<String, double[]> results = new LinkedHashMap<>();
        SystemPython.runCases(script, lines).forEach((id, answer) -> results.put(id, SystemPython.numbers(answer)));
        return results;
    }
}
