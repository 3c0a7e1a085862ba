package org.toposcope.activations.strategies;

import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * TopoAct's construction: {@code k} distinct positions per image drawn uniformly, each giving its
 * C-vector. Each image's draw comes from a generator seeded by (seed, image id), so batching cannot
 * change it.
 */
@Component(service = PointCloudStrategy.class)
public final class RandomSpatialStrategy extends BaseStrategy {

    public static final String ID = "random-spatial";

    static final ParameterSpec K = ParameterSpec.integer("k", 1, "positions drawn per image, without replacement");

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "k uniformly random spatial activations per image (N*k x C), as TopoAct";
    }

    @Override
    boolean needsPositions() {
        return true;
    }

    @Override
    List<ParameterSpec> ownParameters() {
        return List.of(K, SEED);
    }

    @Override
    Collector builder(String layer, Parameters parameters) {
        int k = parameters.integer("k");
        long seed = parameters.integer("seed");
        if (k < 1) {
            throw new ToposcopeException(layer + ": " + ID + " needs k >= 1, got " + k);
        }
        return new Collector(layer, parameters) {
            private Rows rows;
            private int[] order;

            @Override
            void started(Layout l) {
                if (k > l.positions()) {
                    throw new ToposcopeException(layer + ": " + ID + " asks for k = " + k + " positions per image but the feature map has "
                            + l.positions() + " (" + l.height() + " x " + l.width() + ")");
                }
                rows = new Rows(l.channels(), 1024);
                order = new int[l.positions()];
            }

            @Override
            void batch(float[] v, int n, int first, int[] labels) {
                int c = layout.channels();
                int p = layout.positions();
                for (int i = 0; i < n; i++) {
                    SplittableRandom random = new SplittableRandom(Seeds.of(seed, first + i));
                    for (int q = 0; q < p; q++) {
                        order[q] = q;
                    }
                    // partial Fisher-Yates: the first k entries become a uniform sample without replacement
                    for (int j = 0; j < k; j++) {
                        int swap = j + random.nextInt(p - j);
                        int t = order[j];
                        order[j] = order[swap];
                        order[swap] = t;
                    }
                    Arrays.sort(order, 0, k);
                    for (int j = 0; j < k; j++) {
                        int q = order[j];
                        rows.appendStrided(v, i * c * p + q, p, first + i, labels[i], q / layout.width(), q % layout.width());
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
