package org.toposcope.ui.views;

import java.util.Locale;
import java.util.function.BiConsumer;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.graphics.Transform;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.report.Palette;

/**
 * A matrix as a heat map drawn with GC: row labels left, column labels vertical on top, the report's ramp
 * over the finite values (NaN grey, infinite near-black) and a colour legend on the right. Hover shows row,
 * column and value; a click reports the cell.
 */
final class HeatMapCanvas extends Canvas {

    private static final int LEGEND = 70, PAD = 8;

    private DistanceMatrix matrix;
    private String valueLabel = "";
    private double min, max;
    private int selectedRow = -1, selectedColumn = -1;
    private Rectangle cells = new Rectangle(0, 0, 0, 0);
    private final BiConsumer<Integer, Integer> onClick;

    HeatMapCanvas(Composite parent, BiConsumer<Integer, Integer> onClick) {
        super(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        this.onClick = onClick;
        addPaintListener(e -> paint(e.gc));
        addListener(SWT.MouseMove, e -> {
            int[] cell = cellAt(e.x, e.y);
            setToolTipText(cell == null ? null : describe(cell[0], cell[1]));
        });
        addListener(SWT.MouseUp, e -> {
            int[] cell = cellAt(e.x, e.y);
            if (cell != null && e.button == 1) {
                onClick.accept(cell[0], cell[1]);
            }
        });
    }

    void setMatrix(DistanceMatrix m, String valueLabel) {
        this.matrix = m;
        this.valueLabel = valueLabel;
        selectedRow = selectedColumn = -1;
        min = Double.POSITIVE_INFINITY;
        max = Double.NEGATIVE_INFINITY;
        if (m != null) {
            for (double v : m.values()) {
                if (Double.isFinite(v)) {
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
        redraw();
    }

    void select(int row, int column) {
        selectedRow = row;
        selectedColumn = column;
        redraw();
    }

    /** Tooltip text of a cell: row, column and value. */
    String describe(int row, int column) {
        return String.format(Locale.ROOT, "%s × %s: %s", matrix.rowLabels().get(row), matrix.columnLabels().get(column),
                Plots.number(matrix.get(row, column)));
    }

    /** The cell under (x, y) as {row, column}, or null. */
    int[] cellAt(int x, int y) {
        if (matrix == null || !cells.contains(x, y)) {
            return null;
        }
        int c = (x - cells.x) * matrix.columns() / cells.width;
        int r = (y - cells.y) * matrix.rows() / cells.height;
        return r < matrix.rows() && c < matrix.columns() ? new int[] {r, c} : null;
    }

    /** The centre of a cell in canvas coordinates (for tests that click it). */
    Point centre(int row, int column) {
        return new Point(cells.x + (2 * column + 1) * cells.width / (2 * matrix.columns()),
                cells.y + (2 * row + 1) * cells.height / (2 * matrix.rows()));
    }

    private Color colour(double v) {
        if (Double.isNaN(v)) {
            return Plots.swt(Palette.MISSING);
        }
        if (Double.isInfinite(v)) {
            return Plots.swt(Palette.INFINITE);
        }
        return Plots.swt(Palette.ramp((v - min) / (max - min)));
    }

    private void paint(GC gc) {
        Rectangle area = getClientArea();
        gc.setBackground(getDisplay().getSystemColor(SWT.COLOR_WHITE));
        gc.fillRectangle(area);
        if (matrix == null || matrix.rows() == 0 || matrix.columns() == 0) {
            cells = new Rectangle(0, 0, 0, 0);
            return;
        }
        Color black = getDisplay().getSystemColor(SWT.COLOR_BLACK);
        gc.setForeground(black);
        int rowText = 0, columnText = 0;
        for (String l : matrix.rowLabels()) {
            rowText = Math.max(rowText, gc.textExtent(l).x);
        }
        for (String l : matrix.columnLabels()) {
            columnText = Math.max(columnText, gc.textExtent(l).x);
        }
        int left = PAD + rowText + 6, top = PAD + columnText + 6;
        int width = Math.max(10, area.width - left - LEGEND - PAD), height = Math.max(10, area.height - top - PAD);
        int side = Math.min(width / matrix.columns(), height / matrix.rows());
        side = Math.max(side, 2);
        cells = new Rectangle(left, top, side * matrix.columns(), side * matrix.rows());
        for (int r = 0; r < matrix.rows(); r++) {
            for (int c = 0; c < matrix.columns(); c++) {
                gc.setBackground(colour(matrix.get(r, c)));
                gc.fillRectangle(left + c * side, top + r * side, side, side);
            }
        }
        int lineHeight = gc.getFontMetrics().getHeight();
        for (int r = 0; r < matrix.rows(); r++) {
            Plots.rightAligned(gc, matrix.rowLabels().get(r), left - 4, top + r * side + side / 2);
        }
        // column labels read bottom-up, as in the report's figure
        Transform t = new Transform(getDisplay());
        try {
            for (int c = 0; c < matrix.columns(); c++) {
                t.identity();
                t.translate(left + c * side + side / 2 - lineHeight / 2, top - 4);
                t.rotate(-90);
                gc.setTransform(t);
                gc.drawText(matrix.columnLabels().get(c), 0, 0, true);
            }
        } finally {
            gc.setTransform(null);
            t.dispose();
        }
        if (selectedRow >= 0) {
            gc.setForeground(getDisplay().getSystemColor(SWT.COLOR_RED));
            gc.setLineWidth(2);
            gc.drawRectangle(left + selectedColumn * side, top + selectedRow * side, side, side);
            gc.setLineWidth(1);
            gc.setForeground(black);
        }
        // legend: the ramp from max (top) to min, with round ticks
        int lx = cells.x + cells.width + 16, ly0 = top, ly1 = top + Math.max(cells.height, 60);
        for (int y = ly0; y <= ly1; y++) {
            gc.setForeground(Plots.swt(Palette.ramp((double) (ly1 - y) / (ly1 - ly0))));
            gc.drawLine(lx, y, lx + 14, y);
        }
        gc.setForeground(black);
        gc.drawRectangle(lx, ly0, 14, ly1 - ly0);
        for (double v : Plots.ticks(min, max, 5)) {
            int y = ly1 - (int) Math.round((v - min) / (max - min) * (ly1 - ly0));
            gc.drawLine(lx + 14, y, lx + 18, y);
            gc.drawText(Plots.number(v), lx + 20, y - lineHeight / 2, true);
        }
        gc.drawText(valueLabel, lx, Math.max(0, ly0 - lineHeight - 2), true);
    }

    @Override
    public Point computeSize(int wHint, int hHint, boolean changed) {
        return new Point(wHint == SWT.DEFAULT ? 400 : wHint, hHint == SWT.DEFAULT ? 360 : hHint);
    }
}
