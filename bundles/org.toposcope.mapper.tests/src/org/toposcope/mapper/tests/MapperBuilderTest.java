package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.mapper.MapperBuilder;
import org.toposcope.mapper.cluster.Dbscan;
import org.toposcope.mapper.cluster.SingleLinkage;
import org.toposcope.mapper.cover.QuantileCover;
import org.toposcope.mapper.cover.UniformCover;
import org.toposcope.mapper.lens.PcaLens;

/** Mapper on shapes whose graph is known. */
class MapperBuilderTest {

    private static final int PER_CIRCLE = 150;

    @Test
    void twoSeparatedCirclesGiveTwoComponentsWithOneLoopEach() {
        PointCloud circles = twoCircles(3);
        PcaLens pca = new PcaLens();
        for (var cover : List.of(new UniformCover(), new QuantileCover())) {
            // single linkage is left out: its histogram gap rule splits a jittered arc at a random empty bin
            for (Clusterer clusterer : List.of(new Dbscan())) {
                Map<String, String> clusterParameters = Map.of("eps", "0.3", "min-samples", "3");
                MapperGraph graph = new MapperBuilder(pca, Parameters.resolve(pca, Map.of("components", "1")), cover,
                        Parameters.resolve(cover, Map.of("intervals", "16", "overlap", "0.3")), clusterer,
                        Parameters.resolve(clusterer, clusterParameters)).build(circles, Progress.none());
                String what = cover.id() + " + " + clusterer.id() + ": " + graph.nodes().size() + " nodes, "
                        + graph.edges().size() + " edges";
                int[] component = components(graph);
                int count = 0;
                for (int c : component) {
                    count = Math.max(count, c + 1);
                }
                assertEquals(2, count, what + ": components");
                for (int c = 0; c < count; c++) {
                    int nodes = 0;
                    int edges = 0;
                    for (MapperGraph.Node n : graph.nodes()) {
                        nodes += component[n.id()] == c ? 1 : 0;
                    }
                    for (MapperGraph.Edge e : graph.edges()) {
                        edges += component[e.source()] == c ? 1 : 0;
                    }
                    assertEquals(1, edges - nodes + 1, what + ": cycle rank of component " + c);
                }
                for (MapperGraph.Node n : graph.nodes()) {
                    int[] m = n.members();
                    assertEquals(m[0] < PER_CIRCLE, m[m.length - 1] < PER_CIRCLE, what + ": " + n + " mixes the circles");
                    for (MapperGraph.Node o : graph.nodes()) {
                        if (component[o.id()] == component[n.id()]) {
                            assertEquals(m[0] < PER_CIRCLE, o.members()[0] < PER_CIRCLE, what);
                        }
                    }
                }
                assertTrue(graph.nodes().size() >= 8, what);
            }
        }
    }

    @Test
    void edgesCountSharedMembers() {
        double[][] rows = new double[6][];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = new double[] {i, 0};
        }
        PointCloud line = PointCloud.of("line", rows);
        SingleLinkage linkage = new SingleLinkage();
        MapperGraph g = MapperBuilder.fromCover(line, List.of(new int[] {0, 1, 2, 3}, new int[] {}, new int[] {2, 3, 4, 5}),
                linkage, Parameters.defaults(linkage), Progress.none());
        assertEquals(2, g.nodes().size());
        assertArrayEquals(new int[] {0, 1, 2, 3}, g.nodes().get(0).members());
        assertEquals(0, g.nodes().get(0).coverSet());
        assertArrayEquals(new int[] {2, 3, 4, 5}, g.nodes().get(1).members());
        assertEquals(2, g.nodes().get(1).coverSet());
        assertEquals(List.of(new MapperGraph.Edge(0, 1, 2)), g.edges());
    }

    @Test
    void progressCountsCoverSetsAndCancels() {
        PointCloud circles = twoCircles(5);
        List<Long> worked = new ArrayList<>();
        Progress counting = new Progress() {
            @Override
            public void begin(String task, long totalWork) {
                worked.add(-totalWork);
            }

            @Override
            public void worked(long units) {
                worked.add(units);
            }

            @Override
            public boolean isCancelled() {
                return worked.size() > 3;
            }
        };
        var cover = new UniformCover();
        var builder = new MapperBuilder(new PcaLens(), Parameters.resolve(new PcaLens(), Map.of("components", "1")),
                cover, Parameters.resolve(cover, Map.of("intervals", "10")), new Dbscan(),
                Parameters.resolve(new Dbscan(), Map.of("eps", "0.3")));
        org.junit.jupiter.api.Assertions.assertThrows(org.toposcope.core.CancelledException.class,
                () -> builder.build(circles, counting));
        assertEquals(List.of(-10L, 1L, 1L, 1L), worked);
    }

    /** Circles of radius 1 about (0, 0) and (5, 0), rows 0..149 and 150..299, lightly jittered. */
    static PointCloud twoCircles(long seed) {
        Random r = new Random(seed);
        double[][] rows = new double[2 * PER_CIRCLE][];
        for (int i = 0; i < rows.length; i++) {
            double angle = 2 * Math.PI * (i % PER_CIRCLE) / PER_CIRCLE;
            double radius = 1 + 0.01 * r.nextGaussian();
            rows[i] = new double[] {(i < PER_CIRCLE ? 0 : 5) + radius * Math.cos(angle), radius * Math.sin(angle)};
        }
        return PointCloud.of("two-circles", rows);
    }

    /** Connected component of every node, numbered by lowest node, by union-find over the edges. */
    static int[] components(MapperGraph g) {
        int n = g.nodes().size();
        int[] parent = new int[n];
        for (int i = 0; i < n; i++) {
            parent[i] = i;
        }
        for (MapperGraph.Edge e : g.edges()) {
            parent[find(parent, e.source())] = find(parent, e.target());
        }
        int[] number = new int[n];
        java.util.Arrays.fill(number, -1);
        int[] out = new int[n];
        int next = 0;
        for (int i = 0; i < n; i++) {
            int root = find(parent, i);
            if (number[root] < 0) {
                number[root] = next++;
            }
            out[i] = number[root];
        }
        return out;
    }

    private static int find(int[] parent, int i) {
        while (parent[i] != i) {
            i = parent[i] = parent[parent[i]];
        }
        return i;
    }
}
