package org.toposcope.diagrams.tests;

import java.util.List;
import java.util.Random;

import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceDiagram.Dimension;

/** Seeded diagram generators for the tests: the shapes that break matching code. */
final class RandomDiagrams {

    private final Random random;

    RandomDiagrams(long seed) {
        random = new Random(seed);
    }

    /** {@code n} finite pairs with continuous coordinates, births in [0, 10), persistence up to ~5. */
    Dimension continuous(int n, int essential) {
        double[] b = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 10 * random.nextDouble();
            d[i] = b[i] + 5 * random.nextDouble() * random.nextDouble();
        }
        return new Dimension(0, b, d, births(essential));
    }

    /**
     * Coordinates on a coarse grid of step 0.5: many equal costs (ties in the bisection), repeated
     * points, and points on the diagonal.
     */
    Dimension quantized(int n, int essential) {
        double[] b = new double[n];
        double[] d = new double[n];
        for (int i = 0; i < n; i++) {
            b[i] = 0.5 * random.nextInt(12);
            d[i] = b[i] + 0.5 * random.nextInt(6); // persistence 0 for one pair in six
        }
        return new Dimension(0, b, d, quantizedBirths(essential));
    }

    /** Continuous pairs, a few repeated several times, a few on the diagonal. */
    Dimension withDuplicatesAndDiagonal(int n) {
        Dimension base = continuous(n, 0);
        double[] b = new double[n + 6];
        double[] d = new double[n + 6];
        System.arraycopy(base.births(), 0, b, 0, n);
        System.arraycopy(base.deaths(), 0, d, 0, n);
        for (int k = 0; k < 3; k++) { // three copies of pair 0 more, and three diagonal points
            b[n + k] = b[0];
            d[n + k] = d[0];
            double x = 10 * random.nextDouble();
            b[n + 3 + k] = x;
            d[n + 3 + k] = x;
        }
        return new Dimension(0, b, d, new double[0]);
    }

    /** A slightly moved copy: small distances, the regime layer comparisons live in. */
    Dimension perturbed(Dimension base, double scale) {
        double[] b = base.births();
        double[] d = base.deaths();
        for (int i = 0; i < b.length; i++) {
            b[i] += scale * random.nextGaussian();
            d[i] = Math.max(b[i], d[i] + scale * random.nextGaussian());
        }
        double[] e = base.essentialBirths();
        for (int i = 0; i < e.length; i++) {
            e[i] += scale * random.nextGaussian();
        }
        return new Dimension(base.dimension(), b, d, e);
    }

    /** The same pairs as part of dimension {@code k}. */
    static Dimension inDimension(int k, Dimension d) {
        return new Dimension(k, d.births(), d.deaths(), d.essentialBirths());
    }

    static PersistenceDiagram diagram(String name, Dimension h0) {
        return new PersistenceDiagram(name, List.of(h0));
    }

    int nextInt(int bound) {
        return random.nextInt(bound);
    }

    private double[] births(int count) {
        double[] e = new double[count];
        for (int i = 0; i < count; i++) {
            e[i] = 10 * random.nextDouble();
        }
        return e;
    }

    private double[] quantizedBirths(int count) {
        double[] e = new double[count];
        for (int i = 0; i < count; i++) {
            e[i] = 0.5 * random.nextInt(8);
        }
        return e;
    }
}
