package org.toposcope.models.djl;

import java.util.Arrays;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.Normalisation;
import org.toposcope.data.LabelledImages;

/**
 * Training's side of {@link Normalisation}: exact statistics of byte images, and byte images written
 * normalised straight into float buffers, {@code (pixel / 255 - mean) / std}.
 */
final class NormalisedImages {

    private NormalisedImages() {
    }

    /** Mean and population standard deviation of all pixels (scaled to 0..1) of grey images, named {@code name}. */
    static Normalisation measure(LabelledImages images, String name) {
        long[] histogram = new long[256];
        byte[] pixels = images.pixels();
        for (byte p : pixels) {
            histogram[p & 0xff]++;
        }
        // from the histogram in exact integer sums, so the result does not depend on summation order
        double n = pixels.length;
        double sum = 0;
        double squares = 0;
        for (int v = 0; v < 256; v++) {
            sum += histogram[v] * (double) v;
            squares += histogram[v] * (double) v * v;
        }
        double mean = sum / n / 255.0;
        double variance = squares / n / (255.0 * 255.0) - mean * mean;
        if (pixels.length == 0 || !(variance > 0)) {
            throw new ToposcopeException("cannot normalise " + images.count() + " images whose pixels are all equal");
        }
        return new Normalisation(name, new double[] {mean}, new double[] {Math.sqrt(variance)});
    }

    /**
     * Writes images {@code order[from..from+count)} of {@code images} (grey, one channel) normalised into
     * {@code out}, N x 1 x H x W; an image whose {@code flip} entry is true is mirrored left to right.
     */
    static void fill(Normalisation normalisation, LabelledImages images, int[] order, int from, int count, boolean[] flip,
            float[] out) {
        double[] mean = normalisation.mean();
        double[] std = normalisation.std();
        if (mean.length != 1) {
            throw new ToposcopeException("grey images need a one-channel model, this one has " + mean.length + " channels");
        }
        int rows = images.rows();
        int cols = images.cols();
        float scale = (float) (1.0 / (255.0 * std[0]));
        float shift = (float) (mean[0] / std[0]);
        byte[] pixels = images.pixels();
        int o = 0;
        for (int i = 0; i < count; i++) {
            int image = order[from + i];
            boolean mirror = flip != null && flip[from + i];
            int base = image * rows * cols;
            for (int r = 0; r < rows; r++) {
                int row = base + r * cols;
                for (int c = 0; c < cols; c++) {
                    int p = pixels[row + (mirror ? cols - 1 - c : c)] & 0xff;
                    out[o++] = p * scale - shift;
                }
            }
        }
    }

    /**
     * Per-channel mean and population standard deviation (pixels scaled to 0..1) of 8-bit images, from exact
     * per-channel histograms; for one channel the same arithmetic as {@link #measure(LabelledImages, String)}.
     */
    static Normalisation measure(TrainingImages images, String name) {
        int channels = images.channels();
        int plane = images.rows() * images.cols();
        long[][] histogram = new long[channels][256];
        byte[] pixels = images.pixels();
        for (int i = 0, k = 0; i < images.count(); i++) {
            for (int c = 0; c < channels; c++) {
                long[] h = histogram[c];
                for (int end = k + plane; k < end; k++) {
                    h[pixels[k] & 0xff]++;
                }
            }
        }
        double n = (double) images.count() * plane;
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            double sum = 0;
            double squares = 0;
            for (int v = 0; v < 256; v++) {
                sum += histogram[c][v] * (double) v;
                squares += histogram[c][v] * (double) v * v;
            }
            mean[c] = sum / n / 255.0;
            double variance = squares / n / (255.0 * 255.0) - mean[c] * mean[c];
            if (n == 0 || !(variance > 0)) {
                throw new ToposcopeException(images.name() + ": cannot normalise " + images.count()
                        + " images whose pixels of channel " + c + " are all equal");
            }
            std[c] = Math.sqrt(variance);
        }
        return new Normalisation(name, mean, std);
    }

    /**
     * Writes images {@code order[from..from+count)} of {@code images} normalised per channel into {@code out},
     * N x C x H x W; an image whose {@code flip} entry is true is mirrored left to right in every channel. For
     * one channel the float arithmetic is that of {@link #fill(Normalisation, LabelledImages, int[], int, int, boolean[], float[])}.
     */
    static void fill(Normalisation normalisation, TrainingImages images, int[] order, int from, int count, boolean[] flip,
            float[] out) {
        double[] mean = normalisation.mean();
        double[] std = normalisation.std();
        int channels = images.channels();
        if (mean.length != channels) {
            throw new ToposcopeException(images.name() + ": images of " + channels + " channels need a " + channels
                    + "-channel model, this one has " + mean.length);
        }
        int rows = images.rows();
        int cols = images.cols();
        int plane = rows * cols;
        float[] scale = new float[channels];
        float[] shift = new float[channels];
        for (int c = 0; c < channels; c++) {
            scale[c] = (float) (1.0 / (255.0 * std[c]));
            shift[c] = (float) (mean[c] / std[c]);
        }
        byte[] pixels = images.pixels();
        int o = 0;
        for (int i = 0; i < count; i++) {
            int image = order[from + i];
            boolean mirror = flip != null && flip[from + i];
            for (int c = 0; c < channels; c++) {
                int base = (image * channels + c) * plane;
                float sc = scale[c];
                float sh = shift[c];
                for (int r = 0; r < rows; r++) {
                    int row = base + r * cols;
                    for (int x = 0; x < cols; x++) {
                        int p = pixels[row + (mirror ? cols - 1 - x : x)] & 0xff;
                        out[o++] = p * sc - sh;
                    }
                }
            }
        }
    }

    /** Images {@code first..first+count-1} normalised as in training, ready for {@link org.toposcope.core.spi.LoadedModel#forward}. */
    static ImageBatch batch(Normalisation normalisation, LabelledImages images, int first, int count) {
        if (first < 0 || count < 0 || first + count > images.count()) {
            throw new ToposcopeException("images " + first + ".." + (first + count - 1) + " are outside the "
                    + images.count() + " images");
        }
        int[] order = new int[first + count];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        float[] values = new float[count * images.rows() * images.cols()];
        fill(normalisation, images, order, first, count, null, values);
        int[] labels = Arrays.copyOfRange(images.labels(), first, first + count);
        return new ImageBatch(first, new int[] {count, 1, images.rows(), images.cols()}, values, labels);
    }
}
