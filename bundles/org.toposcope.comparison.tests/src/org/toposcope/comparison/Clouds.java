package org.toposcope.comparison;

import java.util.Random;

import org.toposcope.core.model.PointCloud;

/** Seeded test clouds: Gaussian, and noisy circles lying in a random plane of R^d. */
final class Clouds {

    private Clouds() {
    }

    static PointCloud gaussian(String name, Random random, int n, int d) {
        double[][] rows = new double[n][d];
        for (double[] row : rows) {
            for (int c = 0; c < d; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return PointCloud.of(name, rows);
    }

    /**
     * n points on a circle of this radius with radial noise {@code noise}, plus Gaussian noise of standard
     * deviation {@code spread} in the other d - 2 directions, rotated by a random orthogonal map of R^d.
     */
    static PointCloud circle(String name, Random random, int n, int d, double radius, double noise, double spread) {
        double[][] q = orthogonal(random, d);
        double[][] rows = new double[n][d];
        double[] p = new double[d];
        for (int i = 0; i < n; i++) {
            double t = 2 * Math.PI * random.nextDouble();
            double r = radius + noise * random.nextGaussian();
            p[0] = r * Math.cos(t);
            p[1] = r * Math.sin(t);
            for (int c = 2; c < d; c++) {
                p[c] = spread * random.nextGaussian();
            }
            for (int c = 0; c < d; c++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    s += p[k] * q[k][c];
                }
                rows[i][c] = s;
            }
        }
        return PointCloud.of(name, rows);
    }

    /** A random orthogonal d x d matrix: Gram-Schmidt on the rows of a Gaussian matrix. */
    static double[][] orthogonal(Random random, int d) {
        double[][] q = new double[d][d];
        for (int j = 0; j < d; j++) {
            for (int k = 0; k < d; k++) {
                q[j][k] = random.nextGaussian();
            }
            for (int i = 0; i < j; i++) {
                double dot = 0;
                for (int k = 0; k < d; k++) {
                    dot += q[j][k] * q[i][k];
                }
                for (int k = 0; k < d; k++) {
                    q[j][k] -= dot * q[i][k];
                }
            }
            double norm = 0;
            for (int k = 0; k < d; k++) {
                norm += q[j][k] * q[j][k];
            }
            norm = Math.sqrt(norm);
            for (int k = 0; k < d; k++) {
                q[j][k] /= norm;
            }
        }
        return q;
    }
}
