package org.toposcope.comparison;

import java.util.ArrayList;
import java.util.List;

import org.toposcope.core.CancelledException;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;

/**
 * Matrices of diagram distances between layers (Purvine et al. 2023): within one model, between two
 * models, and across all layers of several models. Every entry is one metric call (two for
 * {@link Dimensions#BOTH}) on its own slot, spread over the cores, so the numbers do not depend on the
 * thread count.
 */
public final class LayerDistances {

    private LayerDistances() {
    }

    /**
     * Symmetric n x n matrix of distances between diagrams: zero diagonal, each pair i &lt; j computed once.
     * Progress: one unit per pair.
     */
    public static DistanceMatrix matrix(String name, List<String> labels, List<PersistenceDiagram> diagrams,
            DiagramMetric metric, Parameters metricParameters, Dimensions dims, Progress progress) {
        return matrix(name, labels, diagrams, metric, metricParameters, dims, progress, Parallel.defaultThreads());
    }

    static DistanceMatrix matrix(String name, List<String> labels, List<PersistenceDiagram> diagrams,
            DiagramMetric metric, Parameters metricParameters, Dimensions dims, Progress progress, int threads) {
        check(name, "labels", labels, diagrams, dims);
        int n = diagrams.size();
        int pairs = n * (n - 1) / 2;
        int[] first = new int[pairs];
        int[] second = new int[pairs];
        for (int i = 0, p = 0; i < n; i++) {
            for (int j = i + 1; j < n; j++, p++) {
                first[p] = i;
                second[p] = j;
            }
        }
        double[] d = Parallel.run(name, pairs, threads, (p, inner) -> distance(name, labels.get(first[p]),
                diagrams.get(first[p]), labels.get(second[p]), diagrams.get(second[p]), metric, metricParameters, dims),
                progress);
        double[] values = new double[n * n];
        for (int p = 0; p < pairs; p++) {
            values[first[p] * n + second[p]] = d[p];
            values[second[p] * n + first[p]] = d[p];
        }
        return new DistanceMatrix(name, labels, labels, values);
    }

    /** Rectangular block: entry (i, j) is the distance from row diagram i to column diagram j (all computed). */
    public static DistanceMatrix block(String name, List<String> rowLabels, List<PersistenceDiagram> rows,
            List<String> columnLabels, List<PersistenceDiagram> columns, DiagramMetric metric, Parameters metricParameters,
            Dimensions dims, Progress progress) {
        return block(name, rowLabels, rows, columnLabels, columns, metric, metricParameters, dims, progress,
                Parallel.defaultThreads());
    }

    static DistanceMatrix block(String name, List<String> rowLabels, List<PersistenceDiagram> rows,
            List<String> columnLabels, List<PersistenceDiagram> columns, DiagramMetric metric, Parameters metricParameters,
            Dimensions dims, Progress progress, int threads) {
        check(name, "row labels", rowLabels, rows, dims);
        check(name, "column labels", columnLabels, columns, dims);
        int c = columns.size();
        double[] values = Parallel.run(name, rows.size() * c, threads, (p, inner) -> distance(name,
                rowLabels.get(p / c), rows.get(p / c), columnLabels.get(p % c), columns.get(p % c), metric,
                metricParameters, dims), progress);
        return new DistanceMatrix(name, rowLabels, columnLabels, values);
    }

    /**
     * All layers of all models in one square matrix, labelled "model/layer", model by model: block (a, b) is
     * {@link #block} of models a and b, the diagonal blocks are {@link #matrix} of each model. Each pair of
     * layers is computed once (progress: one unit per pair).
     */
    public static DistanceMatrix crossModel(String name, List<String> modelNames, List<List<String>> layerLabels,
            List<List<PersistenceDiagram>> diagrams, DiagramMetric metric, Parameters metricParameters, Dimensions dims,
            Progress progress) {
        return crossModel(name, modelNames, layerLabels, diagrams, metric, metricParameters, dims, progress,
                Parallel.defaultThreads());
    }

    static DistanceMatrix crossModel(String name, List<String> modelNames, List<List<String>> layerLabels,
            List<List<PersistenceDiagram>> diagrams, DiagramMetric metric, Parameters metricParameters, Dimensions dims,
            Progress progress, int threads) {
        if (modelNames.size() != layerLabels.size() || modelNames.size() != diagrams.size()) {
            throw new ToposcopeException(name + ": " + modelNames.size() + " model names, " + layerLabels.size()
                    + " lists of layer labels and " + diagrams.size() + " lists of diagrams");
        }
        List<String> labels = new ArrayList<>();
        List<PersistenceDiagram> all = new ArrayList<>();
        for (int m = 0; m < modelNames.size(); m++) {
            List<String> layers = layerLabels.get(m);
            if (layers.size() != diagrams.get(m).size()) {
                throw new ToposcopeException(name + ": model " + modelNames.get(m) + " has " + layers.size()
                        + " layer labels but " + diagrams.get(m).size() + " diagrams");
            }
            for (String layer : layers) {
                labels.add(modelNames.get(m) + "/" + layer);
            }
            all.addAll(diagrams.get(m));
        }
        // the blocks of a symmetric metric are the parts of one matrix; computing it whole visits each pair once
        return matrix(name, labels, all, metric, metricParameters, dims, progress, threads);
    }

    /** The metric's distance between two diagrams over {@code dims}. */
    public static double distance(PersistenceDiagram a, PersistenceDiagram b, DiagramMetric metric,
            Parameters metricParameters, Dimensions dims) {
        dims.check(metric.id(), a);
        dims.check(metric.id(), b);
        return dims.distance(a, b, metric, metricParameters);
    }

    private static double distance(String name, String labelA, PersistenceDiagram a, String labelB,
            PersistenceDiagram b, DiagramMetric metric, Parameters parameters, Dimensions dims) {
        try {
            return dims.distance(a, b, metric, parameters);
        } catch (CancelledException e) {
            throw e;
        } catch (ToposcopeException e) {
            throw new ToposcopeException(name + ": " + labelA + " vs " + labelB + ": " + e.getMessage(), e);
        }
    }

    private static void check(String name, String what, List<String> labels, List<PersistenceDiagram> diagrams,
            Dimensions dims) {
        if (labels.size() != diagrams.size()) {
            throw new ToposcopeException(name + ": " + labels.size() + " " + what + " for " + diagrams.size() + " diagrams");
        }
        for (int i = 0; i < diagrams.size(); i++) {
            dims.check(name + ": " + labels.get(i), diagrams.get(i));
        }
    }
}
