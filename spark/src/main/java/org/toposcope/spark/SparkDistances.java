package org.toposcope.spark;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.experiment.PairwiseDistances;
import org.toposcope.experiment.Plan;
import org.toposcope.experiment.cache.Codec;

/**
 * Stage 2 on Spark: the pairs of a distance matrix cut into blocks of consecutive pairs, one task each; the
 * diagrams reach the executors once per matrix as a broadcast of their encoded bytes. Each entry is the same
 * metric call {@code LayerDistances.matrix} makes, so the matrix is the single-process one.
 */
final class SparkDistances implements PairwiseDistances {

    private final JavaSparkContext sc;
    private final int pairsPerTask;

    SparkDistances(JavaSparkContext sc, int pairsPerTask) {
        this.sc = sc;
        this.pairsPerTask = pairsPerTask;
    }

    @Override
    public DistanceMatrix matrix(String name, List<String> labels, List<PersistenceDiagram> diagrams, DiagramMetric metric, Plan plan,
            Progress progress) {
        if (labels.size() != diagrams.size()) {
            throw new ToposcopeException(name + ": " + labels.size() + " labels for " + diagrams.size() + " diagrams");
        }
        progress.checkCancelled();
        int n = diagrams.size();
        long pairs = (long) n * (n - 1) / 2;
        Map<String, String> parameters = textOf(plan);
        List<PairBlock> blocks = new ArrayList<>();
        for (long first = 0; first < pairs; first += pairsPerTask) {
            blocks.add(new PairBlock(name, labels, plan.metric().id(), parameters, plan.spec().dimensions(), first,
                    Math.min(pairs, first + pairsPerTask)));
        }
        double[] values = new double[n * n];
        if (!blocks.isEmpty()) {
            progress.begin("stage 2: " + name + ": " + pairs + " pairs in " + blocks.size() + " Spark tasks", blocks.size());
            Broadcast<List<byte[]>> encoded = sc.broadcast(diagrams.stream().map(Codec::encode).toList());
            List<double[]> results;
            try {
                results = Failures.oneLine(() -> sc.parallelize(blocks, blocks.size()).map(b -> b.compute(encoded.value())).collect());
            } finally {
                encoded.destroy();
            }
            progress.worked(blocks.size());
            int i = 0;
            int j = 1;
            for (double[] block : results) {
                for (double d : block) {
                    values[i * n + j] = d;
                    values[j * n + i] = d;
                    if (++j == n) {
                        i++;
                        j = i + 1;
                    }
                }
            }
        }
        return new DistanceMatrix(name, labels, labels, values);
    }

    /** The plan's metric parameters as text that resolves to the same values (checked here, on the driver). */
    static Map<String, String> textOf(Plan plan) {
        Map<String, String> text = new LinkedHashMap<>();
        plan.metric().parameters().asMap().forEach((k, v) -> text.put(k, String.valueOf(v)));
        Parameters again = Parameters.resolve(plan.metric().extension(), text);
        if (!again.equals(plan.metric().parameters())) {
            throw new ToposcopeException(plan.spec().file() + ": metric.parameters: " + plan.metric().parameters()
                    + " do not survive being written as text (" + again + "); cannot send them to executors");
        }
        return text;
    }
}
