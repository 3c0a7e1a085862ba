package org.toposcope.models.internal;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.DataType;

/** Checks shared by the loaders: input shapes, and copying engine tensors into Java arrays. */
public final class Activations {

    private Activations() {
    }

    /** Refuses images whose C x H x W differs from the shape the model was exported for. */
    static void checkImageShape(String file, Optional<int[]> expected, int[] imageShape) {
        if (imageShape.length != 3) {
            throw new ToposcopeException(file + ": images must be C x H x W, given " + Arrays.toString(imageShape));
        }
        for (int s : imageShape) {
            if (s <= 0) {
                throw new ToposcopeException(file + ": image shape " + Arrays.toString(imageShape) + " has an empty axis");
            }
        }
        if (expected.isPresent() && !Arrays.equals(expected.get(), imageShape)) {
            throw new ToposcopeException(file + ": the model expects images of shape " + Arrays.toString(expected.get())
                    + " (C x H x W), given " + Arrays.toString(imageShape));
        }
    }

    static int[] imageShape(ImageBatch batch) {
        int[] s = batch.shape();
        return new int[] {s[1], s[2], s[3]};
    }

    /** Copies one output tensor (float32 or convertible) into a record; the tensor must have the batch axis first. */
    static LayerActivations copy(String file, String layer, NDArray array, ImageBatch batch) {
        long[] dims = array.getShape().getShape();
        if (dims.length < 2 || dims[0] != batch.size()) {
            throw new ToposcopeException(file + ": output '" + layer + "' has shape " + Arrays.toString(dims)
                    + ", not a batch of " + batch.size() + " first");
        }
        int[] shape = new int[dims.length];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            shape[i] = (int) dims[i];
            count *= dims[i];
        }
        if (count > Integer.MAX_VALUE - 8) {
            throw new ToposcopeException(file + ": output '" + layer + "' of shape " + Arrays.toString(dims)
                    + " is too large for one batch; use a smaller batch");
        }
        return new LayerActivations(layer, shape, floats(array), batch.firstImage(), batch.labels());
    }

    /**
     * The tensor's values as float32, read straight from the engine's memory when it can expose it:
     * {@code toFloatArray} first copies into a heap buffer, and at capture sizes that extra copy is
     * mostly garbage-collector work.
     */
    public static float[] floats(NDArray array) {
        NDArray floats = array.getDataType() == DataType.FLOAT32 ? array : array.toType(DataType.FLOAT32, false);
        ByteBuffer bytes = floats.toByteBuffer(true);
        if (!bytes.isDirect()) {
            return floats.toFloatArray();
        }
        float[] values = new float[Math.toIntExact(floats.size())];
        bytes.order(ByteOrder.nativeOrder()).asFloatBuffer().get(values);
        return values;
    }

    /** Layer descriptions from one probe forward. */
    static List<LayerInfo> infos(Map<String, LayerActivations> probe) {
        List<LayerInfo> out = new ArrayList<>(probe.size());
        for (LayerActivations a : probe.values()) {
            int[] s = a.shape();
            out.add(new LayerInfo(a.layer(), Arrays.copyOfRange(s, 1, s.length)));
        }
        return List.copyOf(out);
    }

    /** A batch of one black image, for probing output shapes. */
    static ImageBatch zeroImage(int[] imageShape) {
        int n = imageShape[0] * imageShape[1] * imageShape[2];
        return new ImageBatch(0, new int[] {1, imageShape[0], imageShape[1], imageShape[2]}, new float[n], new int[1]);
    }

    static int threads(int requested) {
        return requested > 0 ? requested : Runtime.getRuntime().availableProcessors();
    }
}
