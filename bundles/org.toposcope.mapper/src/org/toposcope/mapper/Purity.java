package org.toposcope.mapper;

import java.util.Arrays;
import java.util.TreeMap;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.SuperClasses;

/**
 * How well mapper nodes separate classes. Node-wise purity (as in the paper): the mean over nodes of
 * 1 / (number of distinct labels among the node's members). Per-image purity, our definition: for image
 * m with label l, the mean over the nodes holding at least one row of m of the fraction of that node's
 * members labelled l; images in no node have none.
 */
public final class Purity {

    private Purity() {
    }

    /** Per-image purity, ascending by image id. */
    public record ImagePurity(int[] imageIds, double[] purities) {
        public ImagePurity {
            imageIds = imageIds.clone();
            purities = purities.clone();
        }

        @Override
        public int[] imageIds() {
            return imageIds.clone();
        }

        @Override
        public double[] purities() {
            return purities.clone();
        }

        public double mean() {
            return Arrays.stream(purities).average().orElse(Double.NaN);
        }
    }

    /** Node-wise purity for the class labels of the cloud the graph was built on. */
    public static double ofClasses(MapperGraph graph, PointCloud cloud) {
        return nodeWise(graph, labels(graph, cloud, null));
    }

    /** Node-wise purity after mapping each class to its super-class. */
    public static double ofSuperClasses(MapperGraph graph, PointCloud cloud, SuperClasses superClasses) {
        return nodeWise(graph, labels(graph, cloud, superClasses));
    }

    /** Mean over nodes of 1 / distinct labels of its members; {@code labelOfRow} indexed by cloud row. */
    public static double nodeWise(MapperGraph graph, int[] labelOfRow) {
        if (graph.nodes().isEmpty()) {
            throw new ToposcopeException(graph.name() + ": purity of a mapper graph without nodes is undefined");
        }
        double sum = 0;
        for (MapperGraph.Node node : graph.nodes()) {
            int[] labels = new int[node.size()];
            int[] members = node.members();
            for (int i = 0; i < labels.length; i++) {
                labels[i] = labelOfRow[members[i]];
            }
            Arrays.sort(labels);
            int distinct = 1;
            for (int i = 1; i < labels.length; i++) {
                if (labels[i] != labels[i - 1]) {
                    distinct++;
                }
            }
            sum += 1.0 / distinct;
        }
        return sum / graph.nodes().size();
    }

    /** Per-image purity with the cloud's class labels and image ids. */
    public static ImagePurity perImage(MapperGraph graph, PointCloud cloud) {
        int[] labels = labels(graph, cloud, null);
        int[] images = cloud.provenance().imageIds();
        // image id -> {sum of fractions, nodes}
        TreeMap<Integer, double[]> acc = new TreeMap<>();
        for (MapperGraph.Node node : graph.nodes()) {
            int[] members = node.members();
            TreeMap<Integer, Integer> countOfLabel = new TreeMap<>();
            for (int row : members) {
                countOfLabel.merge(labels[row], 1, Integer::sum);
            }
            TreeMap<Integer, Integer> labelOfImage = new TreeMap<>();
            for (int row : members) {
                labelOfImage.put(images[row], labels[row]);
            }
            labelOfImage.forEach((image, label) -> {
                double[] a = acc.computeIfAbsent(image, i -> new double[2]);
                a[0] += countOfLabel.get(label) / (double) members.length;
                a[1]++;
            });
        }
        int[] ids = new int[acc.size()];
        double[] purities = new double[acc.size()];
        int k = 0;
        for (var e : acc.entrySet()) {
            ids[k] = e.getKey();
            purities[k++] = e.getValue()[0] / e.getValue()[1];
        }
        return new ImagePurity(ids, purities);
    }

    private static int[] labels(MapperGraph graph, PointCloud cloud, SuperClasses superClasses) {
        int[] labels = cloud.provenance().labels();
        for (MapperGraph.Node node : graph.nodes()) {
            for (int row : node.members()) {
                if (row >= labels.length) {
                    throw new ToposcopeException(graph.name() + ": node " + node.id() + " names row " + row + " but "
                            + cloud.name() + " has " + labels.length + " rows");
                }
                int l = labels[row];
                if (l < 0) {
                    throw new ToposcopeException(cloud.name() + ": row " + row + " has no class label; purity needs labels");
                }
                if (superClasses != null && l >= superClasses.ofClass().length) {
                    throw new ToposcopeException(cloud.name() + ": row " + row + " has label " + l + ", which "
                            + superClasses.name() + " does not map to a super-class");
                }
            }
        }
        if (superClasses != null) {
            for (int i = 0; i < labels.length; i++) {
                labels[i] = labels[i] >= 0 && labels[i] < superClasses.ofClass().length
                        ? superClasses.superClassOf(labels[i]) : labels[i];
            }
        }
        return labels;
    }
}
