package org.toposcope.core.model;

import java.util.Arrays;

/**
 * Consecutive images of a data set: {@code shape} is N x C x H x W, {@code values} row-major float32,
 * {@code firstImage} the data-set index of the first, {@code labels} one per image.
 */
public record ImageBatch(int firstImage, int[] shape, float[] values, int[] labels) {

    public ImageBatch {
        if (shape.length != 4) {
            throw new IllegalArgumentException("an image batch is N x C x H x W, got " + Arrays.toString(shape));
        }
        long n = 1;
        for (int s : shape) {
            if (s < 0) {
                throw new IllegalArgumentException("negative extent in " + Arrays.toString(shape));
            }
            n *= s;
        }
        if (n != values.length || labels.length != shape[0]) {
            throw new IllegalArgumentException(values.length + " values and " + labels.length
                    + " labels for shape " + Arrays.toString(shape));
        }
        shape = shape.clone();
        values = values.clone();
        labels = labels.clone();
    }

    public int size() {
        return shape[0];
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    @Override
    public int[] labels() {
        return labels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ImageBatch b && b.firstImage == firstImage && Arrays.equals(b.shape, shape)
                && Arrays.equals(b.values, values) && Arrays.equals(b.labels, labels);
    }

    @Override
    public int hashCode() {
        return firstImage * 31 + Arrays.hashCode(shape);
    }

    @Override
    public String toString() {
        return "ImageBatch[" + Arrays.toString(shape) + " from image " + firstImage + "]";
    }
}
