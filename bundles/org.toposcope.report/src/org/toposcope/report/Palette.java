package org.toposcope.report;

import java.awt.Color;

/** Colours shared by the static figures and the interactive pages, so one category looks the same in both. */
public final class Palette {

    /** Colour of missing values (NaN cells, nodes without a category). */
    public static final Color MISSING = new Color(0xBDBDBD);
    /** Colour of infinite values in heat maps. */
    public static final Color INFINITE = new Color(0x202020);

    // Tableau 10: distinct for the usual 10 classes, readable on white
    private static final int[] CATEGORICAL = { 0x4E79A7, 0xF28E2B, 0xE15759, 0x76B7B2, 0x59A14F, 0xEDC948, 0xB07AA1,
            0xFF9DA7, 0x9C755F, 0x79706E };

    // anchors of a viridis-like ramp: dark violet (low) to yellow (high), luminance increasing
    private static final int[] RAMP = { 0x440154, 0x482878, 0x3E4A89, 0x31688E, 0x26828E, 0x1F9E89, 0x35B779, 0x6DCD59,
            0xB4DE2C, 0xFDE725 };

    private Palette() {
    }

    /** The colour of category {@code index}; past the first ten, hues by the golden angle. */
    public static Color category(int index) {
        if (index < 0) {
            return MISSING;
        }
        if (index < CATEGORICAL.length) {
            return new Color(CATEGORICAL[index]);
        }
        float hue = (float) ((index * 0.618033988749895) % 1.0);
        return Color.getHSBColor(hue, 0.55f, 0.80f);
    }

    /** The sequential ramp at {@code t} in [0, 1] (clamped); NaN gives {@link #MISSING}. */
    public static Color ramp(double t) {
        if (Double.isNaN(t)) {
            return MISSING;
        }
        double u = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
        int i = Math.min((int) u, RAMP.length - 2);
        double f = u - i;
        Color a = new Color(RAMP[i]);
        Color b = new Color(RAMP[i + 1]);
        return new Color(mix(a.getRed(), b.getRed(), f), mix(a.getGreen(), b.getGreen(), f), mix(a.getBlue(), b.getBlue(), f));
    }

    /** CSS hex form, {@code #rrggbb}. */
    public static String hex(Color c) {
        return String.format("#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static int mix(int a, int b, double f) {
        return (int) Math.round(a + (b - a) * f);
    }
}
