package org.toposcope.ui.views;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.report.Barcodes;
import org.toposcope.report.Charts;
import org.toposcope.report.Palette;

/**
 * A barcode drawn with GC, the same bars as the report's barcode figure ({@link Barcodes#longest}, at most
 * {@link Charts#BARCODE_CAP} per dimension): essential bars to the ∞ line, then finite bars longest first;
 * hovering a bar shows its birth, death and persistence.
 */
final class BarcodeCanvas extends Canvas {

    private static final int LEFT = 44, RIGHT = 24, TOP = 26, BOTTOM = 38;

    private final String title;
    private final PersistenceDiagram diagram;
    /** Rows top to bottom: {dimension, bar}; a separator row between dimensions is {-1, -1}. */
    private final List<int[]> rows = new ArrayList<>();
    private final double lo, hi, infinity;
    private int rowTop, drawnBars;
    private double rowStep;

    BarcodeCanvas(Composite parent, String title, PersistenceDiagram diagram) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.title = title;
        this.diagram = diagram;
        double l = Double.POSITIVE_INFINITY, h = Double.NEGATIVE_INFINITY;
        for (PersistenceDiagram.Dimension d : diagram.dimensions()) {
            int[] bars = Barcodes.longest(d, Charts.BARCODE_CAP);
            if (bars.length > 0 && !rows.isEmpty()) {
                rows.add(new int[] {-1, -1});
            }
            for (int bar : bars) {
                rows.add(new int[] {d.dimension(), bar});
                double b = birth(d, bar);
                if (Double.isFinite(b)) {
                    l = Math.min(l, b);
                    h = Math.max(h, bar < d.finiteCount() ? d.death(bar) : b);
                }
            }
        }
        if (l > h) {
            l = 0;
            h = 1;
        }
        double span = h > l ? h - l : Math.max(1, Math.abs(h));
        lo = l - 0.02 * span;
        hi = h;
        infinity = h + 0.06 * span;
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.MouseMove, e -> setToolTipText(describeAt(e.y)));
        addListener(SWT.MouseExit, e -> setToolTipText(null));
    }

    private static double birth(PersistenceDiagram.Dimension d, int bar) {
        return bar < d.finiteCount() ? d.birth(bar) : d.essentialBirths()[bar - d.finiteCount()];
    }

    /** Bars drawn in the last paint (all dimensions). */
    int barCount() {
        return drawnBars;
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        Color black = getDisplay().getSystemColor(SWT.COLOR_BLACK);
        gc.setForeground(black);
        int x0 = LEFT, x1 = Math.max(LEFT + 10, area.width - RIGHT);
        int y0 = TOP, y1 = Math.max(TOP + 10, area.height - BOTTOM);
        Plots.centred(gc, title, (x0 + x1) / 2, 4);
        for (double t : Plots.ticks(lo, hi, 6)) {
            int x = sx(t, x0, x1);
            gc.setForeground(new Color(0xE6, 0xE6, 0xE6));
            gc.drawLine(x, y0, x, y1);
            gc.setForeground(black);
            gc.drawLine(x, y1, x, y1 + 4);
            Plots.centred(gc, Plots.number(t), x, y1 + 5);
        }
        Plots.centred(gc, "filtration value", (x0 + x1) / 2, y1 + 20);
        int xInf = sx(infinity, x0, x1);
        gc.setLineStyle(SWT.LINE_DASH);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawLine(xInf, y0, xInf, y1);
        gc.setLineStyle(SWT.LINE_SOLID);
        Plots.centred(gc, "∞", xInf, y0 - 16);
        gc.setForeground(black);
        gc.drawLine(x0, y1, x1, y1);

        rowTop = y0;
        // rows share the height, at most 10 pixels each; with more rows than pixels bars overlap rather than go missing
        rowStep = Math.min(10.0, (double) (y1 - y0) / Math.max(1, rows.size()));
        int barHeight = Math.max(1, (int) (rowStep * 0.75));
        int lastDimension = -1, count = 0;
        for (int r = 0; r < rows.size(); r++) {
            int[] row = rows.get(r);
            int y = y0 + (int) (r * rowStep);
            if (row[0] < 0) {
                continue;
            }
            PersistenceDiagram.Dimension d = diagram.dimension(row[0]);
            gc.setBackground(Plots.swt(Palette.category(row[0])));
            int start = sx(birth(d, row[1]), x0, x1);
            int end = row[1] < d.finiteCount() ? sx(d.death(row[1]), x0, x1) : xInf;
            gc.fillRectangle(start, y, Math.max(1, end - start), barHeight);
            count++;
            if (row[0] != lastDimension) {
                lastDimension = row[0];
                gc.setForeground(black);
                Plots.rightAligned(gc, "H" + row[0], x0 - 6, y + barHeight / 2);
            }
        }
        drawnBars = count;
    }

    private int sx(double v, int x0, int x1) {
        double range = infinity + 0.03 * (infinity - lo) - lo;
        return x0 + (int) Math.round((v - lo) / range * (x1 - x0));
    }

    /** Birth, death and persistence of the bar at height y, or null. */
    String describeAt(int y) {
        if (rowStep == 0 || y < rowTop) {
            return null;
        }
        int r = (int) ((y - rowTop) / rowStep);
        if (r >= rows.size() || rows.get(r)[0] < 0) {
            return null;
        }
        PersistenceDiagram.Dimension d = diagram.dimension(rows.get(r)[0]);
        int bar = rows.get(r)[1];
        if (bar < d.finiteCount()) {
            return String.format(Locale.ROOT, "H%d  birth %s  death %s  persistence %s", d.dimension(), Plots.number(d.birth(bar)),
                    Plots.number(d.death(bar)), Plots.number(d.death(bar) - d.birth(bar)));
        }
        return String.format(Locale.ROOT, "H%d  birth %s  death ∞  persistence ∞ (essential)", d.dimension(),
                Plots.number(birth(d, bar)));
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 320 : wHint, hHint == SWT.DEFAULT ? 280 : hHint);
    }
}
