package org.toposcope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.w3c.dom.Document;

class ChartsTest {

    @TempDir
    Path dir;

    static PersistenceDiagram diagram(int h0, int h1, long seed) {
        Random random = new Random(seed);
        double[] b0 = new double[h0], d0 = new double[h0], b1 = new double[h1], d1 = new double[h1];
        for (int i = 0; i < h0; i++) {
            d0[i] = random.nextDouble() * 2;
        }
        for (int i = 0; i < h1; i++) {
            b1[i] = 0.5 + random.nextDouble();
            d1[i] = b1[i] + random.nextDouble() * 0.7;
        }
        return new PersistenceDiagram("cloud", List.of(new PersistenceDiagram.Dimension(0, b0, d0, new double[] { 0 }),
                new PersistenceDiagram.Dimension(1, b1, d1, new double[0])));
    }

    @Test
    void persistenceDiagramRendersToPngAndSvgWithLegendAxesAndInfinity() throws Exception {
        Figure figure = Charts.persistenceDiagram(diagram(40, 25, 1), "layer3 persistence");
        assertEquals("layer3 persistence", figure.title());
        Path png = dir.resolve("pd.png");
        Path svg = dir.resolve("pd.svg");
        figure.writePng(png, 640, 480);
        figure.writeSvg(svg, 640, 480);
        BufferedImage image = Rendered.png(png, 640, 480);
        assertTrue(Rendered.variance(image) > 100, "blank diagram: variance " + Rendered.variance(image));
        // H0 and H1 points are drawn in their legend colours (translucent, so look for pixels near them)
        String texts = Rendered.texts(Rendered.svg(svg));
        for (String label : List.of("birth", "death", "H0", "H1", "∞", "layer3 persistence")) {
            assertTrue(texts.contains(label), "SVG lacks '" + label + "': " + texts);
        }
    }

    @Test
    void emptyDiagramSaysSoInsteadOfFailing() throws Exception {
        PersistenceDiagram empty = new PersistenceDiagram("none", List.of(PersistenceDiagram.Dimension.empty(0)));
        Path svg = dir.resolve("empty.svg");
        Charts.persistenceDiagram(empty, "empty").writeSvg(svg, 300, 300);
        assertTrue(Rendered.texts(Rendered.svg(svg)).contains("no pairs"));
        Charts.barcode(empty, "empty").writeSvg(svg, 300, 300);
        assertTrue(Rendered.texts(Rendered.svg(svg)).contains("no bars"));
    }

    @Test
    void barcodeKeepsTheLongestBarsUpToTheCapAndSaysSo() throws Exception {
        PersistenceDiagram many = diagram(1200, 30, 2);
        PersistenceDiagram.Dimension h0 = many.dimension(0);
        int[] bars = Barcodes.longest(h0, Charts.BARCODE_CAP);
        assertEquals(Charts.BARCODE_CAP, bars.length);
        assertEquals(h0.finiteCount(), bars[0], "the essential class comes first");
        double shortestKept = Double.POSITIVE_INFINITY;
        for (int i = 1; i < bars.length; i++) {
            double length = h0.death(bars[i]) - h0.birth(bars[i]);
            if (i > 1) {
                assertTrue(length <= h0.death(bars[i - 1]) - h0.birth(bars[i - 1]), "not longest first at " + i);
            }
            shortestKept = Math.min(shortestKept, length);
        }
        int longerLeftOut = 0;
        java.util.Set<Integer> kept = new java.util.HashSet<>();
        for (int b : bars) {
            kept.add(b);
        }
        for (int i = 0; i < h0.finiteCount(); i++) {
            if (!kept.contains(i) && h0.death(i) - h0.birth(i) > shortestKept) {
                longerLeftOut++;
            }
        }
        assertEquals(0, longerLeftOut, "a longer bar was left out");

        Path svg = dir.resolve("barcode.svg");
        Path png = dir.resolve("barcode.png");
        Figure figure = Charts.barcode(many, "barcode");
        figure.writeSvg(svg, 800, 1000);
        figure.writePng(png, 800, 1000);
        assertTrue(Rendered.variance(Rendered.png(png, 800, 1000)) > 100);
        Document doc = Rendered.svg(svg);
        String texts = Rendered.texts(doc);
        assertTrue(texts.contains("H0: the 500 longest of 1,201 bars"), texts);
        assertFalse(texts.contains("H1: the"), "H1 has 30 bars, under the cap: " + texts);
        // each bar is one filled shape in its dimension's colour
        int h0Rects = count(doc, Palette.category(0));
        int h1Rects = count(doc, Palette.category(1));
        // H0: 499 finite bars, the essential bar and its arrow, the legend swatch
        assertEquals(Charts.BARCODE_CAP + 2, h0Rects, "H0 shapes");
        assertEquals(30 + 1, h1Rects, "H1 shapes");
    }

    /** Filled shapes (path or rect) of this colour, set on the shape or on its enclosing group. */
    private static int count(Document svg, Color colour) {
        String fill = "fill:rgb(" + colour.getRed() + "," + colour.getGreen() + "," + colour.getBlue() + ")";
        int n = 0;
        for (String tag : List.of("path", "rect")) {
            org.w3c.dom.NodeList shapes = svg.getElementsByTagNameNS("*", tag);
            for (int i = 0; i < shapes.getLength(); i++) {
                org.w3c.dom.Element shape = (org.w3c.dom.Element) shapes.item(i);
                String style = shape.getAttribute("style");
                if (style.isEmpty() && shape.getParentNode() instanceof org.w3c.dom.Element parent) {
                    style = parent.getAttribute("style");
                }
                if (style.replace(" ", "").contains(fill)) {
                    n++;
                }
            }
        }
        return n;
    }

    @Test
    void heatMapPutsRowZeroOnTopAndColourOrdersValues() throws Exception {
        // a column: row 0 = smallest, row 2 = largest; a row: column 0 = largest
        DistanceMatrix column = new DistanceMatrix("column", List.of("r0", "r1", "r2"), List.of("c0"), new double[] { 0, 5, 10 });
        BufferedImage image = Charts.heatMap(column, "column", "distance").toImage(400, 600);
        Color low = Palette.ramp(0), mid = Palette.ramp(0.5), high = Palette.ramp(1);
        assertNotEquals(low, high);
        long[] lo = Rendered.pixels(image, low), md = Rendered.pixels(image, mid), hi = Rendered.pixels(image, high);
        assertTrue(lo[0] > 5000 && md[0] > 5000 && hi[0] > 5000, "cells not drawn in the palette: " + lo[0] + " " + md[0] + " " + hi[0]);
        double yLow = (double) lo[2] / lo[0], yMid = (double) md[2] / md[0], yHigh = (double) hi[2] / hi[0];
        assertTrue(yLow < yMid && yMid < yHigh, "rows not top to bottom: " + yLow + " " + yMid + " " + yHigh);

        DistanceMatrix row = new DistanceMatrix("row", List.of("only"), List.of("a", "b"), new double[] { 3, 1 });
        image = Charts.heatMap(row, "row", "distance").toImage(600, 300);
        lo = Rendered.pixels(image, low);
        hi = Rendered.pixels(image, high);
        assertTrue(lo[0] > 5000 && hi[0] > 5000);
        assertTrue((double) hi[1] / hi[0] < (double) lo[1] / lo[0], "column 0 (the larger value) is not on the left");
    }

    @Test
    void heatMapOfASquareMatrixShowsLabelsAndGreyNaN() throws Exception {
        int n = 20;
        List<String> layers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            layers.add("layer" + (i + 1) + ".conv");
        }
        double[] v = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                v[i * n + j] = Math.abs(i - j) / (double) n;
            }
        }
        v[3 * n + 7] = Double.NaN;
        v[4 * n + 9] = Double.POSITIVE_INFINITY;
        DistanceMatrix matrix = new DistanceMatrix("cka", layers, layers, v);
        Figure figure = Charts.heatMap(matrix, "CKA between layers", "1 - CKA");
        Path png = dir.resolve("heat.png");
        Path svg = dir.resolve("heat.svg");
        long t0 = System.nanoTime();
        figure.writePng(png, 800, 800);
        long t1 = System.nanoTime();
        figure.writeSvg(svg, 800, 800);
        long t2 = System.nanoTime();
        System.out.printf("heat map 20x20: png %.0f ms, svg %.0f ms%n", (t1 - t0) / 1e6, (t2 - t1) / 1e6);
        BufferedImage image = Rendered.png(png, 800, 800);
        assertTrue(Rendered.pixels(image, Palette.MISSING)[0] > 50, "no grey NaN cell");
        assertTrue(Rendered.pixels(image, Palette.INFINITE)[0] > 50, "no dark infinite cell");
        String texts = Rendered.texts(Rendered.svg(svg));
        for (String label : List.of("layer1.conv", "layer20.conv", "1 - CKA", "grey: 1 NaN cell", "black: 1 infinite cell")) {
            assertTrue(texts.contains(label), "SVG lacks '" + label + "'");
        }
    }

    @Test
    void heatMapOfAnAllNaNMatrixIsGreyAndSaysSo() throws Exception {
        DistanceMatrix nan = new DistanceMatrix("nan", List.of("a", "b"), List.of("a", "b"),
                new double[] { Double.NaN, Double.NaN, Double.NaN, Double.NaN });
        Path svg = dir.resolve("nan.svg");
        Charts.heatMap(nan, "nan", "d").writeSvg(svg, 300, 300);
        assertTrue(Rendered.texts(Rendered.svg(svg)).contains("all cells are NaN"));
    }

    @Test
    void badInputFailsInOneLine() {
        DistanceMatrix empty = new DistanceMatrix("empty", List.of(), List.of("a"), new double[0]);
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> Charts.heatMap(empty, "t", "v"));
        assertTrue(e.getMessage().contains("empty") && !e.getMessage().contains("\n"), e.getMessage());
        e = assertThrows(ToposcopeException.class, () -> Charts.categoryLines("t", "x", "y", List.of("a", "b"),
                List.of(Series.of("s", 1, 2, 3))));
        assertEquals("t: series 's' has 3 values for 2 categories", e.getMessage());
        e = assertThrows(ToposcopeException.class, () -> Charts.lines("t", "x", "y", List.of(Series.of("s", 1), Series.of("s", 2))));
        assertEquals("t: two series are named 's'", e.getMessage());
        assertThrows(ToposcopeException.class, () -> new Series("s", new double[2], new double[3]));
        Figure figure = Charts.lines("t", "x", "y", List.of(Series.of("s", 1, 2)));
        e = assertThrows(ToposcopeException.class, () -> figure.writePng(dir.resolve("huge.png"), 100_000, 10));
        assertTrue(e.getMessage().startsWith(dir.resolve("huge.png") + ": figure size"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("huge.png")));
        e = assertThrows(ToposcopeException.class, () -> figure.writePng(dir.resolve("missing/folder/x.png"), 100, 100));
        assertTrue(e.getMessage().startsWith(dir.resolve("missing/folder/x.png") + ": cannot write"), e.getMessage());
    }

    @Test
    void linesAndCategoryLinesShowTheirLabels() throws Exception {
        Path svg = dir.resolve("lines.svg");
        Charts.lines("Betti curves", "scale", "Betti number", List.of(new Series("H0", new double[] { 0, 1, 2 },
                new double[] { 10, 4, 1 }), new Series("H1", new double[] { 0, 1, 2 }, new double[] { 0, 3, Double.NaN })))
                .writeSvg(svg, 500, 400);
        String texts = Rendered.texts(Rendered.svg(svg));
        for (String label : List.of("Betti curves", "scale", "Betti number", "H0", "H1")) {
            assertTrue(texts.contains(label), "SVG lacks '" + label + "'");
        }
        List<String> layers = List.of("conv1", "layer1.0.bn1", "layer2.1.relu", "layer3.2.bn2", "fc");
        Path png = dir.resolve("layers.png");
        Figure figure = Charts.categoryLines("Purity by layer", "layer", "purity", layers,
                List.of(Series.of("node-wise", 0.2, 0.3, 0.5, 0.7, 0.9), Series.of("per image", 0.1, 0.2, 0.4, 0.8, 0.95)));
        figure.writeSvg(svg, 600, 450);
        figure.writePng(png, 600, 450);
        assertTrue(Rendered.variance(Rendered.png(png, 600, 450)) > 100);
        texts = Rendered.texts(Rendered.svg(svg));
        for (String label : List.of("Purity by layer", "layer", "purity", "node-wise", "per image", "layer1.0.bn1", "fc")) {
            assertTrue(texts.contains(label), "SVG lacks '" + label + "': " + texts);
        }
    }
}
