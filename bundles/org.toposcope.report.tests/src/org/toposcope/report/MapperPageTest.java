package org.toposcope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

class MapperPageTest {

    @TempDir
    Path dir;

    private static final String DATA_START = "<script type=\"application/json\" id=\"graph-data\">";

    private Path page(List<NodeColouring> colourings, double[] lens, String title) {
        MapperGraph graph = Graphs.graph(5, true, 30, 8);
        Path html = dir.resolve("mapper.html");
        MapperPage.write(html, graph, colourings, lens, title);
        return html;
    }

    @Test
    void pageInlinesD3AndEmbedsTheGraphAsJson() throws Exception {
        MapperGraph graph = Graphs.graph(5, true, 30, 8);
        int[] labels = Graphs.labels(graph, 4);
        int[] superLabels = new int[labels.length];
        for (int r = 0; r < labels.length; r++) {
            superLabels[r] = labels[r] / 2;
        }
        NodeColouring classes = NodeColouring.of("class", graph, labels, List.of("a</script><b>", "b", "c", "d"));
        NodeColouring supers = NodeColouring.of("super-class", graph, superLabels, List.of("ab", "cd"));
        double[] lens = new double[graph.nodes().size()];
        for (int i = 0; i < lens.length; i++) {
            lens[i] = i * 0.25;
        }
        lens[3] = Double.NaN;
        Path html = dir.resolve("mapper.html");
        MapperPage.write(html, graph, List.of(classes, supers), lens, "Mapper <layer3>");
        String text = Files.readString(html, StandardCharsets.UTF_8);

        assertTrue(text.contains("forceSimulation") && text.contains("forceManyBody"), "d3 is not inlined");
        assertTrue(text.length() > 250_000, "page too small for d3 inlined: " + text.length());
        assertFalse(Pattern.compile("<script[^>]*\\bsrc\\s*=", Pattern.CASE_INSENSITIVE).matcher(text).find(), "a script is fetched");
        assertFalse(Pattern.compile("<(link|img|iframe)[^>]*(href|src)\\s*=\\s*\"https?:").matcher(text).find(), "a resource is fetched");
        assertTrue(text.contains("<title>Mapper &lt;layer3&gt;</title>"));
        assertEquals(1, count(text, "<script type=\"application/json\""), "the JSON block ended early");

        JsonObject data = JsonParser.parseString(json(text)).getAsJsonObject();
        JsonArray nodes = data.getAsJsonArray("nodes");
        assertEquals(graph.nodes().size(), nodes.size());
        assertEquals(graph.edges().size(), data.getAsJsonArray("links").size());
        for (int i = 0; i < nodes.size(); i++) {
            JsonObject n = nodes.get(i).getAsJsonObject();
            assertEquals(i, n.get("id").getAsInt());
            assertEquals(graph.nodes().get(i).size(), n.get("size").getAsInt());
            if (i == 3) {
                assertTrue(n.get("lens").isJsonNull(), "NaN lens must be null");
            } else {
                assertEquals(lens[i], n.get("lens").getAsDouble(), 0);
            }
        }
        JsonArray colourings = data.getAsJsonArray("colourings");
        assertEquals(2, colourings.size());
        JsonObject first = colourings.get(0).getAsJsonObject();
        assertEquals("class", first.get("by").getAsString());
        assertEquals("a</script><b>", first.getAsJsonArray("categories").get(0).getAsString());
        for (int i = 0; i < nodes.size(); i++) {
            assertEquals(classes.majority(i), first.getAsJsonArray("majority").get(i).getAsInt());
            assertEquals(classes.count(i, 1), first.getAsJsonArray("counts").get(i).getAsJsonArray().get(1).getAsInt());
        }
        assertEquals("super-class", colourings.get(1).getAsJsonObject().get("by").getAsString());
    }

    @Test
    void pageWithoutColouringOrLensStillWorks() throws Exception {
        Path html = page(List.of(), null, "plain");
        JsonObject data = JsonParser.parseString(json(Files.readString(html))).getAsJsonObject();
        assertFalse(data.get("hasLens").getAsBoolean());
        assertEquals(0, data.getAsJsonArray("colourings").size());
        assertFalse(data.getAsJsonArray("nodes").get(0).getAsJsonObject().has("lens"));
    }

    @Test
    void wrongLensLengthFailsInOneLineAndWritesNothing() {
        MapperGraph graph = Graphs.graph(5, true, 10);
        Path html = dir.resolve("bad.html");
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> MapperPage.write(html, graph, List.of(), new double[3], "t"));
        assertEquals("test-graph: 3 mean lens values for 10 nodes", e.getMessage());
        assertFalse(Files.exists(html));
    }

    /** Optional: node.js, when installed, finds no syntax error in the page's scripts. */
    @Test
    void scriptsParseUnderNode() throws Exception {
        Assumptions.assumeTrue(onPath("node"), "node is not installed");
        String text = Files.readString(page(List.of(), null, "t"));
        int from = 0;
        int checked = 0;
        while (true) {
            int open = text.indexOf("<script>", from);
            if (open < 0) {
                break;
            }
            int close = text.indexOf("</script>", open);
            Path js = dir.resolve("script" + checked + ".js");
            Files.writeString(js, text.substring(open + "<script>".length(), close));
            Process p = new ProcessBuilder("node", "--check", js.toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "node did not finish");
            assertEquals(0, p.exitValue(), "node --check script " + checked + ": " + out);
            checked++;
            from = close;
        }
        assertEquals(2, checked, "d3 and the page script");
    }

    /**
     * Optional: with node.js and Debian's node-jsdom, the page runs in jsdom without errors, draws a circle per
     * node and a line per edge in the colours of the majority categories, shows the tooltip, and recolours when
     * another colouring is chosen.
     */
    @Test
    void pageRunsInJsdom() throws Exception {
        Assumptions.assumeTrue(onPath("node"), "node is not installed");
        Assumptions.assumeTrue(Files.isDirectory(Path.of(JSDOM)), "node-jsdom is not installed");
        MapperGraph graph = Graphs.graph(9, true, 40, 12, 1);
        int[] labels = Graphs.labels(graph, 5);
        int[] superLabels = new int[labels.length];
        for (int r = 0; r < labels.length; r++) {
            superLabels[r] = labels[r] % 2;
        }
        NodeColouring classes = NodeColouring.of("class", graph, labels, List.of("c0", "c1", "c2", "c3", "c4"));
        NodeColouring parity = NodeColouring.of("parity", graph, superLabels, List.of("even", "odd"));
        Path html = dir.resolve("page.html");
        MapperPage.write(html, graph, List.of(classes, parity), null, "jsdom");
        Path script = dir.resolve("run_page.js");
        try (var in = MapperPageTest.class.getResourceAsStream("run_page.js")) {
            Files.copy(in, script);
        }
        ProcessBuilder builder = new ProcessBuilder("node", script.toString(), html.toString());
        builder.environment().put("NODE_PATH", JSDOM_PARENT);
        Process p = builder.redirectError(ProcessBuilder.Redirect.INHERIT).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "node did not finish");
        assertEquals(0, p.exitValue(), "node failed: " + out);
        JsonObject result = JsonParser.parseString(out).getAsJsonObject();
        assertEquals(0, result.getAsJsonArray("errors").size(), "script errors: " + result.get("errors"));
        int n = graph.nodes().size();
        assertEquals(n, result.get("circles").getAsInt());
        assertEquals(n, result.get("positioned").getAsInt(), "nodes without a position");
        assertEquals(graph.edges().size(), result.get("lines").getAsInt());
        assertEquals("[\"class\",\"parity\"]", result.get("options").toString());
        JsonArray before = result.getAsJsonArray("fillsBefore");
        JsonArray after = result.getAsJsonArray("fillsAfter");
        for (int i = 0; i < n; i++) {
            assertEquals(Palette.hex(Palette.category(classes.majority(i))), before.get(i).getAsString(), "node " + i);
            assertEquals(Palette.hex(Palette.category(parity.majority(i))), after.get(i).getAsString(), "node " + i);
        }
        assertFalse(result.get("tooltipHidden").getAsBoolean());
        String tooltip = result.get("tooltip").getAsString();
        assertTrue(tooltip.contains("node 0") && tooltip.contains("members: " + graph.nodes().get(0).size()), tooltip);
        assertTrue(result.get("legend").getAsString().contains("c4"));
        assertTrue(result.get("legendAfter").getAsString().contains("odd"));
    }

    private static final String JSDOM_PARENT = "/usr/share/nodejs";
    private static final String JSDOM = JSDOM_PARENT + "/jsdom";

    private static boolean onPath(String program) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(d, program))) {
                return true;
            }
        }
        return false;
    }

    private static String json(String page) {
        int start = page.indexOf(DATA_START) + DATA_START.length();
        return page.substring(start, page.indexOf("</script>", start));
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
