package org.toposcope.masks;

import java.nio.file.Path;
import java.util.Arrays;

import org.toposcope.data.NpyWriter;

/**
 * One mask per image, {@code count} x {@code height} x {@code width} row-major floats, 1 = foreground and
 * 0 = background, in the order of the data set's image ids.
 */
public record Masks(int count, int height, int width, float[] values) {

    public Masks {
        if (count < 0 || height < 1 || width < 1 || (long) count * height * width != values.length) {
            throw new IllegalArgumentException(values.length + " values for " + count + " x " + height + " x " + width + " masks");
        }
        values = values.clone();
    }

    @Override
    public float[] values() {
        return values.clone();
    }

    /** The mask value of image {@code image} at row {@code y}, column {@code x}. */
    public float value(int image, int y, int x) {
        return values[(image * height + y) * width + x];
    }

    /** Fraction of all pixels that are foreground. */
    public double foregroundFraction() {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return values.length == 0 ? 0 : sum / values.length;
    }

    /**
     * Writes a little-endian float32 .npy of shape N x H x W, as the {@code foreground-top-k} and
     * {@code background-top-k} strategies read it; the file appears complete or not at all.
     */
    public void write(Path file) {
        NpyWriter.write(file, new int[] {count, height, width}, values);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Masks m && m.count == count && m.height == height && m.width == width && Arrays.equals(m.values, values);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(values) * 31 + count;
    }

    @Override
    public String toString() {
        return "Masks[" + count + " x " + height + " x " + width + "]";
    }
}
