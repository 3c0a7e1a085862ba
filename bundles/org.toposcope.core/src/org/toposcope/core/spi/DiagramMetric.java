package org.toposcope.core.spi;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.PersistenceDiagram;

/** A distance between the parts of one homology dimension of two persistence diagrams. */
public interface DiagramMetric extends Extension {

    double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, Parameters parameters);
}
