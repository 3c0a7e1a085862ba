package org.toposcope.ui.views;

import java.util.Locale;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.report.Palette;

/**
 * One persistence diagram drawn with GC: births across, deaths up, the diagonal, one colour per dimension (the
 * report's palette), essential classes on a dashed ∞ line at the top, round axis ticks; hovering a point shows
 * its birth, death and persistence.
 */
final class DiagramCanvas extends Canvas {

    private static final int LEFT = 62, RIGHT = 14, TOP = 26, BOTTOM = 38, RADIUS = 3;

    private final String title;
    private final PersistenceDiagram diagram;
    private final double lo, hi, infinity, min, max;
    private final int[] drawn;
    // screen positions of the last paint, per dimension: finite pairs then essential classes
    private int[][] xs, ys;

    DiagramCanvas(Composite parent, String title, PersistenceDiagram diagram) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.title = title;
        this.diagram = diagram;
        double l = Double.POSITIVE_INFINITY, h = Double.NEGATIVE_INFINITY;
        for (PersistenceDiagram.Dimension d : diagram.dimensions()) {
            for (int i = 0; i < d.finiteCount(); i++) {
                l = Math.min(l, d.birth(i));
                h = Math.max(h, d.death(i));
            }
            for (double b : d.essentialBirths()) {
                if (Double.isFinite(b)) {
                    l = Math.min(l, b);
                    h = Math.max(h, b);
                }
            }
        }
        if (l > h) {
            l = 0;
            h = 1;
        }
        double span = h > l ? h - l : Math.max(1, Math.abs(h));
        lo = l;
        hi = h;
        infinity = h + 0.08 * span;
        min = l - 0.04 * span;
        max = infinity + 0.04 * span;
        drawn = new int[diagram.dimensions().size()];
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.MouseMove, e -> setToolTipText(describeAt(e.x, e.y)));
        addListener(SWT.MouseExit, e -> setToolTipText(null));
    }

    /** Points drawn in the last paint, per dimension (finite pairs and essential classes with a finite birth). */
    int[] drawnCounts() {
        return drawn.clone();
    }

    PersistenceDiagram diagram() {
        return diagram;
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        gc.setAntialias(SWT.ON);
        int x0 = LEFT, x1 = Math.max(LEFT + 10, area.width - RIGHT);
        int y0 = Math.max(TOP + 10, area.height - BOTTOM), y1 = TOP;
        Color grey = getDisplay().getSystemColor(SWT.COLOR_GRAY);
        Color black = getDisplay().getSystemColor(SWT.COLOR_BLACK);
        gc.setForeground(black);
        Plots.centred(gc, title, (x0 + x1) / 2, 4);

        // ticks and grid
        gc.setLineStyle(SWT.LINE_SOLID);
        for (double t : Plots.ticks(lo, hi, 6)) {
            int x = sx(t, x0, x1), y = sy(t, y0, y1);
            gc.setForeground(new Color(0xE6, 0xE6, 0xE6));
            gc.drawLine(x, y0, x, y1);
            gc.drawLine(x0, y, x1, y);
            gc.setForeground(black);
            gc.drawLine(x, y0, x, y0 + 4);
            gc.drawLine(x0 - 4, y, x0, y);
            Plots.centred(gc, Plots.number(t), x, y0 + 5);
            Plots.rightAligned(gc, Plots.number(t), x0 - 6, y);
        }
        gc.drawRectangle(x0, y1, x1 - x0, y0 - y1);
        Plots.centred(gc, "birth", (x0 + x1) / 2, y0 + 20);
        // "death" reads bottom-up along the vertical axis
        org.eclipse.swt.graphics.Transform t = new org.eclipse.swt.graphics.Transform(getDisplay());
        try {
            Point e = gc.textExtent("death");
            t.translate(2, (y0 + y1) / 2 + e.x / 2);
            t.rotate(-90);
            gc.setTransform(t);
            gc.drawText("death", 0, 0, true);
        } finally {
            gc.setTransform(null);
            t.dispose();
        }

        // diagonal and the ∞ line
        gc.setForeground(grey);
        gc.drawLine(sx(min, x0, x1), sy(min, y0, y1), sx(max, x0, x1), sy(max, y0, y1));
        int yInf = sy(infinity, y0, y1);
        gc.setLineStyle(SWT.LINE_DASH);
        gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_DARK_GRAY));
        gc.drawLine(x0, yInf, x1, yInf);
        gc.setLineStyle(SWT.LINE_SOLID);
        gc.drawText("∞", x0 + 4, yInf - gc.textExtent("∞").y, true);
        Plots.rightAligned(gc, "∞", x0 - 6, yInf);

        // points, lower dimensions first
        xs = new int[drawn.length][];
        ys = new int[drawn.length][];
        gc.setAlpha(190);
        for (PersistenceDiagram.Dimension d : diagram.dimensions()) {
            int k = d.dimension();
            double[] essential = d.essentialBirths();
            xs[k] = new int[d.finiteCount() + essential.length];
            ys[k] = new int[xs[k].length];
            gc.setBackground(Plots.swt(Palette.category(k)));
            int count = 0;
            for (int i = 0; i < xs[k].length; i++) {
                double b = i < d.finiteCount() ? d.birth(i) : essential[i - d.finiteCount()];
                double v = i < d.finiteCount() ? d.death(i) : infinity;
                if (!Double.isFinite(b)) {
                    xs[k][i] = Integer.MIN_VALUE;
                    continue;
                }
                xs[k][i] = sx(b, x0, x1);
                ys[k][i] = sy(v, y0, y1);
                gc.fillOval(xs[k][i] - RADIUS, ys[k][i] - RADIUS, 2 * RADIUS + 1, 2 * RADIUS + 1);
                count++;
            }
            drawn[k] = count;
        }
        gc.setAlpha(255);

        // legend below the ∞ line near the death axis, where few points fall (H0 births sit on the axis itself)
        int ly = yInf + 8;
        for (PersistenceDiagram.Dimension d : diagram.dimensions()) {
            String label = String.format(Locale.ROOT, "H%d (%,d)", d.dimension(), d.finiteCount() + d.essentialBirths().length);
            Point e = gc.textExtent(label);
            int lx = x0 + 36;
            gc.setBackground(Plots.swt(Palette.category(d.dimension())));
            gc.fillOval(lx - 12, ly + e.y / 2 - 4, 8, 8);
            gc.setForeground(black);
            gc.drawText(label, lx, ly, true);
            ly += e.y + 2;
        }
    }

    private int sx(double v, int x0, int x1) {
        return x0 + (int) Math.round((v - min) / (max - min) * (x1 - x0));
    }

    private int sy(double v, int y0, int y1) {
        return y0 - (int) Math.round((v - min) / (max - min) * (y0 - y1));
    }

    /** Birth, death and persistence of the point nearest (x, y) within a few pixels, or null. */
    String describeAt(int x, int y) {
        if (xs == null) {
            return null;
        }
        int bestK = -1, bestI = -1;
        long best = (long) (RADIUS + 3) * (RADIUS + 3);
        for (int k = 0; k < xs.length; k++) {
            for (int i = 0; i < xs[k].length; i++) {
                if (xs[k][i] == Integer.MIN_VALUE) {
                    continue;
                }
                long dx = xs[k][i] - x, dy = ys[k][i] - y, d2 = dx * dx + dy * dy;
                if (d2 <= best) {
                    best = d2;
                    bestK = k;
                    bestI = i;
                }
            }
        }
        return bestK < 0 ? null : describe(bestK, bestI);
    }

    /** The hover text of point {@code i} of dimension {@code k} (finite pairs first, then essential classes). */
    String describe(int k, int i) {
        PersistenceDiagram.Dimension d = diagram.dimension(k);
        if (i < d.finiteCount()) {
            return String.format(Locale.ROOT, "H%d  birth %s  death %s  persistence %s", k, Plots.number(d.birth(i)),
                    Plots.number(d.death(i)), Plots.number(d.death(i) - d.birth(i)));
        }
        double b = d.essentialBirths()[i - d.finiteCount()];
        return String.format(Locale.ROOT, "H%d  birth %s  death ∞  persistence ∞ (essential)", k, Plots.number(b));
    }

    /** Where point {@code i} of dimension {@code k} was drawn, for tests that hover it. */
    Point position(int k, int i) {
        return xs == null ? null : new Point(xs[k][i], ys[k][i]);
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 320 : wHint, hHint == SWT.DEFAULT ? 280 : hHint);
    }
}
