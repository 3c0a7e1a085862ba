package org.toposcope.ui.mapper;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Event;
import org.eclipse.ui.IWorkbenchPage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toposcope.core.Progress;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.Experiments;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.samples.Samples;
import org.toposcope.ui.mapper.views.ImagesView;
import org.toposcope.ui.mapper.views.MapperGraphView;
import org.toposcope.ui.selection.LayerSelection;
import org.toposcope.ui.testing.UiTesting;

/**
 * The Mapper Graph and Images views on the demo's report (`toposcope demo`: the shipped model on 1,000 Fashion-MNIST
 * images): the graph shown is the report's, laid out inside the canvas by ELK, and selecting a node shows exactly its
 * members' images with their labels.
 */
class MapperViewsTest {

    // the demo's report: stage1.block1 has a graph with edges, stage3.block3 separates the classes into isolated nodes
    private static final String LAYER = "stage1.block1";
    private static final String OTHER_LAYER = "stage3.block3";

    private static Path folder;
    private static ReportFolder report;
    private static String model;

    @BeforeAll
    static void makeReport() throws IOException {
        folder = Files.createTempDirectory("mapper-views");
        Path out = folder.resolve("report");
        Experiments.run(SpecReader.parse(Samples.demoSpec(), "demo.yaml", null), out, Registry.current(), Progress.none());
        report = ReportFolder.open(out);
        model = report.models().get(0).name();
    }

    @AfterAll
    static void deleteReport() throws IOException {
        try (java.util.stream.Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    @Test
    void graphViewShowsTheReportsGraphInsideTheCanvasAndANodesImagesAreItsMembers() throws Exception {
        IWorkbenchPage page = UiTesting.page();
        MapperGraphView graphView = (MapperGraphView) page.showView(MapperGraphView.ID);
        ImagesView imagesView = (ImagesView) page.showView(ImagesView.ID);
        page.activate(graphView);

        MapperGraph graph = report.mapperGraph(model, LAYER).orElseThrow();
        assertTrue(graph.nodes().size() >= 10 && graph.edges().size() >= 5, "the test report's graph has nodes and edges: "
                + graph.nodes().size() + ", " + graph.edges().size());
        graphView.show(new LayerSelection(report, model, LAYER));
        waitUntil(() -> !graphView.loading(), "graph read and laid out");
        assertEquals(graph.nodes().size(), graphView.nodeCount(), graphView.message());
        assertLaidOutInsideTheCanvas(graphView);

        // the node with most members, then it and its neighbour by shift-click
        int big = 0;
        for (MapperGraph.Node n : graph.nodes()) {
            if (n.size() > graph.nodes().get(big).size()) {
                big = n.id();
            }
        }
        graphView.select(big);
        waitUntil(() -> !imagesView.loading() && imagesView.shownImageIds().length > 0, "images of node " + big);
        Provenance provenance = report.provenance(model, LAYER);
        TreeMap<Integer, String> expected = expectedImages(graph, provenance, big);
        assertArrayEquals(expected.keySet().stream().mapToInt(Integer::intValue).toArray(), imagesView.shownImageIds());
        assertEquals(new ArrayList<>(expected.values()), imagesView.shownLabels());
        assertEquals(expected.size(), imagesView.thumbnailCount(), "a thumbnail per image");
        assertTrue(imagesView.headerText().startsWith(expected.size() + " images in 1 node(s)"), imagesView.headerText());
        UiTesting.drain(500);
        screenshot(graphView.canvas().getParent(), "mapper-graph.png");
        page.showView(ImagesView.ID); // same folder as the graph in the test perspective: bring it to the top
        UiTesting.drain(500);
        screenshot(imagesView.control(), "images.png");
        screenshot(page.getWorkbenchWindow().getShell(), "mapper-workbench.png");
        page.activate(graphView); // the selection service follows the active part

        int other = big == 0 ? 1 : 0;
        graphView.select(big, other);
        waitUntil(() -> !imagesView.loading() && imagesView.headerText().contains("in 2 node(s)"), "images of two nodes");
        TreeMap<Integer, String> both = expectedImages(graph, provenance, big, other);
        assertArrayEquals(both.keySet().stream().mapToInt(Integer::intValue).toArray(), imagesView.shownImageIds());
        assertEquals(new ArrayList<>(both.values()), imagesView.shownLabels());

        // every node, at most 50 thumbnails: the header counts those not shown
        int limit = 50;
        imagesView.setLimit(limit);
        int[] all = java.util.stream.IntStream.range(0, graph.nodes().size()).toArray();
        graphView.select(all);
        waitUntil(() -> !imagesView.loading() && imagesView.headerText().contains("in " + all.length + " node(s)"), "images of all nodes");
        imagesView.setLimit(ImagesView.LIMIT);
        int[] everyImage = expectedImages(graph, provenance, all).keySet().stream().mapToInt(Integer::intValue).toArray();
        assertTrue(everyImage.length > limit, "the graph covers more images than are shown: " + everyImage.length);
        assertArrayEquals(java.util.Arrays.copyOf(everyImage, limit), imagesView.shownImageIds());
        assertEquals(limit, imagesView.thumbnailCount());
        assertTrue(imagesView.headerText().startsWith(everyImage.length + " images in " + all.length + " node(s); the first "
                + limit + " shown, " + (everyImage.length - limit) + " not shown"), imagesView.headerText());
    }

    @Test
    void stressLayoutExportsAndALayerWithoutAGraph() throws Exception {
        IWorkbenchPage page = UiTesting.page();
        MapperGraphView graphView = (MapperGraphView) page.showView(MapperGraphView.ID);
        graphView.show(new LayerSelection(report, model, LAYER));
        waitUntil(() -> !graphView.loading(), "graph read and laid out");
        graphView.useAlgorithm(GraphLayout.Algorithm.STRESS);
        waitUntil(() -> !graphView.loading(), "stress layout");
        MapperGraph graph = report.mapperGraph(model, LAYER).orElseThrow();
        assertEquals(graph.nodes().size(), graphView.nodeCount(), graphView.message());
        assertLaidOutInsideTheCanvas(graphView);
        graphView.useAlgorithm(GraphLayout.Algorithm.FORCE);
        waitUntil(() -> !graphView.loading(), "force layout");

        Path dir = Files.createDirectories(folder.resolve("export"));
        graphView.useColouring(MapperGraphView.Colouring.SUPER_CLASS);
        graphView.exportPng(dir.resolve("g.png"));
        ImageData png = new ImageLoader().load(dir.resolve("g.png").toString())[0];
        Rectangle area = graphView.canvas().getClientArea();
        assertEquals(area.width, png.width);
        assertEquals(area.height, png.height);
        graphView.exportSvg(dir.resolve("g.svg"));
        String svg = Files.readString(dir.resolve("g.svg"));
        assertTrue(svg.contains("<svg") && svg.contains("mapper graph by super-class"), svg.substring(0, Math.min(200, svg.length())));
        String[] csv = graphView.data().csv().split("\n");
        assertEquals(graph.nodes().size() + 1, csv.length);
        assertEquals("node,size,majority class,members", csv[0]);
        MapperGraph.Node n0 = graph.nodes().get(0);
        assertTrue(csv[1].startsWith("0," + n0.size() + ","), csv[1]);
        assertTrue(csv[1].endsWith("," + String.join(" ", java.util.Arrays.stream(n0.members()).mapToObj(Integer::toString).toList())), csv[1]);
        graphView.select();
        assertEquals(0, graphView.selectedNodes().length);
        graphView.useColouring(MapperGraphView.Colouring.LENS);
        assertTrue(graphView.data().meanLens().isPresent(), "the report has the mean lens of each node");
        // the same numbers as the report's interactive page, which gets them straight from the runner
        String pageHtml = Files.readString(report.folder().resolve("mapper").resolve(model).resolve(LAYER + ".html"));
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"lens\":(null|[-+0-9.eE]+)").matcher(pageHtml);
        List<Double> fromPage = new ArrayList<>();
        while (m.find()) {
            fromPage.add(m.group(1).equals("null") ? Double.NaN : Double.parseDouble(m.group(1)));
        }
        assertEquals(graph.nodes().size(), fromPage.size(), "one lens value per node in the page");
        assertArrayEquals(fromPage.stream().mapToDouble(Double::doubleValue).toArray(), graphView.data().meanLens().get());
        UiTesting.drain(500);
        screenshot(graphView.canvas().getParent(), "mapper-graph-lens.png");

        // the mouse: click selects, shift-click adds, wheel zooms about the pointer, dragging a node moves it
        graphView.useColouring(MapperGraphView.Colouring.CLASS);
        Point a = graphView.nodeCentres()[0];
        Point b = graphView.nodeCentres()[1];
        mouse(graphView, SWT.MouseDown, a, 0);
        mouse(graphView, SWT.MouseUp, a, 0);
        assertArrayEquals(new int[] {0}, graphView.selectedNodes());
        mouse(graphView, SWT.MouseDown, b, SWT.SHIFT);
        mouse(graphView, SWT.MouseUp, b, SWT.SHIFT);
        assertArrayEquals(new int[] {0, 1}, graphView.selectedNodes());
        Rectangle before = graphView.layoutBounds();
        Event wheel = new Event();
        wheel.x = a.x;
        wheel.y = a.y;
        wheel.count = 3;
        graphView.canvas().notifyListeners(SWT.MouseVerticalWheel, wheel);
        Rectangle zoomed = graphView.layoutBounds();
        assertTrue(zoomed.width > before.width && zoomed.height > before.height, before + " zoomed in to " + zoomed);
        assertEquals(a, graphView.nodeCentres()[0], "the node under the pointer stays put");
        Point target = new Point(a.x + 40, a.y + 25);
        mouse(graphView, SWT.MouseDown, a, 0);
        mouse(graphView, SWT.MouseMove, target, SWT.BUTTON1);
        mouse(graphView, SWT.MouseUp, target, 0);
        assertEquals(target, graphView.nodeCentres()[0], "the dragged node follows the pointer");
        assertArrayEquals(new int[] {0, 1}, graphView.selectedNodes(), "a drag is not a click");

        // following another layer: the runner builds a graph for every layer, the spec's mapper layers only get figures
        graphView.show(new LayerSelection(report, model, OTHER_LAYER));
        waitUntil(() -> !graphView.loading(), OTHER_LAYER + " graph");
        assertEquals(report.mapperGraph(model, OTHER_LAYER).orElseThrow().nodes().size(), graphView.nodeCount(), graphView.message());
        assertLaidOutInsideTheCanvas(graphView);

        graphView.show(new LayerSelection(report, model, "no.such.layer"));
        assertEquals(-1, graphView.nodeCount());
        assertTrue(graphView.message().startsWith("No mapper graph for no.such.layer"), graphView.message());
    }

    private static TreeMap<Integer, String> expectedImages(MapperGraph graph, Provenance provenance, int... nodes) {
        TreeMap<Integer, String> images = new TreeMap<>();
        for (int n : nodes) {
            for (int row : graph.nodes().get(n).members()) {
                images.put(provenance.imageId(row), report.classNames().get(provenance.label(row)));
            }
        }
        return images;
    }

    private static void assertLaidOutInsideTheCanvas(MapperGraphView view) {
        Rectangle area = view.canvas().getClientArea();
        Rectangle bounds = view.layoutBounds();
        assertTrue(area.width > 100 && area.height > 100, "canvas " + area);
        assertTrue(bounds.x >= 0 && bounds.y >= 0 && bounds.x + bounds.width <= area.width && bounds.y + bounds.height <= area.height,
                "layout " + bounds + " inside canvas " + area);
        Set<Point> centres = new HashSet<>(List.of(view.nodeCentres()));
        assertEquals(view.nodeCount(), centres.size(), "every node has its own place");
        assertTrue(bounds.width > area.width / 3 || bounds.height > area.height / 3, "the layout fills the canvas: " + bounds);
    }

    private static void mouse(MapperGraphView view, int type, Point at, int state) {
        Event e = new Event();
        e.x = at.x;
        e.y = at.y;
        e.button = type == SWT.MouseMove ? 0 : 1;
        e.stateMask = state;
        view.canvas().notifyListeners(type, e);
    }

    private static void waitUntil(BooleanSupplier condition, String what) {
        UiTesting.spinUntil(condition, 60_000, () -> what);
    }

    /** Saves the control's screen area as PNG under target/screenshots. */
    private static Path screenshot(Control control, String name) throws Exception {
        assertNotNull(control, name);
        Path file = UiTesting.screenshot(control, name);
        assertTrue(Files.size(file) > 1000, "screenshot written: " + file);
        return file;
    }
}
