package org.toposcope.spark;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

import org.toposcope.comparison.Dimensions;
import org.toposcope.comparison.LayerDistances;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.experiment.cache.Codec;

/**
 * Stage-2 work of one task: the pairs {@code first} (inclusive) to {@code last} (exclusive) of the upper
 * triangle of an n x n matrix, in row-major order (0,1), (0,2), ..., (1,2), ...
 *
 * @param metric     the metric's id; its parameters as text, resolved again on the executor
 * @param dimensions {@link Dimensions#parse} text
 */
record PairBlock(String name, List<String> labels, String metric, Map<String, String> parameters, String dimensions, long first,
        long last) implements Serializable {

    private static final long serialVersionUID = 1L;

    PairBlock {
        labels = List.copyOf(labels);
        parameters = Map.copyOf(parameters);
    }

    /** The metric as the driver resolved it: the same id and parameters, from this JVM's registry. */
    static Resolved resolve(String metric, Map<String, String> parameters) {
        for (Registered<DiagramMetric> r : Registry.current().all(DiagramMetric.class)) {
            if (r.id().equals(metric)) {
                return new Resolved(r.extension(), Parameters.resolve(r.extension(), parameters));
            }
        }
        throw new ToposcopeException("executor: diagram metric '" + metric + "' is not installed here");
    }

    record Resolved(DiagramMetric metric, Parameters parameters) {
    }

    /** The distances of this block's pairs, in pair order. */
    double[] compute(List<byte[]> encoded) {
        Resolved r = resolve(metric, parameters);
        Dimensions dims = Dimensions.parse(dimensions);
        int n = encoded.size();
        PersistenceDiagram[] decoded = new PersistenceDiagram[n];
        double[] out = new double[(int) (last - first)];
        // walk to the first pair's row and column, then along the triangle
        int i = 0;
        long start = 0;
        while (start + (n - 1 - i) <= first) {
            start += n - 1 - i;
            i++;
        }
        int j = (int) (i + 1 + (first - start));
        for (int p = 0; p < out.length; p++) {
            PersistenceDiagram a = decoded[i] != null ? decoded[i] : (decoded[i] = Codec.decodeDiagram(encoded.get(i)));
            PersistenceDiagram b = decoded[j] != null ? decoded[j] : (decoded[j] = Codec.decodeDiagram(encoded.get(j)));
            try {
                out[p] = LayerDistances.distance(a, b, r.metric(), r.parameters(), dims);
            } catch (ToposcopeException e) {
                throw new ToposcopeException(name + ": " + labels.get(i) + " vs " + labels.get(j) + ": " + e.getMessage(), e);
            }
            if (++j == n) {
                i++;
                j = i + 1;
            }
        }
        return out;
    }
}
