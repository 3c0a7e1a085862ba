package org.toposcope.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.ArrayList;
import java.util.List;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYLineAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.CrosshairState;
import org.jfree.chart.plot.PlotRenderingInfo;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.AbstractXYItemRenderer;
import org.jfree.chart.renderer.xy.XYItemRendererState;
import org.jfree.chart.ui.Layer;
import org.jfree.chart.ui.RectangleInsets;
import org.jfree.data.Range;
import org.jfree.data.xy.XYDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.toposcope.core.model.MapperGraph;

/** The static mapper figure: a plot without axes, one series per majority category, edges drawn beneath. */
final class MapperChart {

    private MapperChart() {
    }

    static Figure figure(MapperGraph graph, Layouts.Layout layout, NodeColouring colouring, String title) {
        int n = graph.nodes().size();
        int categories = colouring.categoryNames().size();
        int maxMembers = 1;
        for (MapperGraph.Node node : graph.nodes()) {
            maxMembers = Math.max(maxMembers, node.size());
        }
        // series s < categories: nodes whose majority is category s; series 'categories': nodes counting nothing
        List<XYSeries> series = new ArrayList<>();
        List<List<Double>> sizes = new ArrayList<>();
        for (int c = 0; c <= categories; c++) {
            series.add(new XYSeries(c < categories ? colouring.categoryNames().get(c) + "#" + c : "none", false, true));
            sizes.add(new ArrayList<>());
        }
        for (int i = 0; i < n; i++) {
            int majority = colouring.majority(i);
            int s = majority < 0 ? categories : majority;
            series.get(s).add(layout.x(i), layout.y(i), false);
            sizes.get(s).add(Math.sqrt((double) graph.nodes().get(i).size() / maxMembers));
        }
        XYSeriesCollection data = new XYSeriesCollection();
        NodeRenderer renderer = new NodeRenderer(n);
        for (int c = 0; c <= categories; c++) {
            if (series.get(c).getItemCount() == 0) {
                continue;
            }
            int index = data.getSeriesCount();
            data.addSeries(series.get(c));
            renderer.sizes.add(sizes.get(c).stream().mapToDouble(Double::doubleValue).toArray());
            renderer.setSeriesPaint(index, Palette.category(c < categories ? c : -1));
            renderer.legendLabels.add(c < categories ? colouring.categoryNames().get(c) : "no " + colouring.by());
        }
        int maxShared = 1;
        for (MapperGraph.Edge e : graph.edges()) {
            maxShared = Math.max(maxShared, e.sharedMembers());
        }
        for (MapperGraph.Edge e : graph.edges()) {
            float width = (float) (0.6 + 2.0 * Math.sqrt((double) e.sharedMembers() / maxShared));
            renderer.addAnnotation(new XYLineAnnotation(layout.x(e.source()), layout.y(e.source()), layout.x(e.target()),
                    layout.y(e.target()), new BasicStroke(width), new Color(0x9E9E9E)), Layer.BACKGROUND);
        }
        NumberAxis x = hiddenAxis();
        NumberAxis y = hiddenAxis();
        y.setInverted(true);
        EqualAspectPlot plot = new EqualAspectPlot(data, x, y, renderer, layout);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setOutlineVisible(false);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        plot.setAxisOffset(RectangleInsets.ZERO_INSETS);
        JFreeChart chart = Charts.chart(title, plot, n > 0);
        Charts.subtitle(chart, String.format(java.util.Locale.ROOT, "%,d nodes, %,d edges; colour: majority %s; size: members",
                n, graph.edges().size(), colouring.by()));
        return new Figure(title, chart);
    }

    private static NumberAxis hiddenAxis() {
        NumberAxis axis = new NumberAxis();
        axis.setVisible(false);
        axis.setAutoRange(false);
        return axis;
    }

    /** Sets both axes so one layout unit is as long across as down, whatever the drawing's size. */
    static final class EqualAspectPlot extends XYPlot {
        private static final long serialVersionUID = 1L;
        private final double minX, maxX, minY, maxY;

        EqualAspectPlot(XYDataset data, ValueAxis x, ValueAxis y, NodeRenderer renderer, Layouts.Layout layout) {
            super(data, x, y, renderer);
            double a = Double.POSITIVE_INFINITY, b = Double.NEGATIVE_INFINITY, c = Double.POSITIVE_INFINITY,
                    d = Double.NEGATIVE_INFINITY;
            for (int i = 0; i < layout.size(); i++) {
                a = Math.min(a, layout.x(i));
                b = Math.max(b, layout.x(i));
                c = Math.min(c, layout.y(i));
                d = Math.max(d, layout.y(i));
            }
            if (layout.size() == 0) {
                a = c = 0;
                b = d = 1;
            }
            // one unit of margin leaves room for the largest node
            minX = a - 1;
            maxX = b + 1;
            minY = c - 1;
            maxY = d + 1;
            x.setRange(minX, maxX);
            y.setRange(minY, maxY);
        }

        @Override
        public void draw(Graphics2D g2, Rectangle2D area, java.awt.geom.Point2D anchor,
                org.jfree.chart.plot.PlotState parentState, PlotRenderingInfo info) {
            double spanX = maxX - minX, spanY = maxY - minY;
            double ratio = area.getWidth() / Math.max(area.getHeight(), 1);
            if (spanX / spanY < ratio) {
                double grow = (spanY * ratio - spanX) / 2;
                getDomainAxis().setRange(new Range(minX - grow, maxX + grow), true, false);
                getRangeAxis().setRange(new Range(minY, maxY), true, false);
            } else {
                double grow = (spanX / ratio - spanY) / 2;
                getDomainAxis().setRange(new Range(minX, maxX), true, false);
                getRangeAxis().setRange(new Range(minY - grow, maxY + grow), true, false);
            }
            super.draw(g2, area, anchor, parentState, info);
        }
    }

    /** Draws each node as a disc whose radius grows with the square root of its members. */
    static final class NodeRenderer extends AbstractXYItemRenderer {
        private static final long serialVersionUID = 1L;
        final List<double[]> sizes = new ArrayList<>();
        final List<String> legendLabels = new ArrayList<>();
        private final int nodes;

        NodeRenderer(int nodes) {
            this.nodes = nodes;
            setDefaultLegendShape(Charts.circle(5));
        }

        @Override
        public org.jfree.chart.LegendItem getLegendItem(int datasetIndex, int series) {
            org.jfree.chart.LegendItem item = new org.jfree.chart.LegendItem(legendLabels.get(series), null, null, null,
                    Charts.circle(5), lookupSeriesPaint(series), new BasicStroke(0.5f), Color.DARK_GRAY);
            item.setSeriesIndex(series);
            item.setDatasetIndex(datasetIndex);
            return item;
        }

        @Override
        public void drawItem(Graphics2D g2, XYItemRendererState state, Rectangle2D dataArea, PlotRenderingInfo info,
                XYPlot plot, ValueAxis domainAxis, ValueAxis rangeAxis, XYDataset dataset, int series, int item,
                CrosshairState crosshairState, int pass) {
            double unit = Math.abs(domainAxis.lengthToJava2D(1, dataArea, plot.getDomainAxisEdge()));
            // at most ~0.45 unit (neighbours are ~1 unit apart), at least 2 px, at most a 25th of the drawing
            double largest = Math.max(3, Math.min(0.45 * unit, Math.min(dataArea.getWidth(), dataArea.getHeight()) / 25));
            double smallest = Math.max(1.5, largest * 0.25);
            double radius = smallest + (largest - smallest) * sizes.get(series)[item];
            double px = domainAxis.valueToJava2D(dataset.getXValue(series, item), dataArea, plot.getDomainAxisEdge());
            double py = rangeAxis.valueToJava2D(dataset.getYValue(series, item), dataArea, plot.getRangeAxisEdge());
            Ellipse2D disc = new Ellipse2D.Double(px - radius, py - radius, 2 * radius, 2 * radius);
            g2.setPaint(lookupSeriesPaint(series));
            g2.fill(disc);
            g2.setPaint(Color.DARK_GRAY);
            g2.setStroke(new BasicStroke(nodes > 500 ? 0.3f : 0.6f));
            g2.draw(disc);
        }
    }
}
