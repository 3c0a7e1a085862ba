package org.toposcope.activations.strategies;

import java.util.Arrays;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerActivations;

/**
 * One image's activations seen as {@code channels} values at each of {@code height x width}
 * positions: C x H x W for convolutional layers, C x 1 x L for 1-D ones, and for dense layers
 * (N x D) D channels at a single position, marked not {@code spatial}.
 */
record Layout(int channels, int height, int width, boolean spatial) {

    static Layout of(LayerActivations batch) {
        int[] s = batch.shape();
        return switch (s.length) {
            case 2 -> new Layout(s[1], 1, 1, false);
            case 3 -> new Layout(s[1], 1, s[2], true);
            case 4 -> new Layout(s[1], s[2], s[3], true);
            default -> throw new ToposcopeException(batch.layer() + ": activations of shape " + Arrays.toString(s)
                    + " are neither N x D nor N x C x H x W");
        };
    }

    int positions() {
        return height * width;
    }

    int features() {
        return channels * height * width;
    }

    String describe() {
        return spatial ? channels + " x " + height + " x " + width : Integer.toString(channels);
    }
}
