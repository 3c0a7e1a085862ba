package org.toposcope.ui.views;

/** Persistence diagrams and barcodes of the selected layers. */
public final class PersistenceView extends MessageView {

    public static final String ID = "org.toposcope.ui.views.persistence";

    @Override
    String emptyMessage() {
        return "Select a layer in the Model view to see its persistence diagram (births against deaths, by dimension).";
    }
}
