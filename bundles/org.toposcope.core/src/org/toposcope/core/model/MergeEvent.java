package org.toposcope.core.model;

/**
 * One step of the H0 merge tree (single-linkage dendrogram) of a Vietoris–Rips filtration: at
 * {@code value}, edge {u, v} joins two components. A component is named by its smallest row; the one
 * with the larger name ({@code absorbed}) ends there — a finite H0 bar [0, value) when value &gt; 0 —
 * and continues as {@code survivor}. Rows are input rows, mapped to images as in {@link RepresentativeCycle}.
 */
public record MergeEvent(double value, int u, int v, int survivor, int absorbed) {

    public MergeEvent {
        if (survivor >= absorbed) {
            throw new IllegalArgumentException("survivor " + survivor + " must be the smaller name, absorbed " + absorbed);
        }
    }
}
