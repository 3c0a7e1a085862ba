package org.toposcope.ui.views;

import java.util.Locale;

import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Point;

/** Small drawing helpers shared by the canvases: axis ticks, number labels, the report's colours in SWT. */
final class Plots {

    private Plots() {
    }

    /** The report palette's colour (java.awt.Color, a plain value here) as an SWT colour; no disposal needed. */
    static Color swt(java.awt.Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue());
    }

    /** Round tick values (1, 2 or 5 times a power of ten) covering [lo, hi], about {@code target} of them. */
    static double[] ticks(double lo, double hi, int target) {
        if (!(hi > lo) || !Double.isFinite(lo) || !Double.isFinite(hi)) {
            return new double[] {lo};
        }
        double raw = (hi - lo) / Math.max(1, target);
        double power = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = power;
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * power >= raw) {
                step = m * power;
                break;
            }
        }
        long first = (long) Math.ceil(lo / step);
        long last = (long) Math.floor(hi / step);
        double[] out = new double[(int) Math.max(0, last - first + 1)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (first + i) * step;
        }
        return out;
    }

    /** A short number label (4 significant digits). */
    static String number(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "∞";
        }
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e") || !s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    /** Draws text with its centre at x (transparent background). */
    static void centred(GC gc, String text, int x, int y) {
        Point e = gc.textExtent(text);
        gc.drawText(text, x - e.x / 2, y, true);
    }

    /** Draws text right-aligned at x, vertically centred on y. */
    static void rightAligned(GC gc, String text, int x, int y) {
        Point e = gc.textExtent(text);
        gc.drawText(text, x - e.x, y - e.y / 2, true);
    }
}
