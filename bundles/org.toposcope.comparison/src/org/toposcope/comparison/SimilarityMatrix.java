package org.toposcope.comparison;

import java.util.List;

import org.toposcope.core.CancelledException;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.LayerSimilarity;

/** Matrices of representational similarity (CKA, SVCCA) between layers over the same images. */
public final class SimilarityMatrix {

    private SimilarityMatrix() {
    }

    /**
     * n x n matrix of similarity values between clouds of the same images, labels as given. Pairs i &lt;= j
     * are computed (the diagonal too, not assumed to be 1) and mirrored; progress: one unit per pair.
     */
    public static DistanceMatrix of(String name, List<String> labels, List<PointCloud> clouds, LayerSimilarity similarity,
            Parameters parameters, Progress progress) {
        return of(name, labels, clouds, similarity, parameters, progress, Parallel.defaultThreads());
    }

    static DistanceMatrix of(String name, List<String> labels, List<PointCloud> clouds, LayerSimilarity similarity,
            Parameters parameters, Progress progress, int threads) {
        if (labels.size() != clouds.size()) {
            throw new ToposcopeException(name + ": " + labels.size() + " labels for " + clouds.size() + " clouds");
        }
        int n = clouds.size();
        int pairs = n * (n + 1) / 2;
        int[] first = new int[pairs];
        int[] second = new int[pairs];
        for (int i = 0, p = 0; i < n; i++) {
            for (int j = i; j < n; j++, p++) {
                first[p] = i;
                second[p] = j;
            }
        }
        double[] s = Parallel.run(name, pairs, threads, (p, inner) -> {
            try {
                return similarity.similarity(clouds.get(first[p]), clouds.get(second[p]), parameters, inner);
            } catch (CancelledException e) {
                throw e;
            } catch (ToposcopeException e) {
                throw new ToposcopeException(name + ": " + labels.get(first[p]) + " vs " + labels.get(second[p]) + ": "
                        + e.getMessage(), e);
            }
        }, progress);
        double[] values = new double[n * n];
        for (int p = 0; p < pairs; p++) {
            values[first[p] * n + second[p]] = s[p];
            values[second[p] * n + first[p]] = s[p];
        }
        return new DistanceMatrix(name, labels, labels, values);
    }
}
