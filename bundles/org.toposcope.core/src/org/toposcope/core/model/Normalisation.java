package org.toposcope.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.Dataset;

/**
 * Per-channel mean and standard deviation of pixel values in [0, 1], as used to normalise inputs
 * ({@code (x - mean[c]) / std[c]}); a single mean and std apply to every channel. Models that record the
 * normalisation they were trained with report it ({@link org.toposcope.core.spi.LoadedModel#normalisation()});
 * the presets are the training sets' own statistics (population std).
 */
public record Normalisation(String name, double[] mean, double[] std) {

    /** CIFAR-10 training set, R G B. */
    public static final Normalisation CIFAR_10 = new Normalisation("cifar-10", new double[] {0.4914, 0.4822, 0.4465},
            new double[] {0.2470, 0.2435, 0.2616});
    /** Fashion-MNIST training set (0.28604, 0.35302 to five places). */
    public static final Normalisation FASHION_MNIST = new Normalisation("fashion-mnist", new double[] {0.2860},
            new double[] {0.3530});
    /** MNIST training set. */
    public static final Normalisation MNIST = new Normalisation("mnist", new double[] {0.1307}, new double[] {0.3081});
    /** ImageNet, R G B, as torchvision's pretrained models expect. */
    public static final Normalisation IMAGENET = new Normalisation("imagenet", new double[] {0.485, 0.456, 0.406},
            new double[] {0.229, 0.224, 0.225});

    private static final Map<String, Normalisation> PRESETS = Map.of(CIFAR_10.name, CIFAR_10, FASHION_MNIST.name,
            FASHION_MNIST, MNIST.name, MNIST, IMAGENET.name, IMAGENET);

    public Normalisation {
        Objects.requireNonNull(name, "name");
        if (mean.length == 0 || mean.length != std.length) {
            throw new ToposcopeException(name + ": " + mean.length + " means and " + std.length + " standard deviations");
        }
        for (int c = 0; c < std.length; c++) {
            if (!(std[c] > 0) || !Double.isFinite(std[c]) || !Double.isFinite(mean[c])) {
                throw new ToposcopeException(name + ": channel " + c + " has mean " + mean[c] + " and std " + std[c]
                        + "; the std must be positive and both finite");
            }
        }
        mean = mean.clone();
        std = std.clone();
    }

    public static List<String> presetNames() {
        return PRESETS.keySet().stream().sorted().toList();
    }

    public static Normalisation preset(String name) {
        Normalisation n = PRESETS.get(name);
        if (n == null) {
            throw new ToposcopeException("normalisation '" + name + "' is not one of " + String.join(", ", presetNames()));
        }
        return n;
    }

    /**
     * A normalisation as users write it: {@code none} (empty), a preset name, {@code mean,std} for every
     * channel, or C means then C stds; checked against the images' {@code channels}.
     */
    public static Optional<Normalisation> parse(String text, int channels) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("none")) {
            return Optional.empty();
        }
        Normalisation n = PRESETS.get(t);
        if (n == null) {
            n = numbers(text.trim(), channels);
        }
        if (n.mean.length != 1 && n.mean.length != channels) {
            throw new ToposcopeException("normalisation " + n.name + " is for " + n.mean.length
                    + " channel(s), the images have " + channels);
        }
        return Optional.of(n);
    }

    private static Normalisation numbers(String text, int channels) {
        String[] parts = text.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new ToposcopeException("normalisation '" + text + "' is neither a preset (none, "
                        + String.join(", ", presetNames()) + ") nor numbers 'mean,std'");
            }
        }
        if (v.length == 2) {
            return new Normalisation(text, new double[] {v[0]}, new double[] {v[1]});
        }
        if (v.length == 2 * channels) {
            return new Normalisation(text, Arrays.copyOf(v, channels), Arrays.copyOfRange(v, channels, v.length));
        }
        throw new ToposcopeException("normalisation '" + text + "' has " + v.length + " numbers; give mean,std or "
                + channels + " means then " + channels + " standard deviations");
    }

    /** {@code (x - mean[c]) / std[c]} on a batch; one mean and std apply to every channel. */
    public ImageBatch apply(ImageBatch batch) {
        int[] shape = batch.shape();
        float[] v = batch.values();
        int plane = shape[2] * shape[3];
        Kernel kernel = kernel(shape[1], "images " + batch.firstImage() + ".." + (batch.firstImage() + shape[0] - 1));
        for (int i = 0, k = 0; i < shape[0]; i++, k += shape[1] * plane) {
            kernel.apply(v, k, plane);
        }
        return new ImageBatch(batch.firstImage(), shape, v, batch.labels());
    }

    /**
     * The float form for images of {@code channels} channels, to normalise many images in place without
     * allocating; {@code what} names the images in the error when the channel counts differ.
     */
    public Kernel kernel(int channels, String what) {
        if (mean.length != 1 && mean.length != channels) {
            throw new ToposcopeException(what + ": normalisation '" + name + "' has " + mean.length
                    + " channels, the images " + channels);
        }
        float[] m = new float[channels];
        float[] s = new float[channels];
        for (int c = 0; c < channels; c++) {
            m[c] = (float) mean[mean.length == 1 ? 0 : c];
            s[c] = (float) (1 / std[std.length == 1 ? 0 : c]);
        }
        return new Kernel(m, s);
    }

    /** Means and reciprocal stds as floats for a fixed number of channels. */
    public static final class Kernel {
        private final float[] mean;
        private final float[] scale;

        private Kernel(float[] mean, float[] scale) {
            this.mean = mean;
            this.scale = scale;
        }

        /** Normalises the C planes of {@code plane} values of one image starting at {@code offset}, in place. */
        public void apply(float[] v, int offset, int plane) {
            for (int c = 0, k = offset; c < mean.length; c++) {
                float m = mean[c];
                float s = scale[c];
                for (int end = k + plane; k < end; k++) {
                    v[k] = (v[k] - m) * s;
                }
            }
        }
    }

    /** The data set's own per-channel mean and population std, read in batches of {@code batch} images. */
    public static Normalisation measure(Dataset dataset, int batch, Progress progress) {
        int channels = dataset.imageShape()[0];
        double[] sum = new double[channels];
        double[] squares = new double[channels];
        int size = dataset.size();
        progress.begin("measuring " + dataset.name(), size);
        for (int first = 0; first < size; first += batch) {
            progress.checkCancelled();
            ImageBatch b = dataset.read(first, batch);
            float[] v = b.values();
            int plane = v.length / Math.max(1, b.size() * channels);
            for (int i = 0, k = 0; i < b.size(); i++) {
                for (int c = 0; c < channels; c++) {
                    double s = 0;
                    double q = 0;
                    for (int p = 0; p < plane; p++, k++) {
                        s += v[k];
                        q += (double) v[k] * v[k];
                    }
                    sum[c] += s;
                    squares[c] += q;
                }
            }
            progress.worked(b.size());
        }
        double count = (double) size * dataset.imageShape()[1] * dataset.imageShape()[2];
        if (count == 0) {
            throw new ToposcopeException(dataset.name() + ": no pixels to measure");
        }
        double[] mean = new double[channels];
        double[] std = new double[channels];
        for (int c = 0; c < channels; c++) {
            mean[c] = sum[c] / count;
            std[c] = Math.sqrt(Math.max(0, squares[c] / count - mean[c] * mean[c]));
        }
        return new Normalisation(dataset.name(), mean, std);
    }

    @Override
    public double[] mean() {
        return mean.clone();
    }

    @Override
    public double[] std() {
        return std.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Normalisation n && n.name.equals(name) && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(mean);
    }

    @Override
    public String toString() {
        return name + " mean " + Arrays.toString(mean) + " std " + Arrays.toString(std);
    }
}
