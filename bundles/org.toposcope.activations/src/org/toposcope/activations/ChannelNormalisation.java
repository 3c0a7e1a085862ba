package org.toposcope.activations;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.UnaryOperator;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;

/**
 * Per-channel input normalisation (x - mean[c]) / std[c], as torchvision's Normalize: from a preset
 * name, from one mean and std for every channel ({@code 0.5,0.25}), or from C means then C stds.
 */
public record ChannelNormalisation(String name, double[] mean, double[] std) implements UnaryOperator<ImageBatch> {

    public ChannelNormalisation {
        mean = mean.clone();
        std = std.clone();
        if (mean.length != std.length || mean.length == 0) {
            throw new IllegalArgumentException(mean.length + " means and " + std.length + " deviations");
        }
    }

    /** Presets: none, imagenet, cifar-10, mnist, fashion-mnist (the statistics the reference models were trained with). */
    public static UnaryOperator<ImageBatch> parse(String text, int channels) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "none" -> UnaryOperator.identity();
            case "imagenet" -> check(new ChannelNormalisation(t, new double[] {0.485, 0.456, 0.406}, new double[] {0.229, 0.224, 0.225}), channels);
            case "cifar-10" -> check(new ChannelNormalisation(t, new double[] {0.4914, 0.4822, 0.4465}, new double[] {0.2470, 0.2435, 0.2616}), channels);
            case "mnist" -> check(new ChannelNormalisation(t, new double[] {0.1307}, new double[] {0.3081}), channels);
            case "fashion-mnist" -> check(new ChannelNormalisation(t, new double[] {0.2860}, new double[] {0.3530}), channels);
            default -> numbers(text, channels);
        };
    }

    private static ChannelNormalisation numbers(String text, int channels) {
        String[] parts = text.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new ToposcopeException("normalisation '" + text
                        + "' is neither a preset (none, imagenet, cifar-10, mnist, fashion-mnist) nor numbers 'mean,std'");
            }
        }
        double[] mean;
        double[] std;
        if (v.length == 2) {
            mean = new double[channels];
            std = new double[channels];
            Arrays.fill(mean, v[0]);
            Arrays.fill(std, v[1]);
        } else if (v.length == 2 * channels) {
            mean = Arrays.copyOf(v, channels);
            std = Arrays.copyOfRange(v, channels, 2 * channels);
        } else {
            throw new ToposcopeException("normalisation '" + text + "' has " + v.length + " numbers; give mean,std or "
                    + channels + " means then " + channels + " deviations");
        }
        for (double s : std) {
            if (!(s > 0) || Double.isInfinite(s)) {
                throw new ToposcopeException("normalisation '" + text + "': deviation " + s + " is not positive");
            }
        }
        return new ChannelNormalisation(text.trim(), mean, std);
    }

    private static ChannelNormalisation check(ChannelNormalisation n, int channels) {
        if (n.mean.length != channels) {
            throw new ToposcopeException("normalisation " + n.name + " is for " + n.mean.length + " channel(s), the images have " + channels);
        }
        return n;
    }

    @Override
    public ImageBatch apply(ImageBatch batch) {
        int[] s = batch.shape();
        if (s[1] != mean.length) {
            throw new ToposcopeException("normalisation " + name + " is for " + mean.length + " channel(s), the images have " + s[1]);
        }
        float[] v = batch.values();
        int plane = s[2] * s[3];
        for (int i = 0; i < v.length; i++) {
            int c = i / plane % s[1];
            v[i] = (float) ((v[i] - mean[c]) / std[c]);
        }
        return new ImageBatch(batch.firstImage(), s, v, batch.labels());
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
        return o instanceof ChannelNormalisation n && n.name.equals(name) && Arrays.equals(n.mean, mean) && Arrays.equals(n.std, std);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + " (mean " + Arrays.toString(mean) + ", std " + Arrays.toString(std) + ")";
    }
}
