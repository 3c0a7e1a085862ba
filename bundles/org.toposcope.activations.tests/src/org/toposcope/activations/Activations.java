package org.toposcope.activations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.toposcope.core.Parameters;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.PointCloudStrategy;

/** Test activations: hand-built or random N x C x H x W arrays, cut into batches and run through a strategy. */
final class Activations {

    private Activations() {
    }

    static float[] random(long seed, int count) {
        Random r = new Random(seed);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    static int[] labels(int n) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = (i * 7) % 10;
        }
        return l;
    }

    /** Images {@code first .. first+count-1} of a whole array of shape {@code shape} as one batch. */
    static LayerActivations slice(String layer, int[] shape, float[] values, int[] labels, int first, int count) {
        int per = values.length / shape[0];
        int[] s = shape.clone();
        s[0] = count;
        return new LayerActivations(layer, s, Arrays.copyOfRange(values, first * per, (first + count) * per), first,
                Arrays.copyOfRange(labels, first, first + count));
    }

    static List<LayerActivations> batches(String layer, int[] shape, float[] values, int[] labels, int batch) {
        List<LayerActivations> out = new ArrayList<>();
        for (int first = 0; first < shape[0]; first += batch) {
            out.add(slice(layer, shape, values, labels, first, Math.min(batch, shape[0] - first)));
        }
        return out;
    }

    static PointCloudStrategy strategy(String id) {
        return Registry.current().get(PointCloudStrategy.class, id);
    }

    static PointCloud cloud(String id, Map<String, String> parameters, List<LayerActivations> batches) {
        PointCloudStrategy s = strategy(id);
        PointCloudStrategy.Builder b = s.begin(batches.isEmpty() ? "layer" : batches.get(0).layer(), Parameters.resolve(s, parameters));
        batches.forEach(b::accept);
        return b.build();
    }
}
