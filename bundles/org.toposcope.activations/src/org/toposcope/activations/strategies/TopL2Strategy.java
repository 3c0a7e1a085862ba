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

            @Override
            void started(Layout l) {
                rows = new Rows(l.channels(), 1024);
            }

            @Override
            void batch(float[] v, int n, int first, int[] labels) {
                int c = layout.channels();
                int p = layout.positions();
                for (int i = 0; i < n; i++) {
                    int base = i * c * p;
                    int best = 0;
                    double bestNorm = -1;
                    for (int q = 0; q < p; q++) {
                        double norm = 0;
                        for (int k = 0; k < c; k++) {
                            double x = v[base + k * p + q];
                            norm += x * x;
                        }
                        if (norm > bestNorm) {
                            bestNorm = norm;
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
