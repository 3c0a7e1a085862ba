package org.toposcope.ui.selection;

import java.nio.file.Path;

/** Implemented by the Experiment Explorer: adds a report folder and selects it (after a run, or File > Open Report). */
public interface ReportOpener {

    /** The Experiment Explorer view's id. */
    String EXPLORER_VIEW_ID = "org.toposcope.ui.views.explorer";

    void open(Path reportFolder);
}
