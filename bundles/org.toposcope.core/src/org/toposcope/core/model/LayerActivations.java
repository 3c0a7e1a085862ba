package org.toposcope.core.model;

import java.nio.FloatBuffer;
import java.util.Arrays;
import java.util.Objects;

/**
 * One batch of one layer's activations: {@code shape} is N x C x H x W for convolutional layers or
 * N x D for dense ones, values row-major in float32 as the network produced them. Batches are
 * streamed; {@code firstImage} is the data-set index of the batch's first image.
 */
public record LayerActivations(String layer, int[] shape, float[] values, int firstImage, int[] labels) {

    public LayerActivations {
        Objects.requireNonNull(layer, "layer");
        if (shape.length < 2) {
            throw new IllegalArgumentException(layer + ": activations need a batch and a feature axis, got " + Arrays.toString(shape));
        }
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException(layer + ": negative extent in " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != values.length) {
            throw new IllegalArgumentException(layer + ": " + values.length + " values for shape " + Arrays.toString(shape));
        }
        if (labels.length != shape[0]) {
            throw new IllegalArgumentException(layer + ": " + labels.length + " labels for a batch of " + shape[0]);
        }
        shape = shape.clone();
        values = values.clone();
        labels = labels.clone();
    }

    public int batchSize() {
        return shape[0];
    }

    /** Values per image (C*H*W or D). */
    public int featuresPerImage() {
        return values.length / Math.max(1, shape[0]);
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** The values as a read-only buffer over the record's own array: for bulk copies without an extra clone. */
    public FloatBuffer valuesView() {
        return FloatBuffer.wrap(values).asReadOnlyBuffer();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerActivations a && a.layer.equals(layer) && a.firstImage == firstImage
                && Arrays.equals(a.shape, shape) && Arrays.equals(a.values, values) && Arrays.equals(a.labels, labels);
    }

    @Override
    public int hashCode() {
        return layer.hashCode() * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "LayerActivations[" + layer + " " + Arrays.toString(shape) + " from image " + firstImage + "]";
    }
}
