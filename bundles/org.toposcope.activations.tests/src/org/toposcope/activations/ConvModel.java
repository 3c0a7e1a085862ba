package org.toposcope.activations;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.spi.LoadedModel;

/**
 * A small deterministic network computed in Java: "conv" is a fixed 2x2 convolution (stride 1, two
 * output channels with bias) of a one-channel image, "relu" its rectification and "dense" three linear
 * functions of the relu map's channel means. Optionally fails on a given batch, to test clean-up.
 */
final class ConvModel implements LoadedModel {

    static final float[][] KERNELS = {{1f, -1f, 0.5f, 0.25f}, {-0.5f, 2f, -1f, 1f}};
    static final float[] BIAS = {-0.3f, 0.1f};
    static final float[][] DENSE = {{1f, -2f}, {0.5f, 0.5f}, {-1f, 3f}};

    private final int failOnBatch;
    private int batches;

    ConvModel() {
        this(-1);
    }

    ConvModel(int failOnBatch) {
        this.failOnBatch = failOnBatch;
    }

    @Override
    public String name() {
        return "conv-model";
    }

    @Override
    public Optional<int[]> inputShape() {
        return Optional.of(new int[] {1, 28, 28});
    }

    @Override
    public List<LayerInfo> layers(int[] s) {
        return List.of(new LayerInfo("conv", new int[] {2, s[1] - 1, s[2] - 1}), new LayerInfo("relu", new int[] {2, s[1] - 1, s[2] - 1}),
                new LayerInfo("dense", new int[] {3}));
    }

    @Override
    public Map<String, LayerActivations> forward(ImageBatch batch) {
        if (batches++ == failOnBatch) {
            throw new ToposcopeException(name() + ": simulated failure in batch " + failOnBatch);
        }
        int[] s = batch.shape();
        int n = s[0];
        int h = s[2];
        int w = s[3];
        int oh = h - 1;
        int ow = w - 1;
        float[] x = batch.values();
        float[] conv = new float[n * 2 * oh * ow];
        float[] relu = new float[conv.length];
        float[] dense = new float[n * 3];
        for (int i = 0; i < n; i++) {
            double[] means = new double[2];
            for (int c = 0; c < 2; c++) {
                float[] k = KERNELS[c];
                for (int r = 0; r < oh; r++) {
                    for (int q = 0; q < ow; q++) {
                        int at = i * h * w + r * w + q;
                        float v = BIAS[c] + k[0] * x[at] + k[1] * x[at + 1] + k[2] * x[at + w] + k[3] * x[at + w + 1];
                        int o = ((i * 2 + c) * oh + r) * ow + q;
                        conv[o] = v;
                        relu[o] = Math.max(0f, v);
                        means[c] += relu[o];
                    }
                }
                means[c] /= oh * ow;
            }
            for (int j = 0; j < 3; j++) {
                dense[i * 3 + j] = (float) (DENSE[j][0] * means[0] + DENSE[j][1] * means[1]);
            }
        }
        Map<String, LayerActivations> out = new LinkedHashMap<>();
        // firstImage 0 and labels left empty on purpose where a loader would not know them: capture fills them in
        out.put("conv", new LayerActivations("conv", new int[] {n, 2, oh, ow}, conv, 0, new int[n]));
        out.put("relu", new LayerActivations("relu", new int[] {n, 2, oh, ow}, relu, batch.firstImage(), batch.labels()));
        out.put("dense", new LayerActivations("dense", new int[] {n, 3}, dense, batch.firstImage(), batch.labels()));
        return out;
    }

    @Override
    public void close() {
    }
}
