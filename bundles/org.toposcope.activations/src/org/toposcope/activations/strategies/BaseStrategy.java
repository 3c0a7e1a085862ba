package org.toposcope.activations.strategies;

import java.util.ArrayList;
import java.util.List;

import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * What every strategy here shares: the {@code relu} and {@code normalise} options, the checks on each
 * batch (finite values, one shape per layer, spatial layers where positions are needed), and image
 * ids taken from the batches, so a cloud depends on the images and never on how they were batched.
 */
abstract class BaseStrategy implements PointCloudStrategy {

    static final ParameterSpec RELU = ParameterSpec.bool("relu", false, "clip negative activations to 0 first");
    static final ParameterSpec NORMALISE = ParameterSpec.choice("normalise", "none",
            "rows of the finished cloud: none, unit (length 1) or standardise (columns to mean 0, deviation 1)",
            Normalisation.CHOICES);
    static final ParameterSpec SEED = ParameterSpec.integer("seed", 0, "seed of the random choices (same seed, same cloud)");

    /** Whether the strategy needs positions, so that a dense N x D layer is an error. */
    abstract boolean needsPositions();

    /** Parameters of this strategy besides relu and normalise. */
    List<ParameterSpec> ownParameters() {
        return List.of();
    }

    @Override
    public final List<ParameterSpec> parameters() {
        List<ParameterSpec> all = new ArrayList<>(ownParameters());
        all.add(RELU);
        all.add(NORMALISE);
        return List.copyOf(all);
    }

    @Override
    public final Builder begin(String layer, Parameters parameters) {
        return builder(layer, parameters);
    }

    abstract Collector builder(String layer, Parameters parameters);

    /** Accumulates one layer; subclasses see each batch once, after it was checked (and clipped). */
    abstract class Collector implements Builder {
        final String layer;
        final boolean relu;
        final Normalisation normalisation;
        Layout layout;
        private int images;

        Collector(String layer, Parameters parameters) {
            this.layer = layer;
            this.relu = parameters.bool("relu");
            this.normalisation = Normalisation.of(parameters.text("normalise"));
        }

        @Override
        public final void accept(LayerActivations batch) {
            Layout l = Layout.of(batch);
            if (needsPositions() && !l.spatial()) {
                throw new ToposcopeException(layer + ": strategy " + id() + " needs spatial activations (N x C x H x W); this layer is dense, "
                        + l.channels() + " values per image (use top-l2, image-vector or random-projection)");
            }
            if (l.features() == 0) {
                throw new ToposcopeException(layer + ": activations of " + l.describe() + " per image are empty");
            }
            if (layout == null) {
                layout = l;
                started(l);
            } else if (!layout.equals(l)) {
                throw new ToposcopeException(layer + ": a batch of " + l.describe() + " activations per image after batches of "
                        + layout.describe());
            }
            float[] v = batch.values();
            int features = l.features();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new ToposcopeException(layer + ": image " + (batch.firstImage() + i / features) + " has "
                            + (Float.isNaN(v[i]) ? "a NaN" : "an infinite") + " activation (value " + i % features + " of " + features + ")");
                }
                if (relu && v[i] < 0) {
                    v[i] = 0;
                }
            }
            images += batch.batchSize();
            batch(v, batch.batchSize(), batch.firstImage(), batch.labels());
        }

        /** Called once with the layout of the first batch. */
        void started(Layout l) {
        }

        /** One checked batch: {@code n} images from data-set index {@code first}, values in the layout's order. */
        abstract void batch(float[] values, int n, int first, int[] labels);

        /** The rows gathered; called once by {@link #build()}. */
        abstract Rows rows();

        @Override
        public final PointCloud build() {
            if (images == 0) {
                throw new ToposcopeException(layer + ": strategy " + id() + " was given no images");
            }
            return rows().toCloud(layer + " " + id(), normalisation);
        }
    }
}
