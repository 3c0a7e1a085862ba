package org.toposcope.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.toposcope.core.model.MapperGraph;

/** Mapper graphs to draw: rings and random trees whose nodes hold consecutive rows. */
final class Graphs {

    private Graphs() {
    }

    /**
     * Components given by their node counts: each is a ring (or a chain when {@code ring} is false) plus a few
     * random chords; node i holds {@code 1 + i % 17} rows.
     */
    static MapperGraph graph(long seed, boolean ring, int... componentSizes) {
        Random random = new Random(seed);
        List<MapperGraph.Node> nodes = new ArrayList<>();
        List<MapperGraph.Edge> edges = new ArrayList<>();
        int row = 0;
        int first = 0;
        for (int size : componentSizes) {
            for (int i = 0; i < size; i++) {
                int id = first + i;
                int members = 1 + id % 17;
                int[] rows = new int[members];
                for (int m = 0; m < members; m++) {
                    rows[m] = row++;
                }
                nodes.add(new MapperGraph.Node(id, id, rows));
                if (i > 0) {
                    edges.add(new MapperGraph.Edge(id - 1, id, 1 + random.nextInt(5)));
                }
            }
            if (ring && size > 2) {
                edges.add(new MapperGraph.Edge(first, first + size - 1, 1));
            }
            for (int c = 0; c < size / 20; c++) {
                int a = first + random.nextInt(size), b = first + random.nextInt(size);
                if (Math.abs(a - b) > 1) {
                    edges.add(new MapperGraph.Edge(Math.min(a, b), Math.max(a, b), 1));
                }
            }
            first += size;
        }
        return new MapperGraph("test-graph", nodes, edges);
    }

    static int rows(MapperGraph graph) {
        int rows = 0;
        for (MapperGraph.Node n : graph.nodes()) {
            rows += n.size();
        }
        return rows;
    }

    /** Labels: row r has class (r / 7) % classes. */
    static int[] labels(MapperGraph graph, int classes) {
        int[] labels = new int[rows(graph)];
        for (int r = 0; r < labels.length; r++) {
            labels[r] = (r / 7) % classes;
        }
        return labels;
    }
}
