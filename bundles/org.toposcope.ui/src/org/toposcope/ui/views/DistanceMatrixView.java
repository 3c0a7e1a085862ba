package org.toposcope.ui.views;

/** The layer-by-layer matrix of diagram distances or CKA. */
public final class DistanceMatrixView extends MessageView {

    public static final String ID = "org.toposcope.ui.views.distances";

    @Override
    String emptyMessage() {
        return "Open an experiment's results to see the layer-by-layer distance matrix; click a cell to compare two layers.";
    }
}
