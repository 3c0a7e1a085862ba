package org.toposcope.ui.selection;

import org.toposcope.experiment.report.ReportFolder;

/** A report chosen in the Experiment Explorer: views that show a whole run (Model, Distance Matrix) follow it. */
public record ReportSelection(ReportFolder report) {
}
