package org.toposcope.activations.strategies;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * The persistence construction of the paper: per image, the spatial activation (the C-vector at one
 * position) of largest L2 norm, so N images give N x C; ties go to the first position in row-major
 * order. A dense layer gives each image's whole vector.
 */
@Component(service = PointCloudStrategy.class)
public final class TopL2Strategy extends BaseStrategy {

    public static final String ID = "top-l2";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "per image the spatial activation of largest L2 norm (N x C), its position kept";
    }

    @Override
    boolean needsPositions() {
        return false;
    }

    @Override
    Collector builder(String layer, Parameters parameters) {
        return new Collector(layer, parameters) {
            private Rows rows;
            private double[] norms;

            @Override
            void started(Layout l) {
                rows = new Rows(l.channels(), 1024);
                norms = new double[l.positions()];
            }

            @Override
            void batch(float[] v, int n, int first, int[] labels) {
                int c = layout.channels();
                int p = layout.positions();
                for (int i = 0; i < n; i++) {
                    int base = i * c * p;
                    // channel by channel, so the inner loop runs over contiguous positions
                    java.util.Arrays.fill(norms, 0);
                    for (int k = 0; k < c; k++) {
                        int at = base + k * p;
                        for (int q = 0; q < p; q++) {
                            double x = v[at + q];
                            norms[q] += x * x;
                        }
                    }
                    int best = 0;
                    for (int q = 1; q < p; q++) {
                        if (norms[q] > norms[best]) {
                            best = q;
                        }
                    }
                    int row = layout.spatial() ? best / layout.width() : Provenance.NO_POSITION;
                    int column = layout.spatial() ? best % layout.width() : Provenance.NO_POSITION;
                    rows.appendStrided(v, base + best, p, first + i, labels[i], row, column);
                }
            }

            @Override
            Rows rows() {
                return rows;
            }
        };
    }
}
