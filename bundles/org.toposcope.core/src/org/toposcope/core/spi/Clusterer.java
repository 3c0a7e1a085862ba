package org.toposcope.core.spi;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.PointCloud;

/** Clusters the points of one cover set; returns a cluster index per row, -1 for noise. */
public interface Clusterer extends Extension {

    int[] cluster(PointCloud points, Parameters parameters);
}
