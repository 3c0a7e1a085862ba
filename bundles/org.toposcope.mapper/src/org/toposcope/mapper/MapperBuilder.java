package org.toposcope.mapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.Lens;

/**
 * The mapper construction: lens values, a cover of them, clusters of each cover set's points as nodes
 * (in cover-set order, then cluster-index order; noise dropped), and an edge between every two nodes
 * that share rows, weighted by how many.
 */
public final class MapperBuilder {

    private final Lens lens;
    private final Parameters lensParameters;
    private final Cover cover;
    private final Parameters coverParameters;
    private final Clusterer clusterer;
    private final Parameters clustererParameters;

    public MapperBuilder(Lens lens, Parameters lensParameters, Cover cover, Parameters coverParameters,
            Clusterer clusterer, Parameters clustererParameters) {
        this.lens = lens;
        this.lensParameters = lensParameters;
        this.cover = cover;
        this.coverParameters = coverParameters;
        this.clusterer = clusterer;
        this.clustererParameters = clustererParameters;
    }

    /** A builder with every extension's default parameters. */
    public static MapperBuilder withDefaults(Lens lens, Cover cover, Clusterer clusterer) {
        return new MapperBuilder(lens, Parameters.defaults(lens), cover, Parameters.defaults(cover), clusterer,
                Parameters.defaults(clusterer));
    }

    public MapperGraph build(PointCloud cloud, Progress progress) {
        if (cloud.size() == 0) {
            throw new ToposcopeException(cloud.name() + ": mapper needs at least one point");
        }
        return fromLensValues(cloud, lens.apply(cloud, lensParameters), lens.id(), cover, coverParameters, clusterer,
                clustererParameters, progress);
    }

    /**
     * The graph of lens values computed elsewhere (for example from another layer's activations of the same
     * images), one row per point of {@code cloud}; checked like a lens applied here.
     */
    public static MapperGraph fromLensValues(PointCloud cloud, Matrix values, String lensId, Cover cover, Parameters coverParameters,
            Clusterer clusterer, Parameters clustererParameters, Progress progress) {
        if (values.rows() != cloud.size()) {
            throw new ToposcopeException(cloud.name() + ": lens " + lensId + " gave " + values.rows()
                    + " rows for " + cloud.size() + " points");
        }
        Clouds.requireFinite(values, cloud.name() + ": lens " + lensId);
        List<int[]> sets = cover.cover(values, coverParameters);
        return fromCover(cloud, sets, clusterer, clustererParameters, progress);
    }

    /** The graph of an already computed cover. */
    public static MapperGraph fromCover(PointCloud cloud, List<int[]> sets, Clusterer clusterer, Parameters parameters,
            Progress progress) {
        progress.begin("mapper: clustering " + sets.size() + " cover sets of " + cloud.name(), sets.size());
        List<MapperGraph.Node> nodes = new ArrayList<>();
        for (int s = 0; s < sets.size(); s++) {
            progress.checkCancelled();
            int[] rows = sets.get(s);
            if (rows.length > 0) {
                PointCloud part = Clouds.subset(cloud, rows, cloud.name() + " cover set " + s);
                int[] labels = clusterer.cluster(part, parameters);
                if (labels.length != rows.length) {
                    throw new ToposcopeException(cloud.name() + ": clusterer " + clusterer.id() + " labelled "
                            + labels.length + " of " + rows.length + " points of cover set " + s);
                }
                int clusters = 0;
                for (int label : labels) {
                    clusters = Math.max(clusters, label + 1);
                }
                int[] sizes = new int[clusters];
                for (int label : labels) {
                    if (label >= 0) {
                        sizes[label]++;
                    }
                }
                int[][] members = new int[clusters][];
                for (int c = 0; c < clusters; c++) {
                    members[c] = new int[sizes[c]];
                    sizes[c] = 0;
                }
                for (int i = 0; i < rows.length; i++) {
                    if (labels[i] >= 0) {
                        members[labels[i]][sizes[labels[i]]++] = rows[i]; // rows ascending, so members are too
                    }
                }
                for (int[] m : members) {
                    if (m.length > 0) {
                        nodes.add(new MapperGraph.Node(nodes.size(), s, m));
                    }
                }
            }
            progress.worked(1);
        }
        return new MapperGraph(cloud.name(), nodes, edges(nodes, cloud.size()));
    }

    /** Edges between nodes sharing rows, ordered by (source, target), source < target. */
    static List<MapperGraph.Edge> edges(List<MapperGraph.Node> nodes, int rows) {
        // nodes of each row, as a linked list through parallel arrays: no per-row allocation
        int total = 0;
        for (MapperGraph.Node node : nodes) {
            total += node.size();
        }
        int[] head = new int[rows];
        java.util.Arrays.fill(head, -1);
        int[] next = new int[total];
        int[] nodeOf = new int[total];
        int k = 0;
        for (MapperGraph.Node node : nodes) {
            for (int row : node.members()) {
                nodeOf[k] = node.id();
                next[k] = head[row];
                head[row] = k++;
            }
        }
        Map<Long, Integer> shared = new TreeMap<>();
        for (int row = 0; row < rows; row++) {
            for (int a = head[row]; a >= 0; a = next[a]) {
                for (int b = next[a]; b >= 0; b = next[b]) {
                    int lo = Math.min(nodeOf[a], nodeOf[b]);
                    int hi = Math.max(nodeOf[a], nodeOf[b]);
                    shared.merge(((long) lo << 32) | hi, 1, Integer::sum);
                }
            }
        }
        List<MapperGraph.Edge> edges = new ArrayList<>(shared.size());
        shared.forEach((key, count) -> edges.add(new MapperGraph.Edge((int) (key >>> 32), (int) (long) key, count)));
        return edges;
    }
}
