package org.toposcope.report;

import java.util.Arrays;
import java.util.Comparator;

import org.toposcope.core.model.PersistenceDiagram;

/** Which bars of a dimension a barcode draws, and in which order. */
public final class Barcodes {

    private Barcodes() {
    }

    /**
     * The at most {@code cap} longest bars of {@code d}, longest first: essential classes (infinitely long, by
     * birth), then finite pairs by decreasing length (ties by birth, then index). A bar below
     * {@code d.finiteCount()} is that finite pair; from there on it is essential class
     * {@code bar - d.finiteCount()}.
     */
    public static int[] longest(PersistenceDiagram.Dimension d, int cap) {
        int finite = d.finiteCount();
        double[] essential = d.essentialBirths();
        Integer[] bars = new Integer[finite + essential.length];
        for (int i = 0; i < bars.length; i++) {
            bars[i] = i;
        }
        Comparator<Integer> order = (a, b) -> {
            boolean ea = a >= finite, eb = b >= finite;
            if (ea != eb) {
                return ea ? -1 : 1;
            }
            if (ea) {
                int c = Double.compare(essential[a - finite], essential[b - finite]);
                return c != 0 ? c : Integer.compare(a, b);
            }
            int c = Double.compare(d.death(b) - d.birth(b), d.death(a) - d.birth(a));
            if (c == 0) {
                c = Double.compare(d.birth(a), d.birth(b));
            }
            return c != 0 ? c : Integer.compare(a, b);
        };
        Arrays.sort(bars, order);
        int keep = Math.min(Math.max(cap, 0), bars.length);
        int[] chosen = new int[keep];
        for (int i = 0; i < keep; i++) {
            chosen[i] = bars[i];
        }
        return chosen;
    }

    static double essentialBirth(PersistenceDiagram.Dimension d, int bar) {
        return d.essentialBirths()[bar - d.finiteCount()];
    }
}
