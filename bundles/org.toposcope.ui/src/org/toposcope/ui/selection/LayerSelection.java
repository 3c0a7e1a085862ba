package org.toposcope.ui.selection;

import org.toposcope.experiment.report.ReportFolder;

/** One layer of one model of a report, chosen in the Model view: per-layer views (Persistence, Mapper Graph) follow it. */
public record LayerSelection(ReportFolder report, String model, String layer) {
}
