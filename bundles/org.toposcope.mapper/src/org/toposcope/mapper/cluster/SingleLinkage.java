package org.toposcope.mapper.cluster;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.mapper.Clouds;

/**
 * Single-linkage clustering cut as in Singh, Mémoli, Carlsson (2007): the merge distances (minimum
 * spanning tree edges, Prim in O(n²) time and O(n) memory) are binned into a histogram over
 * [min, max]; the cut is the lower edge of the first empty bin, and merges below it are kept. Without an
 * empty bin the set is one cluster. No point is noise.
 */
@Component(service = Clusterer.class)
public final class SingleLinkage implements Clusterer {

    public static final String ID = "single-linkage";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "single linkage cut at the first gap of the merge-distance histogram";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("bins", 10, "histogram bins of the merge distances"));
    }

    @Override
    public int[] cluster(PointCloud points, Parameters parameters) {
        int bins = parameters.integer("bins");
        if (bins < 1) {
            throw new ToposcopeException(points.name() + ": " + ID + " bins must be at least 1, got " + bins);
        }
        Clouds.requireUsable(points, ID, 0);
        int n = points.size();
        int[] labels = new int[n];
        if (n < 2) {
            return labels;
        }
        int d = points.dimension();
        double[] x = points.coordinates();
        // Prim: parent[i] is the tree vertex nearest to i, best[i] that distance
        int[] parent = new int[n];
        double[] best = new double[n];
        boolean[] inTree = new boolean[n];
        Arrays.fill(best, Double.POSITIVE_INFINITY);
        int[] edgeA = new int[n - 1];
        int[] edgeB = new int[n - 1];
        double[] weight = new double[n - 1];
        int current = 0;
        inTree[0] = true;
        for (int e = 0; e < n - 1; e++) {
            int next = -1;
            for (int j = 0; j < n; j++) {
                if (!inTree[j]) {
                    double dist = Math.sqrt(Clouds.squaredDistance(x, d, current, j));
                    if (dist < best[j]) {
                        best[j] = dist;
                        parent[j] = current;
                    }
                    if (next < 0 || best[j] < best[next]) {
                        next = j;
                    }
                }
            }
            inTree[next] = true;
            edgeA[e] = parent[next];
            edgeB[e] = next;
            weight[e] = best[next];
            current = next;
        }
        double cut = firstGap(weight, bins);
        int[] root = new int[n];
        for (int i = 0; i < n; i++) {
            root[i] = i;
        }
        for (int e = 0; e < n - 1; e++) {
            if (weight[e] < cut) {
                root[find(root, edgeA[e])] = find(root, edgeB[e]);
            }
        }
        // clusters numbered in order of their lowest row
        int[] number = new int[n];
        Arrays.fill(number, -1);
        int clusters = 0;
        for (int i = 0; i < n; i++) {
            int r = find(root, i);
            if (number[r] < 0) {
                number[r] = clusters++;
            }
            labels[i] = number[r];
        }
        return labels;
    }

    /** Lower edge of the first empty histogram bin over [min, max], or +inf when no bin is empty. */
    public static double firstGap(double[] values, int bins) {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double v : values) {
            min = Math.min(min, v);
            max = Math.max(max, v);
        }
        if (!(max > min)) {
            return Double.POSITIVE_INFINITY;
        }
        int[] counts = new int[bins];
        double width = (max - min) / bins;
        for (double v : values) {
            counts[Math.min(bins - 1, (int) ((v - min) / width))]++;
        }
        for (int b = 0; b < bins; b++) {
            if (counts[b] == 0) {
                return min + b * width;
            }
        }
        return Double.POSITIVE_INFINITY;
    }

    private static int find(int[] root, int i) {
        while (root[i] != i) {
            root[i] = root[root[i]];
            i = root[i];
        }
        return i;
    }
}
