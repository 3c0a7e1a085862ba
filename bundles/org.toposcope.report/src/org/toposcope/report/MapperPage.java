package org.toposcope.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;

/**
 * A self-contained interactive page of a mapper graph: d3 inlined, the graph as embedded JSON, nothing
 * fetched. Force layout started from {@link Layouts#forceDirected}, drag, zoom and pan, nodes sized by members
 * and coloured by the majority of the selected colouring, a tooltip with the node's id, size, mean lens value
 * and category histogram.
 */
public final class MapperPage {

    /** Pixels per layout unit of the starting positions. */
    static final double UNIT = 40;

    private MapperPage() {
    }

    /**
     * @param colourings      ways to colour the nodes (a drop-down chooses when there are several); may be empty
     * @param meanLensPerNode the mean lens value of each node's members, or null
     */
    public static void write(Path html, MapperGraph graph, List<NodeColouring> colourings, double[] meanLensPerNode, String title) {
        String page = html(graph, colourings, meanLensPerNode, title);
        Figure.write(html, page.getBytes(StandardCharsets.UTF_8));
    }

    /** The page as text. */
    public static String html(MapperGraph graph, List<NodeColouring> colourings, double[] meanLensPerNode, String title) {
        String json = json(graph, colourings, meanLensPerNode, title);
        String d3 = d3Script();
        String script = resource("mapper-page.js");
        String css = resource("mapper-page.css");
        StringBuilder b = new StringBuilder(d3.length() + json.length() + script.length() + 4096);
        b.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>").append(Html.escape(title))
                .append("</title>\n<style>\n").append(css).append("</style>\n</head>\n<body>\n");
        b.append("<header><h1>").append(Html.escape(title)).append("</h1>\n");
        b.append("<p class=\"summary\">").append(graph.nodes().size()).append(" nodes, ").append(graph.edges().size())
                .append(" edges. Drag nodes; scroll to zoom; drag the background to pan.</p>\n");
        b.append("<label id=\"colouring-control\">colour by <select id=\"colouring\"></select></label></header>\n");
        b.append("<main><div id=\"graph\"></div><aside id=\"legend\"></aside></main>\n<div id=\"tooltip\" hidden></div>\n");
        // gson escapes < > & in strings, so the JSON cannot end its script element
        b.append("<script type=\"application/json\" id=\"graph-data\">").append(json).append("</script>\n");
        b.append("<script>\n").append(d3).append("\n</script>\n");
        b.append("<script>\n").append(script).append("</script>\n</body>\n</html>\n");
        return b.toString();
    }

    static String json(MapperGraph graph, List<NodeColouring> colourings, double[] meanLensPerNode, String title) {
        int n = graph.nodes().size();
        if (meanLensPerNode != null && meanLensPerNode.length != n) {
            throw new ToposcopeException(graph.name() + ": " + meanLensPerNode.length + " mean lens values for " + n + " nodes");
        }
        for (NodeColouring c : colourings) {
            if (c.nodes() != n) {
                throw new ToposcopeException(graph.name() + ": the colouring by " + c.by() + " has " + c.nodes() + " nodes, the graph " + n);
            }
        }
        Layouts.Layout layout = Layouts.forceDirected(graph, 1);
        JsonObject root = new JsonObject();
        root.addProperty("title", title);
        root.addProperty("name", graph.name());
        root.addProperty("missingColour", Palette.hex(Palette.MISSING));
        root.addProperty("hasLens", meanLensPerNode != null);
        JsonArray nodes = new JsonArray();
        for (int i = 0; i < n; i++) {
            MapperGraph.Node node = graph.nodes().get(i);
            JsonObject o = new JsonObject();
            o.addProperty("id", node.id());
            o.addProperty("size", node.size());
            o.addProperty("coverSet", node.coverSet());
            o.addProperty("component", layout.component(i));
            o.addProperty("x0", Math.round(layout.x(i) * UNIT * 10) / 10.0);
            o.addProperty("y0", Math.round(layout.y(i) * UNIT * 10) / 10.0);
            if (meanLensPerNode != null) {
                double v = meanLensPerNode[i];
                o.add("lens", Double.isFinite(v) ? new com.google.gson.JsonPrimitive(v) : JsonNull.INSTANCE);
            }
            nodes.add(o);
        }
        root.add("nodes", nodes);
        JsonArray links = new JsonArray();
        for (MapperGraph.Edge e : graph.edges()) {
            JsonObject o = new JsonObject();
            o.addProperty("source", e.source());
            o.addProperty("target", e.target());
            o.addProperty("shared", e.sharedMembers());
            links.add(o);
        }
        root.add("links", links);
        JsonArray cols = new JsonArray();
        for (NodeColouring c : colourings) {
            JsonObject o = new JsonObject();
            o.addProperty("by", c.by());
            JsonArray names = new JsonArray();
            JsonArray colours = new JsonArray();
            for (int k = 0; k < c.categoryNames().size(); k++) {
                names.add(c.categoryNames().get(k));
                colours.add(Palette.hex(Palette.category(k)));
            }
            o.add("categories", names);
            o.add("colours", colours);
            JsonArray majority = new JsonArray();
            JsonArray counts = new JsonArray();
            for (int i = 0; i < n; i++) {
                majority.add(c.majority(i));
                JsonArray row = new JsonArray();
                for (int k = 0; k < c.categoryNames().size(); k++) {
                    row.add(c.count(i, k));
                }
                counts.add(row);
            }
            o.add("majority", majority);
            o.add("counts", counts);
            cols.add(o);
        }
        root.add("colourings", cols);
        // nulls kept: a node whose mean lens is not finite has "lens": null
        return new GsonBuilder().serializeNulls().create().toJson(root);
    }

    /** d3's minified script, copied into this bundle at build time from the d3 webjar. */
    static String d3Script() {
        String d3 = resource("d3/d3.min.js");
        // inline scripts end at the first "</script"; d3 7.9.0 has none, but a future copy must not break the page
        return d3.replace("</script", "<\\/script");
    }

    private static String resource(String name) {
        try (InputStream in = MapperPage.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new ToposcopeException("bundle org.toposcope.report: resource org/toposcope/report/" + name
                        + " is missing (it is copied in by the Maven build)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToposcopeException("bundle org.toposcope.report: cannot read " + name + ": " + e.getMessage(), e);
        }
    }
}
