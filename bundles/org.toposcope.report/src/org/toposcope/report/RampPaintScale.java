package org.toposcope.report;

import java.awt.Paint;
import java.io.Serializable;

import org.jfree.chart.renderer.PaintScale;

/** {@link Palette#ramp} over [lower, upper]; NaN grey, infinities near-black. */
final class RampPaintScale implements PaintScale, Serializable {
    private static final long serialVersionUID = 1L;

    private final double lower;
    private final double upper;

    RampPaintScale(double lower, double upper) {
        this.lower = lower;
        this.upper = upper;
    }

    @Override
    public double getLowerBound() {
        return lower;
    }

    @Override
    public double getUpperBound() {
        return upper;
    }

    @Override
    public Paint getPaint(double value) {
        if (Double.isNaN(value)) {
            return Palette.MISSING;
        }
        if (Double.isInfinite(value)) {
            return Palette.INFINITE;
        }
        return Palette.ramp((value - lower) / (upper - lower));
    }
}
