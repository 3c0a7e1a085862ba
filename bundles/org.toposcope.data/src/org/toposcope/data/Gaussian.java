package org.toposcope.data;

/**
 * Standard normal deviates from a SplitMix64 stream by Marsaglia and Tsang's ziggurat (128 layers),
 * with the layer index and the value taken from different bits (Doornik's fix). The tables are
 * computed with StrictMath and the rare wedge and tail draws use StrictMath, so a seed gives the same
 * deviates on every JVM; about 98% of draws need one multiplication.
 */
final class Gaussian {

    private static final int LAYERS = 128;
    private static final double R = 3.442619855899;
    private static final double AREA = 9.91256303526217e-3;
    private static final double M1 = 2147483648.0;
    private static final long[] K = new long[LAYERS];
    private static final double[] W = new double[LAYERS];
    private static final double[] F = new double[LAYERS];
    private static final long GOLDEN = 0x9e3779b97f4a7c15L;

    static {
        double dn = R;
        double tn = dn;
        double q = AREA / StrictMath.exp(-0.5 * dn * dn);
        K[0] = (long) ((dn / q) * M1);
        K[1] = 0;
        W[0] = q / M1;
        W[LAYERS - 1] = dn / M1;
        F[0] = 1;
        F[LAYERS - 1] = StrictMath.exp(-0.5 * dn * dn);
        for (int i = LAYERS - 2; i >= 1; i--) {
            dn = StrictMath.sqrt(-2 * StrictMath.log(AREA / dn + StrictMath.exp(-0.5 * dn * dn)));
            K[i + 1] = (long) ((dn / tn) * M1);
            tn = dn;
            F[i] = StrictMath.exp(-0.5 * dn * dn);
            W[i] = dn / M1;
        }
    }

    private long state;

    /** A stream for one seed; nearby seeds give unrelated streams. */
    Gaussian(long seed) {
        state = mix(seed);
    }

    /** SplitMix64's finaliser: a bijection that scatters nearby inputs. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private long nextLong() {
        state += GOLDEN;
        return mix(state);
    }

    /** Uniform in (0, 1]. */
    private double uniform() {
        return ((nextLong() >>> 11) + 1) * 0x1.0p-53;
    }

    double next() {
        while (true) {
            long bits = nextLong();
            int layer = (int) (bits & (LAYERS - 1));
            int hz = (int) (bits >> 32);
            if (Math.abs((long) hz) < K[layer]) {
                return hz * W[layer];
            }
            if (layer == 0) {
                // the tail beyond R, by Marsaglia's exponential rejection
                double x;
                double y;
                do {
                    x = -StrictMath.log(uniform()) / R;
                    y = -StrictMath.log(uniform());
                } while (y + y < x * x);
                return hz > 0 ? R + x : -R - x;
            }
            double x = hz * W[layer];
            if (F[layer] + uniform() * (F[layer - 1] - F[layer]) < StrictMath.exp(-0.5 * x * x)) {
                return x;
            }
        }
    }
}
