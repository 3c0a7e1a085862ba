package org.toposcope.comparison;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

import org.toposcope.core.CancelledException;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.similarity.MatrixCorrelation;

/**
 * How alike the within-model layer x layer matrices of several seeds (or models) are: Pearson and Spearman
 * correlation of the upper triangles for every pair of them, pairs (i, j), i &lt; j, row-major.
 */
public record SeedStability(List<String> models, double[] pearson, double[] spearman) {

    public SeedStability {
        models = List.copyOf(models);
        int pairs = models.size() * (models.size() - 1) / 2;
        if (pearson.length != pairs || spearman.length != pairs) {
            throw new IllegalArgumentException(models.size() + " models need " + pairs + " correlations, not "
                    + pearson.length + " and " + spearman.length);
        }
        pearson = pearson.clone();
        spearman = spearman.clone();
    }

    /**
     * @param withinModel one square matrix per model, all over the same labels (at least 3 layers, so that the
     *                    upper triangles have 2 or more entries)
     */
    public static SeedStability of(List<String> models, List<DistanceMatrix> withinModel) {
        if (models.size() != withinModel.size()) {
            throw new ToposcopeException("seed stability: " + models.size() + " models but " + withinModel.size()
                    + " matrices");
        }
        if (models.size() < 2) {
            throw new ToposcopeException("seed stability: " + models.size() + " model(s); need at least 2 to compare");
        }
        DistanceMatrix reference = withinModel.get(0);
        for (int m = 0; m < models.size(); m++) {
            DistanceMatrix matrix = withinModel.get(m);
            if (matrix.rows() != matrix.columns() || !matrix.rowLabels().equals(matrix.columnLabels())) {
                throw new ToposcopeException("seed stability: matrix " + matrix.name() + " of " + models.get(m)
                        + " is not square over one set of labels");
            }
            if (!matrix.rowLabels().equals(reference.rowLabels())) {
                throw new ToposcopeException("seed stability: matrix " + matrix.name() + " of " + models.get(m)
                        + " has labels " + firstDifference(matrix.rowLabels(), reference.rowLabels()) + " in matrix "
                        + reference.name() + " of " + models.get(0));
            }
        }
        int n = models.size();
        double[] pearson = new double[n * (n - 1) / 2];
        double[] spearman = new double[pearson.length];
        double[][] upper = new double[n][];
        for (int m = 0; m < n; m++) {
            upper[m] = MatrixCorrelation.upperTriangle(withinModel.get(m));
        }
        for (int i = 0, p = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, p++) {
                try {
                    pearson[p] = MatrixCorrelation.pearson(upper[i], upper[j]);
                    spearman[p] = MatrixCorrelation.spearman(upper[i], upper[j]);
                } catch (CancelledException e) {
                    throw e;
                } catch (ToposcopeException e) {
                    throw new ToposcopeException("seed stability: " + models.get(i) + " vs " + models.get(j) + ": "
                            + e.getMessage(), e);
                }
            }
        }
        return new SeedStability(models, pearson, spearman);
    }

    private static String firstDifference(List<String> labels, List<String> reference) {
        for (int i = 0; i < Math.min(labels.size(), reference.size()); i++) {
            if (!labels.get(i).equals(reference.get(i))) {
                return "'" + labels.get(i) + "' at position " + (i + 1) + " where there is '" + reference.get(i) + "'";
            }
        }
        return labels.size() + " labels where there are " + reference.size();
    }

    public double meanPearson() {
        return mean(pearson);
    }

    public double minPearson() {
        return Arrays.stream(pearson).min().orElse(Double.NaN);
    }

    public double meanSpearman() {
        return mean(spearman);
    }

    public double minSpearman() {
        return Arrays.stream(spearman).min().orElse(Double.NaN);
    }

    private static double mean(double[] values) {
        return values.length == 0 ? Double.NaN : Arrays.stream(values).sum() / values.length;
    }

    @Override
    public double[] pearson() {
        return pearson.clone();
    }

    @Override
    public double[] spearman() {
        return spearman.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SeedStability s && s.models.equals(models) && Arrays.equals(s.pearson, pearson)
                && Arrays.equals(s.spearman, spearman);
    }

    @Override
    public int hashCode() {
        return Objects.hash(models) * 31 + Arrays.hashCode(pearson) * 17 + Arrays.hashCode(spearman);
    }

    @Override
    public String toString() {
        return "SeedStability[" + models + ", mean Pearson " + meanPearson() + ", mean Spearman " + meanSpearman() + "]";
    }
}
