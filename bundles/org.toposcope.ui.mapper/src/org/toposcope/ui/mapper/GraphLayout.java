package org.toposcope.ui.mapper;

import java.util.ArrayList;
import java.util.List;

import org.eclipse.elk.alg.force.options.ForceMetaDataProvider;
import org.eclipse.elk.alg.force.options.ForceModelStrategy;
import org.eclipse.elk.alg.force.options.ForceOptions;
import org.eclipse.elk.alg.force.options.StressMetaDataProvider;
import org.eclipse.elk.alg.force.options.StressOptions;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;
import org.toposcope.core.CancelledException;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;

/**
 * Node positions of a mapper graph computed by Eclipse ELK: each node a square as wide as its drawn circle (radius
 * grows with the square root of its members), edges straight; coordinates are ELK's, the view scales them.
 */
public final class GraphLayout {

    /** The ELK algorithms offered. */
    public enum Algorithm {
        FORCE("Force (Fruchterman-Reingold)", ForceOptions.ALGORITHM_ID), STRESS("Stress majorization", StressOptions.ALGORITHM_ID);

        private final String label;
        private final String elkId;

        Algorithm(String label, String elkId) {
            this.label = label;
            this.elkId = elkId;
        }

        public String label() {
            return label;
        }

        public String elkId() {
            return elkId;
        }
    }

    /** Radius of the smallest and of the largest node, in layout units. */
    public static final double MIN_RADIUS = 5;
    public static final double MAX_RADIUS = 22;

    private final double[] x;
    private final double[] y;
    private final double[] radius;

    private GraphLayout(double[] x, double[] y, double[] radius) {
        this.x = x;
        this.y = y;
        this.radius = radius;
    }

    /** Runs ELK on the graph; cancelled through {@code progress} between ELK's phases. */
    public static GraphLayout compute(MapperGraph graph, Algorithm algorithm, Progress progress) {
        registerAlgorithms();
        int n = graph.nodes().size();
        double[] radius = radii(graph);
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, algorithm.elkId());
        if (algorithm == Algorithm.FORCE) {
            root.setProperty(ForceOptions.MODEL, ForceModelStrategy.FRUCHTERMAN_REINGOLD);
            root.setProperty(ForceOptions.RANDOM_SEED, 1);
            root.setProperty(ForceOptions.SPACING_NODE_NODE, 2 * MAX_RADIUS);
        } else {
            root.setProperty(StressOptions.DESIRED_EDGE_LENGTH, 4 * MAX_RADIUS);
        }
        List<ElkNode> nodes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            ElkNode node = ElkGraphUtil.createNode(root);
            node.setDimensions(2 * radius[i], 2 * radius[i]);
            nodes.add(node);
        }
        for (MapperGraph.Edge e : graph.edges()) {
            ElkGraphUtil.createSimpleEdge(nodes.get(e.source()), nodes.get(e.target()));
        }
        progress.begin("Laying out " + n + " nodes (" + algorithm.label() + ")", -1);
        BasicProgressMonitor monitor = new BasicProgressMonitor() {
            @Override
            public boolean isCanceled() {
                return progress.isCancelled();
            }
        };
        try {
            new RecursiveGraphLayoutEngine().layout(root, monitor);
        } catch (RuntimeException e) {
            if (progress.isCancelled()) {
                throw new CancelledException();
            }
            throw new ToposcopeException(graph.name() + ": ELK " + algorithm.elkId() + " layout failed: " + e, e);
        }
        progress.checkCancelled();
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            ElkNode node = nodes.get(i);
            x[i] = node.getX() + radius[i];
            y[i] = node.getY() + radius[i];
        }
        return new GraphLayout(x, y, radius);
    }

    /** Node radius: MIN_RADIUS .. MAX_RADIUS by the square root of members over the largest node's. */
    public static double[] radii(MapperGraph graph) {
        int max = 1;
        for (MapperGraph.Node node : graph.nodes()) {
            max = Math.max(max, node.size());
        }
        double[] r = new double[graph.nodes().size()];
        for (int i = 0; i < r.length; i++) {
            r[i] = MIN_RADIUS + (MAX_RADIUS - MIN_RADIUS) * Math.sqrt(graph.nodes().get(i).size() / (double) max);
        }
        return r;
    }

    // ELK finds algorithms through Java's ServiceLoader on its own class loader, which inside OSGi does not see the
    // algorithm bundles: register their metadata explicitly, once per JVM (class initialisation), unless already known.
    private static void registerAlgorithms() {
        Registration.DONE.hashCode();
    }

    private enum Registration {
        DONE;

        Registration() {
            LayoutMetaDataService service = LayoutMetaDataService.getInstance();
            if (service.getAlgorithmData(ForceOptions.ALGORITHM_ID) == null) {
                service.registerLayoutMetaDataProviders(new ForceMetaDataProvider());
            }
            if (service.getAlgorithmData(StressOptions.ALGORITHM_ID) == null) {
                service.registerLayoutMetaDataProviders(new StressMetaDataProvider());
            }
        }
    }

    public int size() {
        return x.length;
    }

    public double x(int node) {
        return x[node];
    }

    public double y(int node) {
        return y[node];
    }

    public double radius(int node) {
        return radius[node];
    }

    /** A copy with one node moved (dragging). */
    public GraphLayout moved(int node, double newX, double newY) {
        double[] nx = x.clone();
        double[] ny = y.clone();
        nx[node] = newX;
        ny[node] = newY;
        return new GraphLayout(nx, ny, radius);
    }

    /** min x, min y, max x, max y over the node discs; zeros for an empty graph. */
    public double[] bounds() {
        if (x.length == 0) {
            return new double[4];
        }
        double[] b = {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NEGATIVE_INFINITY};
        for (int i = 0; i < x.length; i++) {
            b[0] = Math.min(b[0], x[i] - radius[i]);
            b[1] = Math.min(b[1], y[i] - radius[i]);
            b[2] = Math.max(b[2], x[i] + radius[i]);
            b[3] = Math.max(b[3], y[i] + radius[i]);
        }
        return b;
    }
}
