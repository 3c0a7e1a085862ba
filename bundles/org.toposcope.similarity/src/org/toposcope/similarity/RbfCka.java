package org.toposcope.similarity;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.LayerSimilarity;

/**
 * Centred kernel alignment with Gaussian kernels (Kornblith et al. 2019): K_ij = exp(-|x_i - x_j|^2 /
 * (2 sigma^2)) with sigma = factor x the median distance over the n (n - 1) / 2 distinct pairs, per cloud;
 * CKA = HSIC(K, L) / sqrt(HSIC(K, K) HSIC(L, L)) with HSIC(K, L) = &lt;HKH, HLH&gt;_F, H the centring
 * matrix. Two n x n arrays, so n is bounded by memory (n = 10 000 needs 1.6 GB).
 */
@Component(service = LayerSimilarity.class)
public final class RbfCka implements LayerSimilarity {

    public static final String ID = "rbf-cka";
    public static final String FACTOR = "factor";

    // a Java array holds at most 2^31 - 1 entries
    private static final int MAX_ROWS = 46_340;

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "centred kernel alignment with Gaussian kernels, bandwidth = factor x median pairwise distance";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.real(FACTOR, 1.0, "kernel bandwidth as a multiple of the median pairwise distance"));
    }

    @Override
    public double similarity(PointCloud a, PointCloud b, Parameters parameters, Progress progress) {
        return of(a, b, parameters.real(FACTOR), progress);
    }

    /** RBF CKA of two clouds over the same rows with bandwidth factor {@code factor} (&gt; 0). */
    public static double of(PointCloud a, PointCloud b, double factor, Progress progress) {
        if (!(factor > 0) || factor == Double.POSITIVE_INFINITY) {
            throw new ToposcopeException(ID + ": " + FACTOR + " must be a positive number, not " + factor);
        }
        Clouds.checkPair(ID, a, b);
        int n = a.size();
        if (n > MAX_ROWS) {
            throw new ToposcopeException(ID + ": " + n + " rows; the n x n kernel allows at most " + MAX_ROWS);
        }
        progress.begin(ID, 2L * n + 1);
        double[] k = centredKernel(a, factor, progress);
        double[] l = centredKernel(b, factor, progress);
        int nn = n * n;
        double kl = Clouds.dot(k, l, nn);
        double kk = Clouds.dot(k, k, nn);
        double ll = Clouds.dot(l, l, nn);
        progress.worked(1);
        return Clouds.unit(kl / Math.sqrt(kk * ll));
    }

    /** H K H for the Gaussian kernel of one cloud, n x n row-major; reports n units. */
    private static double[] centredKernel(PointCloud cloud, double factor, Progress progress) {
        int n = cloud.size();
        int d = cloud.dimension();
        double[] x = cloud.coordinates();
        double[] k = new double[n * n];
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = x[i * d + c] - x[j * d + c];
                    s += t * t;
                }
                k[i * n + j] = s;
                k[j * n + i] = s;
            }
            progress.checkCancelled();
        }
        double median = medianDistance(k, n);
        if (median == 0) {
            throw new ToposcopeException(ID + ": " + cloud.name()
                    + ": median pairwise distance is 0 (most rows are equal); no kernel bandwidth");
        }
        double sigma = factor * median;
        double scale = -1 / (2 * sigma * sigma);
        for (int i = 0; i < n * n; i++) {
            k[i] = Math.exp(k[i] * scale);
        }
        // H K H: subtract row and column means, add back the grand mean (K is symmetric)
        double[] mean = new double[n];
        double grand = 0;
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < n; j++) {
                s += k[i * n + j];
            }
            mean[i] = s / n;
            grand += s;
        }
        grand /= (double) n * n;
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                k[i * n + j] += grand - mean[i] - mean[j];
            }
            progress.worked(1);
        }
        return k;
    }

    /** Median distance over distinct pairs, from squared distances (middle two averaged as distances). */
    private static double medianDistance(double[] k, int n) {
        double[] upper = new double[n * (n - 1) / 2];
        int m = 0;
        for (int i = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++) {
                upper[m++] = k[i * n + j];
            }
        }
        Arrays.sort(upper);
        return m % 2 == 1 ? Math.sqrt(upper[m / 2]) : (Math.sqrt(upper[m / 2 - 1]) + Math.sqrt(upper[m / 2])) / 2;
    }
}
