package org.toposcope.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYBoxAnnotation;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.annotations.XYPolygonAnnotation;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.block.BlockBorder;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.LineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.DefaultXYZDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.PersistenceDiagram;

/** The report's figures. Each returns a {@link Figure} to be written as PNG and SVG. */
public final class Charts {

    /** Most bars a barcode draws per dimension (the longest). */
    public static final int BARCODE_CAP = 500;

    static final Font SUBTITLE_FONT = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
    private static final BasicStroke DASHED = new BasicStroke(1f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10f,
            new float[] { 5f, 4f }, 0f);

    private Charts() {
    }

    // ---------------------------------------------------------------- persistence

    /**
     * Scatter of (birth, death) per dimension (one colour per dimension, legend "H0", "H1", ...), the diagonal,
     * and the essential classes at the top on a dashed "∞" line.
     */
    public static Figure persistenceDiagram(PersistenceDiagram diagram, String title) {
        Headless.ensure();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        int skipped = 0;
        for (PersistenceDiagram.Dimension d : diagram.dimensions()) {
            for (int i = 0; i < d.finiteCount(); i++) {
                lo = Math.min(lo, d.birth(i));
                hi = Math.max(hi, d.death(i));
            }
            for (double b : d.essentialBirths()) {
                if (Double.isFinite(b)) {
                    lo = Math.min(lo, b);
                    hi = Math.max(hi, b);
                } else {
                    skipped++;
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double span = hi > lo ? hi - lo : Math.max(1, Math.abs(hi));
        double infinity = hi + 0.08 * span;

        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        int points = 0;
        for (PersistenceDiagram.Dimension d : diagram.dimensions()) {
            XYSeries series = new XYSeries("H" + d.dimension(), false, true);
            for (int i = 0; i < d.finiteCount(); i++) {
                series.add(d.birth(i), d.death(i), false);
            }
            for (double b : d.essentialBirths()) {
                if (Double.isFinite(b)) {
                    series.add(b, infinity, false);
                }
            }
            points += series.getItemCount();
            int index = data.getSeriesCount();
            data.addSeries(series);
            renderer.setSeriesPaint(index, translucent(Palette.category(d.dimension()), 190));
            renderer.setSeriesShape(index, circle(3.5));
        }
        NumberAxis birth = new NumberAxis("birth");
        NumberAxis death = new NumberAxis("death");
        double pad = 0.04 * span;
        birth.setRange(lo - pad, infinity + pad);
        death.setRange(lo - pad, infinity + pad);
        XYPlot plot = new XYPlot(data, birth, death, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xE0E0E0));
        plot.setRangeGridlinePaint(new Color(0xE0E0E0));
        plot.addAnnotation(new XYLineAnnotation(lo - pad, lo - pad, infinity + pad, infinity + pad, new BasicStroke(1f),
                Color.GRAY));
        ValueMarker infinityLine = new ValueMarker(infinity, Color.DARK_GRAY, DASHED);
        infinityLine.setLabel("∞");
        infinityLine.setLabelFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        infinityLine.setLabelAnchor(RectangleAnchor.LEFT);
        infinityLine.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        infinityLine.setLabelOffset(new RectangleInsets(2, 4, 2, 2));
        infinityLine.setLabelBackgroundColor(new Color(255, 255, 255, 0));
        plot.addRangeMarker(infinityLine, Layer.BACKGROUND);
        JFreeChart chart = chart(title, plot, true);
        if (points == 0) {
            subtitle(chart, "no pairs");
        }
        if (skipped > 0) {
            subtitle(chart, skipped + " essential classes with a non-finite birth not drawn");
        }
        return new Figure(title, chart);
    }

    /**
     * Barcode: one horizontal bar per pair, grouped by dimension, longest first within a dimension; essential
     * bars run to the right edge and end in an arrow. At most {@link #BARCODE_CAP} bars per dimension, the longest;
     * the subtitle says when bars were left out.
     */
    public static Figure barcode(PersistenceDiagram diagram, String title) {
        Headless.ensure();
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        List<int[]> chosen = new ArrayList<>();
        for (PersistenceDiagram.Dimension d : diagram.dimensions()) {
            int[] bars = Barcodes.longest(d, BARCODE_CAP);
            chosen.add(bars);
            for (int bar : bars) {
                if (bar < d.finiteCount()) {
                    lo = Math.min(lo, d.birth(bar));
                    hi = Math.max(hi, d.death(bar));
                } else {
                    lo = Math.min(lo, Barcodes.essentialBirth(d, bar));
                    hi = Math.max(hi, Barcodes.essentialBirth(d, bar));
                }
            }
        }
        if (lo > hi) {
            lo = 0;
            hi = 1;
        }
        double span = hi > lo ? hi - lo : Math.max(1, Math.abs(hi));
        double infinity = hi + 0.06 * span;
        double arrow = 0.03 * span;

        NumberAxis value = new NumberAxis("filtration value");
        value.setRange(lo - 0.02 * span, infinity + arrow + 0.01 * span);
        // row r is drawn at y = -r: box annotations draw nothing on an inverted axis (negative height)
        NumberAxis rowsAxis = new NumberAxis("bars, longest first");
        rowsAxis.setTickLabelsVisible(false);
        rowsAxis.setTickMarksVisible(false);
        XYPlot plot = new XYPlot(new XYSeriesCollection(), value, rowsAxis, new XYLineAndShapeRenderer(false, false));
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinesVisible(false);
        plot.setDomainGridlinePaint(new Color(0xE0E0E0));

        org.jfree.chart.LegendItemCollection legend = new org.jfree.chart.LegendItemCollection();
        List<String> capped = new ArrayList<>();
        int row = 0;
        for (PersistenceDiagram.Dimension d : diagram.dimensions()) {
            int[] bars = chosen.get(d.dimension());
            int total = d.finiteCount() + d.essentialBirths().length;
            if (bars.length == 0) {
                continue;
            }
            Color colour = Palette.category(d.dimension());
            if (row > 0) {
                ValueMarker separator = new ValueMarker(-row, Color.LIGHT_GRAY, DASHED);
                plot.addRangeMarker(separator, Layer.BACKGROUND);
                row++;
            }
            for (int bar : bars) {
                double start, end;
                if (bar < d.finiteCount()) {
                    start = d.birth(bar);
                    end = d.death(bar);
                } else {
                    start = Barcodes.essentialBirth(d, bar);
                    end = infinity;
                    plot.addAnnotation(new XYPolygonAnnotation(new double[] { infinity, -row - 0.45, infinity + arrow, -row,
                            infinity, -row + 0.45 }, null, null, colour), false);
                }
                plot.addAnnotation(new XYBoxAnnotation(start, -row - 0.4, end, -row + 0.4, null, null, colour), false);
                row++;
            }
            legend.add(new org.jfree.chart.LegendItem("H" + d.dimension(), null, null, null,
                    new Rectangle2D.Double(-6, -4, 12, 8), colour));
            if (bars.length < total) {
                capped.add(String.format(Locale.ROOT, "H%d: the %,d longest of %,d bars", d.dimension(), bars.length, total));
            }
        }
        // headroom above the first bar for the ∞ label
        double top = 0.5 + Math.max(0.7, 0.04 * row);
        rowsAxis.setRange(-Math.max(row, 1), top);
        plot.addDomainMarker(new ValueMarker(infinity, Color.DARK_GRAY, DASHED), Layer.BACKGROUND);
        // a text annotation, not the marker's label: domain-marker labels come out rotated
        org.jfree.chart.annotations.XYTextAnnotation infinityLabel = new org.jfree.chart.annotations.XYTextAnnotation("∞ ",
                infinity, 0);
        infinityLabel.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
        infinityLabel.setTextAnchor(TextAnchor.CENTER_RIGHT);
        infinityLabel.setY((0.4 + top) / 2);
        plot.addAnnotation(infinityLabel, false);
        plot.setFixedLegendItems(legend);
        JFreeChart chart = chart(title, plot, true);
        if (row == 0) {
            subtitle(chart, "no bars");
        }
        if (!capped.isEmpty()) {
            subtitle(chart, String.join("; ", capped) + " shown (cap " + BARCODE_CAP + " per dimension)");
        }
        return new Figure(title, chart);
    }

    // ---------------------------------------------------------------- matrices

    /**
     * Heat map of a matrix, origin top-left, row and column labels on the axes (column labels rotated), and a
     * colour legend titled {@code valueLabel}. NaN cells are grey and infinite ones near-black; the subtitle
     * counts them.
     */
    public static Figure heatMap(DistanceMatrix matrix, String title, String valueLabel) {
        Headless.ensure();
        int rows = matrix.rows(), columns = matrix.columns();
        if (rows == 0 || columns == 0) {
            throw new ToposcopeException(matrix.name() + ": cannot draw a heat map of an empty " + rows + " x " + columns + " matrix");
        }
        double min = Double.POSITIVE_INFINITY, max = Double.NEGATIVE_INFINITY;
        int nan = 0, infinite = 0;
        double[][] xyz = new double[3][rows * columns];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                double v = matrix.get(r, c);
                int k = r * columns + c;
                xyz[0][k] = c;
                xyz[1][k] = r;
                xyz[2][k] = v;
                if (Double.isNaN(v)) {
                    nan++;
                } else if (Double.isInfinite(v)) {
                    infinite++;
                } else {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        if (min > max) {
            min = 0;
            max = 1;
        } else if (min == max) {
            min -= 0.5;
            max += 0.5;
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(matrix.name(), xyz);
        RampPaintScale scale = new RampPaintScale(min, max);
        XYBlockRenderer renderer = new XYBlockRenderer();
        renderer.setPaintScale(scale);
        renderer.setBlockWidth(1);
        renderer.setBlockHeight(1);
        SymbolAxis columnAxis = new SymbolAxis(null, matrix.columnLabels().toArray(String[]::new));
        columnAxis.setVerticalTickLabels(true);
        columnAxis.setGridBandsVisible(false);
        columnAxis.setRange(-0.5, columns - 0.5);
        SymbolAxis rowAxis = new SymbolAxis(null, matrix.rowLabels().toArray(String[]::new));
        rowAxis.setInverted(true);
        rowAxis.setGridBandsVisible(false);
        rowAxis.setRange(-0.5, rows - 0.5);
        Font labels = new Font(Font.SANS_SERIF, Font.PLAIN, Math.max(11 - Math.max(rows, columns) / 25, 7));
        columnAxis.setTickLabelFont(labels);
        rowAxis.setTickLabelFont(labels);
        XYPlot plot = new XYPlot(data, columnAxis, rowAxis, renderer);
        plot.setDomainAxisLocation(AxisLocation.TOP_OR_LEFT);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = chart(title, plot, false);
        NumberAxis scaleAxis = new NumberAxis(valueLabel);
        scaleAxis.setRange(min, max);
        PaintScaleLegend legend = new PaintScaleLegend(scale, scaleAxis);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setMargin(new RectangleInsets(4, 8, 4, 4));
        legend.setStripWidth(14);
        legend.setSubdivisionCount(128);
        legend.setAxisLocation(AxisLocation.BOTTOM_OR_RIGHT);
        chart.addSubtitle(legend);
        List<String> notes = new ArrayList<>();
        if (nan > 0) {
            notes.add(nan == rows * columns ? "all cells are NaN (grey)" : "grey: " + nan + " NaN cell" + (nan == 1 ? "" : "s"));
        }
        if (infinite > 0) {
            notes.add("black: " + infinite + " infinite cell" + (infinite == 1 ? "" : "s"));
        }
        if (!notes.isEmpty()) {
            subtitle(chart, String.join("; ", notes));
        }
        return new Figure(title, chart);
    }

    // ---------------------------------------------------------------- lines

    /** XY line chart with markers, one line per series (a series without x is drawn over 0, 1, 2, ...). */
    public static Figure lines(String title, String xLabel, String yLabel, List<Series> series) {
        Headless.ensure();
        uniqueNames(title, series);
        XYSeriesCollection data = new XYSeriesCollection();
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            XYSeries xy = new XYSeries(one.name(), false, true);
            for (int i = 0; i < one.size(); i++) {
                xy.add(one.xAt(i), finiteOrNaN(one.yAt(i)), false);
            }
            data.addSeries(xy);
            style(renderer, s);
        }
        NumberAxis x = new NumberAxis(xLabel);
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(0xE0E0E0));
        plot.setRangeGridlinePaint(new Color(0xE0E0E0));
        return new Figure(title, chart(title, plot, true));
    }

    /** Line chart over categories (e.g. layer names, rotated labels), one line per series; uses {@link Series#y()} only. */
    public static Figure categoryLines(String title, String xLabel, String yLabel, List<String> categories, List<Series> series) {
        Headless.ensure();
        uniqueNames(title, series);
        if (new HashSet<>(categories).size() != categories.size()) {
            throw new ToposcopeException(title + ": the categories repeat a name");
        }
        DefaultCategoryDataset data = new DefaultCategoryDataset();
        LineAndShapeRenderer renderer = new LineAndShapeRenderer(true, true);
        for (int s = 0; s < series.size(); s++) {
            Series one = series.get(s);
            if (one.size() != categories.size()) {
                throw new ToposcopeException(title + ": series '" + one.name() + "' has " + one.size() + " values for "
                        + categories.size() + " categories");
            }
            for (int i = 0; i < one.size(); i++) {
                double v = one.yAt(i);
                data.addValue(Double.isFinite(v) ? Double.valueOf(v) : null, one.name(), categories.get(i));
            }
            renderer.setSeriesPaint(s, Palette.category(s));
            renderer.setSeriesStroke(s, new BasicStroke(1.6f));
            renderer.setSeriesShape(s, circle(3));
        }
        CategoryAxis x = new CategoryAxis(xLabel);
        x.setCategoryLabelPositions(CategoryLabelPositions.UP_45);
        x.setMaximumCategoryLabelWidthRatio(0.6f);
        NumberAxis y = new NumberAxis(yLabel);
        y.setAutoRangeIncludesZero(false);
        CategoryPlot plot = new CategoryPlot(data, x, y, renderer);
        plot.setOrientation(PlotOrientation.VERTICAL);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setRangeGridlinePaint(new Color(0xE0E0E0));
        return new Figure(title, chart(title, plot, true));
    }

    // ---------------------------------------------------------------- mapper

    /**
     * Static drawing of a mapper graph: the deterministic {@link Layouts#forceDirected} layout (seed 1), nodes
     * sized by the square root of their members and coloured by their majority category, a legend of categories.
     */
    public static Figure mapperGraph(MapperGraph graph, NodeColouring colouring, String title) {
        Headless.ensure();
        if (colouring.nodes() != graph.nodes().size()) {
            throw new ToposcopeException(graph.name() + ": the colouring by " + colouring.by() + " has " + colouring.nodes()
                    + " nodes, the graph " + graph.nodes().size());
        }
        Layouts.Layout layout = Layouts.forceDirected(graph, 1);
        return MapperChart.figure(graph, layout, colouring, title);
    }

    // ---------------------------------------------------------------- shared

    static JFreeChart chart(String title, org.jfree.chart.plot.Plot plot, boolean legend) {
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 15), plot, legend);
        chart.setBackgroundPaint(Color.WHITE);
        chart.setAntiAlias(true);
        if (legend) {
            chart.getLegend().setFrame(BlockBorder.NONE);
            chart.getLegend().setBackgroundPaint(Color.WHITE);
        }
        return chart;
    }

    static void subtitle(JFreeChart chart, String text) {
        TextTitle subtitle = new TextTitle(text, SUBTITLE_FONT);
        subtitle.setPaint(Color.DARK_GRAY);
        chart.addSubtitle(subtitle);
    }

    static Shape circle(double radius) {
        return new Ellipse2D.Double(-radius, -radius, 2 * radius, 2 * radius);
    }

    private static Paint translucent(Color c, int alpha) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
    }

    private static void style(XYLineAndShapeRenderer renderer, int s) {
        renderer.setSeriesPaint(s, Palette.category(s));
        renderer.setSeriesStroke(s, new BasicStroke(1.6f));
        renderer.setSeriesShape(s, circle(3));
    }

    private static double finiteOrNaN(double v) {
        return Double.isFinite(v) ? v : Double.NaN;
    }

    private static void uniqueNames(String title, List<Series> series) {
        Set<String> names = new HashSet<>();
        for (Series s : series) {
            if (!names.add(s.name())) {
                throw new ToposcopeException(title + ": two series are named '" + s.name() + "'");
            }
        }
    }
}
