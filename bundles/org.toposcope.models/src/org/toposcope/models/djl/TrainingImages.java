package org.toposcope.models.djl;

import java.util.List;

import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.spi.Dataset;
import org.toposcope.data.LabelledImages;

/**
 * 8-bit images held as bytes for training, {@code count x channels x rows x cols} (CIFAR-10's 50000 training
 * images take 150 MB so, four times that as floats), with their labels and class names.
 */
public record TrainingImages(String name, int count, int channels, int rows, int cols, byte[] pixels, int[] labels,
        List<String> classNames) {

    public TrainingImages {
        classNames = classNames == null ? null : List.copyOf(classNames);
        if ((long) count * channels * rows * cols != pixels.length || labels.length != count) {
            throw new IllegalArgumentException(count + " images of " + channels + "x" + rows + "x" + cols + " do not match "
                    + pixels.length + " pixels and " + labels.length + " labels");
        }
    }

    /** Grey IDX images (one channel, class names 0, 1, ...: IDX files carry none). */
    public static TrainingImages of(LabelledImages images, String name) {
        return new TrainingImages(name, images.count(), 1, images.rows(), images.cols(), images.pixels(), images.labels(), null);
    }

    /**
     * The first {@code limit} images of {@code dataset} (all when null) as bytes. Every reader scales 8-bit
     * pixels by {@code b / 255f}; values that are not such a quotient (float arrays) are refused in one line.
     */
    public static TrainingImages read(Dataset dataset, Integer limit, Progress progress) {
        int[] shape = dataset.imageShape();
        int n = limit == null ? dataset.size() : Math.min(limit, dataset.size());
        if (limit != null && limit < 1) {
            throw new ToposcopeException(dataset.name() + ": " + limit + " is not a positive number of images");
        }
        long size = (long) shape[0] * shape[1] * shape[2];
        if (size * n > Integer.MAX_VALUE - 8) {
            throw new ToposcopeException(dataset.name() + ": " + n + " images of " + shape[0] + "x" + shape[1] + "x" + shape[2]
                    + " exceed 2 GB as bytes; use --limit");
        }
        byte[] pixels = new byte[(int) (size * n)];
        int[] labels = new int[n];
        int batch = (int) Math.max(1, Math.min(n, (1 << 22) / Math.max(1, size)));
        progress.begin("reading " + dataset.name(), n);
        int o = 0;
        for (int first = 0; first < n; first += batch) {
            progress.checkCancelled();
            ImageBatch b = dataset.read(first, Math.min(batch, n - first));
            float[] v = b.values();
            for (int k = 0; k < v.length; k++) {
                int p = Math.round(v[k] * 255f);
                if (p < 0 || p > 255 || p / 255f != v[k]) {
                    throw new ToposcopeException(dataset.name() + ": image " + (first + k / size) + " has value " + v[k]
                            + ", not an 8-bit pixel; training reads 8-bit images only");
                }
                pixels[o++] = (byte) p;
            }
            System.arraycopy(b.labels(), 0, labels, first, b.size());
            progress.worked(b.size());
        }
        for (int l : labels) {
            if (l < 0) {
                throw new ToposcopeException(dataset.name() + ": an image has no label (" + l + "); training needs labels");
            }
        }
        return new TrainingImages(dataset.name(), n, shape[0], shape[1], shape[2], pixels, labels, dataset.classNames());
    }

    int label(int image) {
        return labels[image];
    }
}
