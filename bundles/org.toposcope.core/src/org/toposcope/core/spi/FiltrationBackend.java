package org.toposcope.core.spi;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;

/** Builds a filtration on a point cloud and computes its persistent homology. */
public interface FiltrationBackend extends Extension {

    PersistenceDiagram compute(PointCloud cloud, Parameters parameters, Progress progress);
}
