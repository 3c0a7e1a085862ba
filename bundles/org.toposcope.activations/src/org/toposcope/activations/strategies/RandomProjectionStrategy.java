package org.toposcope.activations.strategies;

import java.util.List;
import java.util.SplittableRandom;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * Each image's flattened activations times a seeded Gaussian matrix with entries N(0, 1/dimensions)
 * (Johnson-Lindenstrauss scaling, so distances are kept on average): N x dimensions, for layers too
 * wide to use as image vectors. The matrix depends on the seed and the layer's width only.
 */
@Component(service = PointCloudStrategy.class)
public final class RandomProjectionStrategy extends BaseStrategy {

    public static final String ID = "random-projection";

    static final ParameterSpec DIMENSIONS = ParameterSpec.integer("dimensions", 64, "dimension projected to");

    /** 2^28 floats (1 GiB) is far more than a projection needs; a larger request is a typo. */
    private static final long MAX_MATRIX = 1L << 28;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "per image the flattened activations under a seeded Gaussian random projection (N x dimensions)";
    }

    @Override
    boolean needsPositions() {
        return false;
    }

    @Override
    List<ParameterSpec> ownParameters() {
        return List.of(DIMENSIONS, SEED);
    }

    @Override
    Collector builder(String layer, Parameters parameters) {
        int dimensions = parameters.integer("dimensions");
        long seed = parameters.integer("seed");
        if (dimensions < 1) {
            throw new ToposcopeException(layer + ": " + ID + " needs dimensions >= 1, got " + dimensions);
        }
        return new Collector(layer, parameters) {
            private Rows rows;
            private float[] matrix; // features x dimensions, so each input value updates a contiguous run of outputs
            private double[] sums;

            @Override
            void started(Layout l) {
                int f = l.features();
                if ((long) f * dimensions > MAX_MATRIX) {
                    throw new ToposcopeException(layer + ": a projection of " + f + " values to " + dimensions
                            + " dimensions needs more than 2^28 matrix entries");
                }
                matrix = new float[f * dimensions];
                SplittableRandom random = new SplittableRandom(Seeds.of(seed, f));
                double scale = 1 / Math.sqrt(dimensions);
                for (int i = 0; i < matrix.length; i++) {
                    matrix[i] = (float) (random.nextGaussian() * scale);
                }
                sums = new double[dimensions];
                rows = new Rows(dimensions, 1024);
            }

            @Override
            void batch(float[] v, int n, int first, int[] labels) {
                int f = layout.features();
                for (int i = 0; i < n; i++) {
                    java.util.Arrays.fill(sums, 0);
                    for (int k = 0; k < f; k++) {
                        double x = v[i * f + k];
                        if (x == 0) {
                            continue; // after ReLU most values are 0
                        }
                        int m = k * dimensions;
                        for (int j = 0; j < dimensions; j++) {
                            sums[j] += matrix[m + j] * x;
                        }
                    }
                    int at = rows.append(first + i, labels[i], Provenance.NO_POSITION, Provenance.NO_POSITION);
                    System.arraycopy(sums, 0, rows.coordinates(), at, dimensions);
                }
            }

            @Override
            Rows rows() {
                return rows;
            }
        };
    }
}
