package org.toposcope.similarity.tests;

import java.util.Random;

import org.toposcope.core.model.PointCloud;

/** Seeded Gaussian clouds and the linear maps the invariance tests apply to them. */
final class RandomClouds {

    private RandomClouds() {
    }

    static double[][] gaussian(Random random, int rows, int columns) {
        double[][] m = new double[rows][columns];
        for (double[] row : m) {
            for (int c = 0; c < columns; c++) {
                row[c] = random.nextGaussian();
            }
        }
        return m;
    }

    static PointCloud cloud(String name, double[][] rows) {
        return PointCloud.of(name, rows);
    }

    /** A uniformly random orthogonal d x d matrix: Gram-Schmidt on a Gaussian matrix, columns normalised. */
    static double[][] orthogonal(Random random, int d) {
        double[][] q = gaussian(random, d, d); // q[j] is column j
        for (int j = 0; j < d; j++) {
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
        // transpose so that the result is indexed [row][column] like everything else
        double[][] t = new double[d][d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                t[i][j] = q[j][i];
            }
        }
        return t;
    }

    static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b.length;
        int p = b[0].length;
        double[][] c = new double[n][p];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < m; k++) {
                for (int j = 0; j < p; j++) {
                    c[i][j] += a[i][k] * b[k][j];
                }
            }
        }
        return c;
    }

    static double[][] scale(double[][] a, double s) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
            for (int j = 0; j < c[i].length; j++) {
                c[i][j] *= s;
            }
        }
        return c;
    }

    static double[][] plus(double[][] a, double[][] b, double s) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
            for (int j = 0; j < c[i].length; j++) {
                c[i][j] += s * b[i][j];
            }
        }
        return c;
    }
}
