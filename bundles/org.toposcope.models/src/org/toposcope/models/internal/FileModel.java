package org.toposcope.models.internal;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.spi.LoadedModel;

/**
 * What the file-backed engines' models share: named by their file, an input shape when the file records
 * one, layers found by one probe forward per image shape, and no use after close.
 */
abstract class FileModel implements LoadedModel {

    final String file;
    private final Optional<int[]> inputShape;
    private final Map<List<Integer>, List<LayerInfo>> layersByShape = new HashMap<>();
    private boolean closed;

    FileModel(String file, Optional<int[]> inputShape) {
        this.file = file;
        this.inputShape = inputShape;
    }

    /** Runs a batch of images whose shape has been checked; the engine's own work. */
    abstract Map<String, LayerActivations> run(ImageBatch batch, int[] imageShape);

    /** Frees the engine's native resources, once. */
    abstract void release();

    @Override
    public final String name() {
        return file;
    }

    @Override
    public final Optional<int[]> inputShape() {
        return inputShape.map(int[]::clone);
    }

    @Override
    public final List<LayerInfo> layers(int[] imageShape) {
        Activations.checkImageShape(file, inputShape, imageShape);
        return layersByShape.computeIfAbsent(Arrays.stream(imageShape).boxed().toList(),
                k -> Activations.infos(forward(Activations.zeroImage(imageShape))));
    }

    @Override
    public final Map<String, LayerActivations> forward(ImageBatch batch) {
        if (closed) {
            throw new ToposcopeException(file + ": the model has been closed");
        }
        int[] imageShape = Activations.imageShape(batch);
        Activations.checkImageShape(file, inputShape, imageShape);
        return run(batch, imageShape);
    }

    @Override
    public final void close() {
        if (!closed) {
            closed = true;
            release();
        }
    }
}
