package org.toposcope.report;

/**
 * Makes AWT headless before its first use, unless the caller chose otherwise (the workbench may draw on screen),
 * and has JFreeChart draw rotated text as text, so SVG axis labels stay searchable text rather than glyph outlines
 * (the workaround it replaces was for rotated-text bugs of old JDKs).
 */
final class Headless {

    private Headless() {
    }

    static void ensure() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        org.jfree.chart.text.TextUtils.setUseDrawRotatedStringWorkaround(false);
    }
}
