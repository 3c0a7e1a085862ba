package org.toposcope.testing.brokenplugin;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * Channel means per image (global average pooling), except on the layer named by {@code layer} (every layer by default),
 * where it throws on the first batch, builds a NaN, builds a row from an image it was not given, or hangs in build.
 */
@Component(service = PointCloudStrategy.class)
public final class BrokenStrategy implements PointCloudStrategy {

    @Override
    public String id() {
        return "broken-strategy";
    }

    @Override
    public String description() {
        return "deliberately broken point-cloud strategy (isolation tests)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return Failure.perLayerParameters();
    }

    @Override
    public Builder begin(String layer, Parameters parameters) {
        String failure = Failure.on(parameters, layer);
        return new Builder() {
            private double[] rows = new double[0];
            private int[] images = new int[0];
            private int[] labels = new int[0];
            private int size;
            private int channels = -1;

            @Override
            public void accept(LayerActivations batch) {
                if (failure.equals(Failure.THROW)) {
                    throw new IllegalStateException("broken-strategy fails on purpose on " + layer);
                }
                int[] shape = batch.shape();
                int c = shape[1];
                int positions = batch.featuresPerImage() / Math.max(1, c);
                channels = c;
                float[] v = batch.values();
                int[] l = batch.labels();
                for (int i = 0; i < batch.batchSize(); i++) {
                    if (size == images.length) {
                        int capacity = Math.max(16, size * 2);
                        rows = Arrays.copyOf(rows, capacity * c);
                        images = Arrays.copyOf(images, capacity);
                        labels = Arrays.copyOf(labels, capacity);
                    }
                    for (int k = 0; k < c; k++) {
                        double sum = 0;
                        int base = (i * c + k) * positions;
                        for (int q = 0; q < positions; q++) {
                            sum += v[base + q];
                        }
                        rows[size * c + k] = sum / Math.max(1, positions);
                    }
                    images[size] = batch.firstImage() + i;
                    labels[size] = l[i];
                    size++;
                }
            }

            @Override
            public PointCloud build() {
                double[] coordinates = Arrays.copyOf(rows, size * channels);
                int[] ids = Arrays.copyOf(images, size);
                switch (failure) {
                    case Failure.NAN -> coordinates[coordinates.length / 2] = Double.NaN;
                    case Failure.WRONG_SIZE -> ids[size - 1] = ids[size - 1] + size;
                    case Failure.HANG -> Failure.hang();
                    default -> {
                    }
                }
                int[] none = new int[size];
                Arrays.fill(none, Provenance.NO_POSITION);
                return new PointCloud(layer, size, channels, coordinates, new Provenance(ids, Arrays.copyOf(labels, size), none, none));
            }
        };
    }
}
