package org.toposcope.core.spi;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PointCloud;

/**
 * Representational similarity of two layers (CKA, SVCCA) over the same images: row i of both clouds
 * must come from the same input.
 */
public interface LayerSimilarity extends Extension {

    double similarity(PointCloud a, PointCloud b, Parameters parameters, Progress progress);
}
