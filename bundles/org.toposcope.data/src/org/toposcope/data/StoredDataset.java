package org.toposcope.data;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.core.spi.Dataset;

/**
 * The data set every reader returns: labels checked and held at open, pixels fetched from the stored
 * form (bytes in memory, a file read range by range, image files decoded) only for the batch asked.
 */
final class StoredDataset implements Dataset {

    /** Writes images {@code first .. first+count-1} as C x H x W floats into {@code out} from 0. */
    @FunctionalInterface
    interface Pixels {
        void read(int first, int count, float[] out) throws IOException;
    }

    private final String name;
    private final int[] shape;
    private final List<String> classNames;
    private final Optional<SuperClasses> superClasses;
    private final int[] labels;
    private final Pixels pixels;

    StoredDataset(String name, int[] shape, List<String> classNames, Optional<SuperClasses> superClasses, int[] labels,
            Pixels pixels) {
        this.name = name;
        this.shape = shape.clone();
        this.classNames = List.copyOf(classNames);
        this.superClasses = superClasses;
        this.labels = labels;
        this.pixels = pixels;
        if (superClasses.isPresent() && superClasses.get().ofClass().length != classNames.size()) {
            throw new ToposcopeException(name + ": super-classes '" + superClasses.get().name() + "' cover "
                    + superClasses.get().ofClass().length + " classes, the data set has " + classNames.size());
        }
    }

    /** Checks labels against the class count; {@code where} names the byte or entry of image i. */
    static void checkLabels(int[] labels, int classCount, java.util.function.IntFunction<String> where) {
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < 0 || labels[i] >= classCount) {
                throw new ToposcopeException(where.apply(i) + ": label " + labels[i] + " of image " + i + " is not in 0.."
                        + (classCount - 1));
            }
        }
    }

    static int imageSize(String name, int[] shape) {
        long n = (long) shape[0] * shape[1] * shape[2];
        if (n > Inputs.MAX_ARRAY) {
            throw new ToposcopeException(name + ": images of " + shape[0] + " x " + shape[1] + " x " + shape[2] + " are too large");
        }
        return (int) n;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int size() {
        return labels.length;
    }

    @Override
    public int[] imageShape() {
        return shape.clone();
    }

    @Override
    public List<String> classNames() {
        return classNames;
    }

    @Override
    public Optional<SuperClasses> superClasses() {
        return superClasses;
    }

    @Override
    public ImageBatch read(int first, int count) {
        int n = clip(name, labels.length, first, count);
        long values = (long) n * shape[0] * shape[1] * shape[2];
        if (values > Inputs.MAX_ARRAY) {
            throw new ToposcopeException(name + ": a batch of " + n + " images has " + values
                    + " values, more than fit in one Java array; read smaller batches");
        }
        float[] out;
        try {
            out = new float[(int) values];
        } catch (OutOfMemoryError e) {
            throw Inputs.outOfMemory(name, values);
        }
        try {
            pixels.read(first, n, out);
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
        return new ImageBatch(first, new int[] {n, shape[0], shape[1], shape[2]}, out,
                java.util.Arrays.copyOfRange(labels, first, first + n));
    }

    /** The number of images from {@code first}, at most {@code count}, clipped to the end. */
    static int clip(String name, int size, int first, int count) {
        if (first < 0 || first > size || count < 0) {
            throw new ToposcopeException(name + ": cannot read " + count + " images from image " + first + " of " + size);
        }
        return Math.min(count, size - first);
    }

    @Override
    public String toString() {
        return name + " (" + labels.length + " images of " + shape[0] + "x" + shape[1] + "x" + shape[2] + ")";
    }
}
