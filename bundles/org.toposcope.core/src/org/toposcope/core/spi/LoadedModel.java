package org.toposcope.core.spi;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.toposcope.core.CancelledException;
import org.toposcope.core.Progress;

import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.model.Normalisation;

/** A model ready to run; owns native resources until closed. Not thread-safe. */
public interface LoadedModel extends AutoCloseable {

    String name();

    /** C x H x W of the images the model was exported for, when the file records it. */
    Optional<int[]> inputShape();

    /**
     * The input normalisation the model was trained with, when the model file records it; images must
     * be normalised so before {@link #forward}.
     */
    default Optional<Normalisation> normalisation() {
        return Optional.empty();
    }

    /** Every layer whose activations {@link #forward} returns, with one image's shape for inputs of {@code imageShape}. */
    List<LayerInfo> layers(int[] imageShape);

    /** Runs one batch (already normalised) and returns the activations of every layer by name. */
    Map<String, LayerActivations> forward(ImageBatch batch);

    /**
     * {@link #forward(ImageBatch)} that may stop inside the batch when {@code progress} is cancelled (throwing
     * {@link CancelledException}), e.g. between blocks of the network; by default the batch
     * runs whole, since one native call cannot be interrupted.
     */
    default Map<String, LayerActivations> forward(ImageBatch batch, Progress progress) {
        return forward(batch);
    }

    @Override
    void close();
}
