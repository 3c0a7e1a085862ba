package org.toposcope.core.spi;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.PointCloud;

/**
 * Turns a layer's activations into a point cloud (top-l2 position, spatial sample, image vector, ...).
 * Activations arrive batch by batch, so a strategy keeps only what its cloud needs.
 */
public interface PointCloudStrategy extends Extension {

    Builder begin(String layer, Parameters parameters);

    /** Accumulates one layer's batches; not thread-safe. */
    interface Builder {
        void accept(LayerActivations batch);

        PointCloud build();
    }
}
