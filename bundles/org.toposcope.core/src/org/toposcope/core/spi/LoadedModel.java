package org.toposcope.core.spi;

import java.util.List;
import java.util.Map;

import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;

/** A model ready to run; owns native resources until closed. */
public interface LoadedModel extends AutoCloseable {

    String name();

    /** Every layer whose activations {@link #forward} returns. */
    List<LayerInfo> layers();

    /**
     * Runs one batch and returns the activations of every layer by name.
     *
     * @param images     N x C x H x W input, row-major
     * @param shape      its shape
     * @param firstImage data-set index of the first image
     * @param labels     the N labels, carried into the activations
     */
    Map<String, LayerActivations> forward(float[] images, int[] shape, int firstImage, int[] labels);

    @Override
    void close();
}
