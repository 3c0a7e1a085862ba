package org.toposcope.cli;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.model.RepresentativeCycle;

/**
 * Writes representative cycles as a JSON array, one object per cycle:
 * {@code {"dim": 1, "birth": b, "death": d, "edges": [[i, j], ...]}}, vertices 0-based input rows.
 * Numbers only, so no escaping; doubles as {@link Double#toString}, which reads back to the same value.
 */
final class CycleFiles {

    private CycleFiles() {
    }

    static void write(List<RepresentativeCycle> cycles, Path file) {
        StringBuilder json = new StringBuilder("[");
        for (int k = 0; k < cycles.size(); k++) {
            RepresentativeCycle z = cycles.get(k);
            json.append(k == 0 ? "\n" : ",\n").append("{\"dim\": ").append(z.dimension()).append(", \"birth\": ").append(z.birth())
                    .append(", \"death\": ").append(z.death()).append(", \"edges\": [");
            int[][] edges = z.edges();
            for (int e = 0; e < edges.length; e++) {
                json.append(e == 0 ? "[" : ", [").append(edges[e][0]).append(", ").append(edges[e][1]).append(']');
            }
            json.append("]}");
        }
        json.append(cycles.isEmpty() ? "]\n" : "\n]\n");
        ByteBuffer bytes = ByteBuffer.wrap(json.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, file.getFileName() + ": cannot write", channel -> {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        });
    }
}
