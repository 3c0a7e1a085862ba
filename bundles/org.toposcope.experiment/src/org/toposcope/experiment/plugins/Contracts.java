package org.toposcope.experiment.plugins;

import java.util.Arrays;
import java.util.List;

import org.toposcope.core.Extension;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceResult;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.core.spi.Lens;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * What each extension point's output must satisfy, as the rest of Toposcope relies on it: checked by {@link Guard}
 * after every call. A check returns one line saying what is wrong, or null. Only what the SPI's documentation
 * promises is checked (a similarity has no range there, so only finiteness).
 */
final class Contracts {

    private Contracts() {
    }

    /** The checks of one extension point, named as messages name the point. */
    interface Contract {
        String point();

        String check(String method, Object[] args, Object result);
    }

    private record Stateless(String point, Check check) implements Contract {
        @Override
        public String check(String method, Object[] args, Object result) {
            return check.check(method, args, result);
        }
    }

    @FunctionalInterface
    private interface Check {
        String check(String method, Object[] args, Object result);
    }

    static Contract of(Class<? extends Extension> point) {
        if (point == Lens.class) {
            return new Stateless("lens", (m, a, r) -> lens((PointCloud) a[0], (Matrix) r));
        }
        if (point == DiagramMetric.class) {
            return new Stateless("metric", (m, a, r) -> metric((PersistenceDiagram.Dimension) a[0], (PersistenceDiagram.Dimension) a[1],
                    (Double) r));
        }
        if (point == Cover.class) {
            return new Stateless("cover", (m, a, r) -> cover((Matrix) a[0], r));
        }
        if (point == Clusterer.class) {
            return new Stateless("clusterer", (m, a, r) -> clusterer((PointCloud) a[0], (int[]) r));
        }
        if (point == LayerSimilarity.class) {
            return new Stateless("similarity", (m, a, r) -> similarity((PointCloud) a[0], (PointCloud) a[1], (Double) r));
        }
        if (point == FiltrationBackend.class) {
            return new Stateless("filtration", (m, a, r) -> filtration(a[0], r));
        }
        if (point == PointCloudStrategy.class) {
            return new Stateless("strategy", (m, a, r) -> r == null ? "returned no builder for layer " + a[0] : null);
        }
        throw new IllegalArgumentException("no contract for extension point " + point.getName());
    }

    /** A strategy's builder: remembers the images it was fed, so the cloud's rows can be checked against them. */
    static Contract builder(String point, String layer) {
        return new BuilderContract(point, layer);
    }

    private static String lens(PointCloud cloud, Matrix m) {
        if (m == null) {
            return "returned no values";
        }
        if (m.rows() != cloud.size() || m.columns() < 1) {
            return "returned " + m.rows() + " x " + m.columns() + " values for " + cloud.size() + " points of " + cloud.name()
                    + " (expected " + cloud.size() + " rows, at least 1 column)";
        }
        double[] v = m.values();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return "returned " + v[i] + " at row " + i / m.columns() + ", column " + i % m.columns() + " for " + cloud.name();
            }
        }
        return null;
    }

    private static String metric(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, double d) {
        // +infinity is a legitimate distance (differing numbers of essential classes)
        if (Double.isNaN(d) || d < 0) {
            return "returned " + d + " for two H" + a.dimension() + " diagrams (" + a.finiteCount() + " and " + b.finiteCount()
                    + " finite pairs)";
        }
        return null;
    }

    private static String cover(Matrix lens, Object result) {
        if (!(result instanceof List<?> sets)) {
            return "returned no cover sets";
        }
        for (int s = 0; s < sets.size(); s++) {
            if (!(sets.get(s) instanceof int[] rows)) {
                return "returned no rows for cover set " + s;
            }
            for (int i = 0; i < rows.length; i++) {
                if (rows[i] < 0 || rows[i] >= lens.rows()) {
                    return "cover set " + s + " holds row " + rows[i] + ", but the lens has " + lens.rows() + " rows";
                }
                if (i > 0 && rows[i] <= rows[i - 1]) {
                    return "cover set " + s + " is not strictly ascending (row " + rows[i] + " after " + rows[i - 1] + ")";
                }
            }
        }
        return null;
    }

    private static String clusterer(PointCloud points, int[] labels) {
        if (labels == null) {
            return "returned no cluster labels";
        }
        if (labels.length != points.size()) {
            return "returned " + labels.length + " cluster labels for " + points.size() + " points of " + points.name();
        }
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] < -1) {
                return "returned cluster " + labels[i] + " for row " + i + " of " + points.name() + " (expected -1 for noise or an index)";
            }
        }
        return null;
    }

    private static String similarity(PointCloud a, PointCloud b, double s) {
        return Double.isFinite(s) ? null : "returned " + s + " for " + a.name() + " and " + b.name();
    }

    private static String filtration(Object input, Object result) {
        String name = input instanceof PointCloud c ? c.name() : input instanceof LowerDistanceMatrix d ? d.name() : String.valueOf(input);
        PersistenceDiagram d = result instanceof PersistenceResult r ? r.diagram() : (PersistenceDiagram) result;
        if (d == null) {
            return "returned no diagram for " + name;
        }
        if (d.dimensions().isEmpty()) {
            return "returned a diagram without an H0 part for " + name;
        }
        for (PersistenceDiagram.Dimension k : d.dimensions()) {
            double[] essential = k.essentialBirths();
            for (int i = 0; i < essential.length; i++) {
                if (!Double.isFinite(essential[i])) {
                    return "returned an essential H" + k.dimension() + " class born at " + essential[i] + " for " + name;
                }
            }
        }
        // every filtration of a non-empty cloud has a vertex, so at least one connected component
        PersistenceDiagram.Dimension h0 = d.dimension(0);
        if (input instanceof PointCloud c && c.size() > 0 && h0.finiteCount() + h0.essentialBirths().length == 0) {
            return "returned no H0 class for the " + c.size() + " points of " + name;
        }
        return null;
    }

    /** Labels of the images fed so far, by image index; -2 where none was fed. */
    private static final class BuilderContract implements Contract {
        private static final int NOT_FED = -2;
        private final String point;
        private final String layer;
        private int[] labelOf = new int[0];
        /** A non-finite activation makes a non-finite cloud the model's fault, reported as such by the runner. */
        private boolean fedNonFinite;

        BuilderContract(String point, String layer) {
            this.point = point;
            this.layer = layer;
        }

        @Override
        public String point() {
            return point;
        }

        @Override
        public String check(String method, Object[] args, Object result) {
            if (method.equals("accept")) {
                remember((LayerActivations) args[0]);
                return null;
            }
            if (!method.equals("build")) {
                return null;
            }
            if (!(result instanceof PointCloud cloud)) {
                return "built no point cloud for layer " + layer;
            }
            if (cloud.size() == 0 || cloud.dimension() == 0) {
                return "built a " + cloud.size() + " x " + cloud.dimension() + " point cloud for layer " + layer;
            }
            double[] c = cloud.coordinates();
            for (int i = 0; i < c.length && !fedNonFinite; i++) {
                if (!Double.isFinite(c[i])) {
                    return "built " + c[i] + " at row " + i / cloud.dimension() + ", column " + i % cloud.dimension() + " of layer " + layer;
                }
            }
            Provenance p = cloud.provenance();
            for (int r = 0; r < cloud.size(); r++) {
                int image = p.imageId(r);
                if (image < 0 || image >= labelOf.length || labelOf[image] == NOT_FED) {
                    return "built row " + r + " of layer " + layer + " from image " + image + ", which it was not given";
                }
                if (p.label(r) != labelOf[image]) {
                    return "built row " + r + " of layer " + layer + " with label " + p.label(r) + ", but image " + image + " has label "
                            + labelOf[image];
                }
            }
            return null;
        }

        private void remember(LayerActivations batch) {
            int end = batch.firstImage() + batch.batchSize();
            if (end > labelOf.length) {
                int old = labelOf.length;
                labelOf = Arrays.copyOf(labelOf, Math.max(end, old * 2));
                Arrays.fill(labelOf, old, labelOf.length, NOT_FED);
            }
            int[] labels = batch.labels();
            System.arraycopy(labels, 0, labelOf, batch.firstImage(), labels.length);
            java.nio.FloatBuffer values = batch.valuesView();
            for (int i = 0; i < values.limit() && !fedNonFinite; i++) {
                fedNonFinite = !Float.isFinite(values.get(i));
            }
        }
    }
}
