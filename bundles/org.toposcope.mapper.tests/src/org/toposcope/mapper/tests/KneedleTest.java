package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.toposcope.mapper.cluster.Kneedle;

/** Kneedle on convex increasing curves whose knee is known in closed form. */
class KneedleTest {

    @Test
    void kneeOfABrokenLineIsTheBreak() {
        double[] x = new double[101];
        double[] y = new double[101];
        for (int i = 0; i <= 100; i++) {
            x[i] = i;
            y[i] = i <= 70 ? i : 70 + 10 * (i - 70);
        }
        assertEquals(70, Kneedle.knee(x, y));
    }

    @Test
    void kneeOfAParabolaIsWhereItsSlopeEqualsTheChord() {
        double[] x = new double[101];
        double[] y = new double[101];
        for (int i = 0; i <= 100; i++) {
            x[i] = i / 100.0;
            y[i] = x[i] * x[i];
        }
        assertEquals(50, Kneedle.knee(x, y)); // max of x - x² at 1/2
    }

    @Test
    void kneeOfTheExponentialIsAtLnOfEMinusOne() {
        double[] x = new double[1001];
        double[] y = new double[1001];
        for (int i = 0; i <= 1000; i++) {
            x[i] = i / 1000.0;
            y[i] = Math.exp(x[i]);
        }
        // max of x - (e^x - 1) / (e - 1): e^x = e - 1
        assertEquals((int) Math.round(1000 * Math.log(Math.E - 1)), Kneedle.knee(x, y));
    }

    @Test
    void sortedValuesUseTheirRankAsX() {
        double[] v = new double[40];
        for (int i = 0; i < v.length; i++) {
            v[i] = i < 30 ? 1 + 0.01 * i : 5 + i;
        }
        assertEquals(v[29], Kneedle.kneeOfSorted(v));
    }
}
