package org.toposcope.activations.strategies;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.spi.PointCloudStrategy;

/** Each image's activations flattened in C x H x W order (or its D values): N x CHW. */
@Component(service = PointCloudStrategy.class)
public final class ImageVectorStrategy extends BaseStrategy {

    public static final String ID = "image-vector";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "per image all activations flattened (N x C*H*W, or N x D for dense layers)";
    }

    @Override
    boolean needsPositions() {
        return false;
    }

    @Override
    Collector builder(String layer, Parameters parameters) {
        return new Collector(layer, parameters) {
            private Rows rows;

            @Override
            void started(Layout l) {
                rows = new Rows(l.features(), 256);
            }

            @Override
            void batch(float[] v, int n, int first, int[] labels) {
                int f = layout.features();
                for (int i = 0; i < n; i++) {
                    rows.appendStrided(v, i * f, 1, first + i, labels[i], Provenance.NO_POSITION, Provenance.NO_POSITION);
                }
            }

            @Override
            Rows rows() {
                return rows;
            }
        };
    }
}
