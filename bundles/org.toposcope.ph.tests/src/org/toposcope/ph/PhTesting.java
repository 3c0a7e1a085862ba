package org.toposcope.ph;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import org.toposcope.core.Parameters;
import org.toposcope.core.spi.FiltrationBackend;

/** Parameters and clouds shared by the tests of this fragment; plain Java, so PeakProbe's own JVM can use it too. */
final class PhTesting {

    private PhTesting() {
    }

    /** The backend's parameters with the given key, value, key, value, ... set. */
    static Parameters params(FiltrationBackend backend, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Parameters.resolve(backend, m);
    }

    /** Random orthogonal 3x3 matrices (Gram–Schmidt of gaussian columns) as points of R^9. */
    static double[][] orthogonal(Random r, int n) {
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            p[i] = orthogonal(r);
        }
        return p;
    }

    /** One random orthogonal 3x3 matrix, its columns one after the other. */
    static double[] orthogonal(Random r) {
        double[][] q = new double[3][3];
        for (int c = 0; c < 3; c++) {
            for (int k = 0; k < 3; k++) {
                q[c][k] = r.nextGaussian();
            }
            for (int prev = 0; prev < c; prev++) {
                double dot = 0;
                for (int k = 0; k < 3; k++) {
                    dot += q[c][k] * q[prev][k];
                }
                for (int k = 0; k < 3; k++) {
                    q[c][k] -= dot * q[prev][k];
                }
            }
            double norm = Math.sqrt(q[c][0] * q[c][0] + q[c][1] * q[c][1] + q[c][2] * q[c][2]);
            for (int k = 0; k < 3; k++) {
                q[c][k] /= norm;
            }
        }
        double[] x = new double[9];
        for (int c = 0; c < 3; c++) {
            System.arraycopy(q[c], 0, x, 3 * c, 3);
        }
        return x;
    }
}
