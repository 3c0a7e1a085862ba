package org.toposcope.activations.strategies;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.spi.PointCloudStrategy;

/** Global average or max pooling over the positions: N x C. */
@Component(service = PointCloudStrategy.class)
public final class PooledStrategy extends BaseStrategy {

    public static final String ID = "pooled";

    static final ParameterSpec POOL = ParameterSpec.choice("pool", "average", "average or max over the positions", "average", "max");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "per image each channel pooled over the positions (N x C)";
    }

    @Override
    boolean needsPositions() {
        return true;
    }

    @Override
    List<ParameterSpec> ownParameters() {
        return List.of(POOL);
    }

    @Override
    Collector builder(String layer, Parameters parameters) {
        boolean max = parameters.text("pool").equals("max");
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
                    int at = rows.append(first + i, labels[i], Provenance.NO_POSITION, Provenance.NO_POSITION);
                    double[] out = rows.coordinates();
                    for (int k = 0; k < c; k++) {
                        int base = (i * c + k) * p;
                        double acc = max ? Double.NEGATIVE_INFINITY : 0;
                        for (int q = 0; q < p; q++) {
                            acc = max ? Math.max(acc, v[base + q]) : acc + v[base + q];
                        }
                        out[at + k] = max ? acc : acc / p;
                    }
                }
            }

            @Override
            Rows rows() {
                return rows;
            }
        };
    }
}
