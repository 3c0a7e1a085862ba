package org.toposcope.ui.selection;

import org.toposcope.experiment.report.ReportFolder;

/** Two layers compared, chosen by a Distance Matrix cell: the Persistence view shows both diagrams side by side. */
public record LayerPairSelection(ReportFolder report, String model, String first, String second, String value) {
}
