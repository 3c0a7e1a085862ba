package org.toposcope.report;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;

class MapperFigureTest {

    @TempDir
    Path dir;

    private static final List<String> CLASSES = List.of("T-shirt", "Trouser", "Pullover");

    @Test
    void colouringCountsMembersAndTakesTheMajority() {
        MapperGraph graph = new MapperGraph("g", List.of(new MapperGraph.Node(0, 0, new int[] { 0, 1, 2 }),
                new MapperGraph.Node(1, 1, new int[] { 2, 3 }), new MapperGraph.Node(2, 2, new int[] { 4, 5 }),
                new MapperGraph.Node(3, 2, new int[0])), List.of(new MapperGraph.Edge(0, 1, 1)));
        NodeColouring c = NodeColouring.of("class", graph, new int[] { 2, 0, 2, 1, 0, 1 }, CLASSES);
        assertArrayEquals(new int[] { 1, 0, 2 }, c.countsPerNode()[0]);
        assertArrayEquals(new int[] { 0, 1, 1 }, c.countsPerNode()[1]);
        assertEquals(2, c.majority(0));
        assertEquals(1, c.majority(1), "ties go to the first category");
        assertEquals(0, c.majority(2));
        assertEquals(-1, c.majority(3), "a node without members has no majority");
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> NodeColouring.of("class", graph, new int[] { 0, 0, 0 }, CLASSES));
        assertEquals("g: node 1 holds row 3, but only 3 rows have class labels", e.getMessage());
        e = assertThrows(ToposcopeException.class, () -> NodeColouring.of("class", graph, new int[] { 0, 0, 0, 0, 3, 0 }, CLASSES));
        assertEquals("g: row 4 has class label 3, outside the 3 categories", e.getMessage());
    }

    @Test
    void layoutIsDeterministicAndComponentsDoNotOverlap() {
        MapperGraph graph = Graphs.graph(7, true, 60, 25, 1, 1, 12);
        Layouts.Layout a = Layouts.forceDirected(graph, 1);
        Layouts.Layout b = Layouts.forceDirected(graph, 1);
        assertEquals(a, b);
        assertNotEquals(a, Layouts.forceDirected(graph, 2), "the seed does not matter");
        int components = 5;
        double[][] box = new double[components][] ;
        for (int i = 0; i < a.size(); i++) {
            int c = a.component(i);
            assertTrue(c < components, "component " + c);
            if (box[c] == null) {
                box[c] = new double[] { a.x(i), a.y(i), a.x(i), a.y(i) };
            }
            box[c][0] = Math.min(box[c][0], a.x(i));
            box[c][1] = Math.min(box[c][1], a.y(i));
            box[c][2] = Math.max(box[c][2], a.x(i));
            box[c][3] = Math.max(box[c][3], a.y(i));
        }
        for (int p = 0; p < components; p++) {
            for (int q = p + 1; q < components; q++) {
                boolean apart = box[p][2] + 1 < box[q][0] || box[q][2] + 1 < box[p][0] || box[p][3] + 1 < box[q][1]
                        || box[q][3] + 1 < box[p][1];
                assertTrue(apart, "components " + p + " and " + q + " are closer than one unit");
            }
        }
        // edges come out about one unit long: the ring is laid out, not collapsed or exploded
        double sum = 0;
        for (MapperGraph.Edge e : graph.edges()) {
            sum += Math.hypot(a.x(e.source()) - a.x(e.target()), a.y(e.source()) - a.y(e.target()));
        }
        double mean = sum / graph.edges().size();
        assertTrue(mean > 0.3 && mean < 3, "mean edge length " + mean);
    }

    @Test
    void sameGraphGivesTheSameSvgBytesAndAReadablePng() throws Exception {
        MapperGraph graph = Graphs.graph(3, true, 40, 15);
        NodeColouring colouring = NodeColouring.of("class", graph, Graphs.labels(graph, 3), CLASSES);
        Path one = dir.resolve("one.svg"), two = dir.resolve("two.svg"), png = dir.resolve("m.png");
        Charts.mapperGraph(graph, colouring, "mapper layer3").writeSvg(one, 700, 500);
        Charts.mapperGraph(graph, colouring, "mapper layer3").writeSvg(two, 700, 500);
        assertArrayEquals(Files.readAllBytes(one), Files.readAllBytes(two));
        String texts = Rendered.texts(Rendered.svg(one));
        for (String label : List.of("mapper layer3", "T-shirt", "Trouser", "Pullover", "majority class")) {
            assertTrue(texts.contains(label), "SVG lacks '" + label + "': " + texts);
        }
        Charts.mapperGraph(graph, colouring, "mapper layer3").writePng(png, 700, 500);
        var image = Rendered.png(png, 700, 500);
        assertTrue(Rendered.variance(image) > 100);
        for (int k = 0; k < 3; k++) {
            assertTrue(Rendered.pixels(image, Palette.category(k))[0] > 20, "no node drawn in the colour of " + CLASSES.get(k));
        }
    }

    @Test
    void a500NodeGraphIsDrawnInReasonableTime() throws Exception {
        MapperGraph graph = Graphs.graph(11, false, 300, 120, 50, 20, 10);
        NodeColouring colouring = NodeColouring.of("class", graph, Graphs.labels(graph, 10),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"));
        long t0 = System.nanoTime();
        Figure figure = Charts.mapperGraph(graph, colouring, "500 nodes");
        long t1 = System.nanoTime();
        figure.writePng(dir.resolve("big.png"), 1000, 800);
        long t2 = System.nanoTime();
        figure.writeSvg(dir.resolve("big.svg"), 1000, 800);
        long t3 = System.nanoTime();
        System.out.printf("mapper 500 nodes / %d edges: layout %.0f ms, png %.0f ms, svg %.0f ms%n", graph.edges().size(),
                (t1 - t0) / 1e6, (t2 - t1) / 1e6, (t3 - t2) / 1e6);
        Rendered.svg(dir.resolve("big.svg"));
        assertTrue((t3 - t0) / 1e9 < 60, "took " + (t3 - t0) / 1e9 + " s");
    }

    @Test
    void mismatchedColouringFailsInOneLine() {
        MapperGraph graph = Graphs.graph(3, true, 5);
        NodeColouring wrong = new NodeColouring("class", CLASSES, new int[3][3]);
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> Charts.mapperGraph(graph, wrong, "t"));
        assertEquals("test-graph: the colouring by class has 3 nodes, the graph 5", e.getMessage());
    }
}
