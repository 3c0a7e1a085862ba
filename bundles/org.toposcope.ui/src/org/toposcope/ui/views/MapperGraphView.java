package org.toposcope.ui.views;

/** The mapper graph of the selected layer. */
public final class MapperGraphView extends MessageView {

    public static final String ID = "org.toposcope.ui.views.mapper";

    @Override
    String emptyMessage() {
        return "Open an experiment's results to see the mapper graph of a layer, coloured by class or super-class.";
    }
}
