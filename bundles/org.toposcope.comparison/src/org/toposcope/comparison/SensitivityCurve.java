package org.toposcope.comparison;

import java.util.Arrays;
import java.util.Objects;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;

/**
 * Sensitivity test after Ding et al. 2021: delete the k smallest principal directions of a cloud
 * ({@link PrincipalDirections}), k = 0, step, 2 step, ... while k &lt; r = min(n, d); recompute the diagram and
 * measure its distance to the original's, and the similarity (e.g. linear CKA) between X and X_k. A measure
 * that is sensitive to what matters should move when large directions go, not small ones.
 *
 * @param fractionRemoved k / r
 */
public record SensitivityCurve(String layer, int[] removed, double[] fractionRemoved, double[] diagramDistance,
        double[] similarity) {

    public SensitivityCurve {
        Objects.requireNonNull(layer, "layer");
        int n = removed.length;
        if (fractionRemoved.length != n || diagramDistance.length != n || similarity.length != n) {
            throw new IllegalArgumentException(layer + ": curve arrays differ in length");
        }
        removed = removed.clone();
        fractionRemoved = fractionRemoved.clone();
        diagramDistance = diagramDistance.clone();
        similarity = similarity.clone();
    }

    /**
     * Progress: one unit for the original diagram, one per k. For k = 0 the original diagram is reused
     * (X_0 = X), so the first distance is the metric's distance of a diagram to itself.
     */
    public static SensitivityCurve compute(PointCloud cloud, int step, FiltrationBackend backend,
            Parameters filtrationParameters, DiagramMetric metric, Parameters metricParameters, Dimensions dims,
            LayerSimilarity similarity, Parameters similarityParameters, Progress progress) {
        if (step < 1) {
            throw new ToposcopeException(cloud.name() + ": sensitivity step must be >= 1, not " + step);
        }
        int r = Math.min(cloud.size(), cloud.dimension());
        if (r == 0) {
            throw new ToposcopeException(cloud.name() + ": " + cloud.size() + " x " + cloud.dimension()
                    + " cloud has no principal directions");
        }
        int count = (r + step - 1) / step;
        int[] removed = new int[count];
        double[] fraction = new double[count];
        double[] distance = new double[count];
        double[] similar = new double[count];
        progress.begin("sensitivity of " + cloud.name(), count + 1L);
        Progress inner = new Parallel.Nested(progress::isCancelled);
        PersistenceDiagram original = backend.compute(cloud, filtrationParameters, inner);
        dims.check(cloud.name(), original);
        progress.worked(1);
        progress.checkCancelled();
        PrincipalDirections directions = PrincipalDirections.of(cloud);
        for (int i = 0; i < count; i++) {
            int k = i * step;
            PointCloud reduced = k == 0 ? cloud : directions.without(k);
            PersistenceDiagram diagram = k == 0 ? original : backend.compute(reduced, filtrationParameters, inner);
            removed[i] = k;
            fraction[i] = (double) k / r;
            distance[i] = dims.distance(original, diagram, metric, metricParameters);
            similar[i] = similarity.similarity(cloud, reduced, similarityParameters, inner);
            progress.worked(1);
            progress.checkCancelled();
        }
        return new SensitivityCurve(cloud.name(), removed, fraction, distance, similar);
    }

    public int size() {
        return removed.length;
    }

    @Override
    public int[] removed() {
        return removed.clone();
    }

    @Override
    public double[] fractionRemoved() {
        return fractionRemoved.clone();
    }

    @Override
    public double[] diagramDistance() {
        return diagramDistance.clone();
    }

    @Override
    public double[] similarity() {
        return similarity.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SensitivityCurve c && c.layer.equals(layer) && Arrays.equals(c.removed, removed)
                && Arrays.equals(c.fractionRemoved, fractionRemoved) && Arrays.equals(c.diagramDistance, diagramDistance)
                && Arrays.equals(c.similarity, similarity);
    }

    @Override
    public int hashCode() {
        return layer.hashCode() * 31 + Arrays.hashCode(removed) * 17 + Arrays.hashCode(diagramDistance);
    }

    @Override
    public String toString() {
        return "SensitivityCurve[" + layer + ", k = " + Arrays.toString(removed) + "]";
    }
}
