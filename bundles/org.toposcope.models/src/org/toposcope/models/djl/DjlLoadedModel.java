package org.toposcope.models.djl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.models.internal.Activations;
import org.toposcope.models.internal.DjlRuntime;

import ai.djl.Device;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.ParameterStore;
import ai.djl.util.Pair;

/**
 * A {@link CifarResNet} read from a model folder, run in inference mode (BatchNorm uses its running
 * statistics). Each batch's arrays live in a child manager closed when the batch's activations have been
 * copied to Java, so native memory does not grow with the number of batches.
 */
public final class DjlLoadedModel implements LoadedModel {

    private final ModelDescription description;
    private final Path folder;
    private final boolean convolutions;
    private final NDManager manager;
    private final CifarResNet network;
    private final ParameterStore store;
    private boolean closed;

    private DjlLoadedModel(Path folder, ModelDescription description, boolean convolutions, NDManager manager,
            CifarResNet network) {
        this.folder = folder;
        this.description = description;
        this.convolutions = convolutions;
        this.manager = manager;
        this.network = network;
        this.store = new ParameterStore(manager, false);
    }

    /**
     * Opens the model folder (or its {@code model.json} / {@code model.params}); {@code convolutions}
     * adds every convolution's raw output to the block outputs that {@link #forward} returns.
     */
    public static DjlLoadedModel open(Path path, boolean convolutions) {
        Path folder = DjlModelFolder.folderOf(path);
        ModelDescription description = DjlModelFolder.readDescription(folder);
        return DjlRuntime.call(() -> {
            Engine engine = DjlRuntime.engine(DjlModelLoader.ENGINE);
            NDManager manager = engine.newBaseManager(Device.cpu());
            try {
                CifarResNet network = new CifarResNet(description.architecture());
                DjlModelFolder.readParameters(folder, network, manager);
                checkFinite(folder, network);
                DjlLoadedModel model = new DjlLoadedModel(folder, description, convolutions, manager, network);
                model.probe();
                return model;
            } catch (RuntimeException | Error e) {
                manager.close();
                throw e;
            }
        });
    }

    private static void checkFinite(Path folder, CifarResNet network) {
        for (Pair<String, Parameter> p : network.getParameters()) {
            float[] values = p.getValue().getArray().toFloatArray();
            for (int i = 0; i < values.length; i++) {
                if (!Float.isFinite(values[i])) {
                    throw new ToposcopeException(folder.resolve(DjlModelFolder.PARAMETERS) + ": parameter " + p.getKey()
                            + " has the non-finite value " + values[i] + " at " + i);
                }
            }
        }
    }

    // one image through the network, so parameters of the wrong shape fail here, in one line, not later
    private void probe() {
        try (NDManager batch = manager.newSubManager()) {
            NDArray x = batch.zeros(new Shape(1, description.architecture().channels(), description.height(),
                    description.width()));
            network.forward(store, x, false, Capture.NONE);
        } catch (ToposcopeException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new ToposcopeException(folder.resolve(DjlModelFolder.PARAMETERS) + ": parameters do not fit the "
                    + "architecture in " + DjlModelFolder.DESCRIPTION + ": " + DjlModelFolder.firstLine(e), e);
        }
    }

    public ModelDescription description() {
        return description;
    }

    /** How images must be normalised before {@link #forward}, as in training: model.json records it. */
    @Override
    public Optional<Normalisation> normalisation() {
        return Optional.of(description.normalisation());
    }

    @Override
    public String name() {
        return description.name();
    }

    @Override
    public Optional<int[]> inputShape() {
        return Optional.of(description.inputShape());
    }

    @Override
    public List<LayerInfo> layers(int[] imageShape) {
        checkImageShape(imageShape, "images of shape " + Arrays.toString(imageShape));
        List<LayerInfo> layers = new ArrayList<>();
        network.layerShapes(imageShape[1], imageShape[2], convolutions).forEach((n, s) -> layers.add(new LayerInfo(n, s)));
        return layers;
    }

    @Override
    public Map<String, LayerActivations> forward(ImageBatch batch) {
        return forward(batch, Progress.none());
    }

    /** Checks for a cancel after each captured block: a batch of a large data set takes seconds on a busy machine. */
    @Override
    public Map<String, LayerActivations> forward(ImageBatch batch, Progress progress) {
        if (closed) {
            throw new IllegalStateException(name() + " is closed");
        }
        int[] shape = batch.shape();
        checkImageShape(Arrays.copyOfRange(shape, 1, 4), batch.toString());
        float[] values = batch.values();
        for (int i = 0; i < values.length; i++) {
            if (!Float.isFinite(values[i])) {
                int image = i / Math.max(1, values.length / shape[0]);
                throw new ToposcopeException(name() + ": image " + (batch.firstImage() + image) + " has the value "
                        + values[i]);
            }
        }
        int[] labels = batch.labels();
        Map<String, LayerActivations> out = new LinkedHashMap<>();
        if (shape[0] == 0) {
            network.layerShapes(shape[2], shape[3], convolutions).forEach((n, s) -> out.put(n, empty(n, s, batch)));
            return out;
        }
        try (NDManager batchManager = manager.newSubManager()) {
            NDArray x = batchManager.create(values, new Shape(shape[0], shape[1], shape[2], shape[3]));
            network.forward(store, x, false, new Capture() {
                @Override
                public boolean convolutions() {
                    return convolutions;
                }

                @Override
                public void layer(String name, NDArray value) {
                    progress.checkCancelled();
                    long[] s = value.getShape().getShape();
                    int[] dims = new int[s.length];
                    for (int d = 0; d < s.length; d++) {
                        dims[d] = Math.toIntExact(s[d]);
                    }
                    out.put(name, new LayerActivations(name, dims, Activations.floats(value), batch.firstImage(), labels));
                }
            });
        }
        return out;
    }

    private static LayerActivations empty(String name, int[] perImage, ImageBatch batch) {
        int[] dims = new int[perImage.length + 1];
        System.arraycopy(perImage, 0, dims, 1, perImage.length);
        return new LayerActivations(name, dims, new float[0], batch.firstImage(), new int[0]);
    }

    private void checkImageShape(int[] imageShape, String what) {
        int channels = description.architecture().channels();
        if (imageShape.length != 3 || imageShape[0] != channels || imageShape[1] < 1 || imageShape[2] < 1) {
            throw new ToposcopeException(name() + ": takes images of " + channels + " x H x W, got " + what);
        }
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            manager.close();
        }
    }

    @Override
    public String toString() {
        return "DjlLoadedModel[" + name() + " from " + folder + "]";
    }
}
