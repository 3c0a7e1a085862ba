package org.example.toposcope;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Lens;

/**
 * Geodesic eccentricity: for each point, the p-mean of its shortest-path distances, along the symmetric k-nearest-
 * neighbour graph (edges weighted by Euclidean length), to every point it can reach, itself included. Unlike the
 * straight-line eccentricity it follows the data's shape: the two ends of a curved arc are far apart.
 */
@Component(service = Lens.class)
public final class GeodesicEccentricityLens implements Lens {

    public static final String ID = "geodesic-eccentricity";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "p-mean of shortest-path distances on the k-NN graph (example plug-in)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer("k", 10, "neighbours per point in the graph (at most n - 1 are used)"),
                ParameterSpec.real("p", 1.0, "exponent p >= 1, or inf for the largest distance"));
    }

    @Override
    public Matrix apply(PointCloud cloud, Parameters parameters) {
        int n = cloud.size();
        int k = Math.min(parameters.integer("k"), n - 1);
        double p = parameters.real("p");
        if (parameters.integer("k") < 1) {
            throw new ToposcopeException(cloud.name() + ": " + ID + " k must be at least 1, got " + parameters.integer("k"));
        }
        if (!(p >= 1)) {
            throw new ToposcopeException(cloud.name() + ": " + ID + " p must be at least 1, got " + p);
        }
        if (n < 2) {
            throw new ToposcopeException(cloud.name() + ": " + ID + " needs at least 2 points, got " + n);
        }
        Graph graph = Graph.knn(cloud, k);
        double[] out = new double[n];
        double[] dist = new double[n];
        Heap heap = new Heap(graph.targets.length + n);
        for (int s = 0; s < n; s++) {
            graph.shortestPaths(s, dist, heap);
            double sum = 0;
            int reached = 0;
            for (double d : dist) {
                if (d < Double.POSITIVE_INFINITY) {
                    sum = Double.isInfinite(p) ? Math.max(sum, d) : sum + Math.pow(d, p);
                    reached++;
                }
            }
            out[s] = Double.isInfinite(p) ? sum : Math.pow(sum / reached, 1 / p);
        }
        return new Matrix(n, 1, out);
    }

    /** The symmetric k-NN graph in compressed rows: the neighbours of i are targets[offsets[i] .. offsets[i + 1]). */
    record Graph(int[] offsets, int[] targets, double[] weights) {

        static Graph knn(PointCloud cloud, int k) {
            int n = cloud.size();
            int d = cloud.dimension();
            double[] x = cloud.coordinates();
            int[] nearest = new int[n * k];
            double[] best = new double[k];
            for (int i = 0; i < n; i++) {
                int found = 0;
                for (int j = 0; j < n; j++) {
                    if (j == i) {
                        continue;
                    }
                    double dd = squared(x, d, i, j);
                    if (found == k && dd >= best[k - 1]) {
                        continue;
                    }
                    // insertion into the sorted k best; ties keep the lower index first
                    int at = found == k ? k - 1 : found++;
                    while (at > 0 && best[at - 1] > dd) {
                        best[at] = best[at - 1];
                        nearest[i * k + at] = nearest[i * k + at - 1];
                        at--;
                    }
                    best[at] = dd;
                    nearest[i * k + at] = j;
                }
            }
            // an edge when either end is among the other's k nearest: count, then fill both directions, deduplicated
            long[] pairs = new long[2 * n * k];
            int m = 0;
            for (int i = 0; i < n; i++) {
                for (int a = 0; a < k; a++) {
                    int j = nearest[i * k + a];
                    pairs[m++] = (long) i * n + j;
                    pairs[m++] = (long) j * n + i;
                }
            }
            Arrays.sort(pairs, 0, m);
            int[] offsets = new int[n + 1];
            int[] targets = new int[m];
            double[] weights = new double[m];
            int e = 0;
            for (int q = 0; q < m; q++) {
                if (q > 0 && pairs[q] == pairs[q - 1]) {
                    continue;
                }
                int i = (int) (pairs[q] / n);
                int j = (int) (pairs[q] % n);
                targets[e] = j;
                weights[e] = Math.sqrt(squared(x, d, i, j));
                offsets[i + 1]++;
                e++;
            }
            for (int i = 0; i < n; i++) {
                offsets[i + 1] += offsets[i];
            }
            return new Graph(offsets, Arrays.copyOf(targets, e), Arrays.copyOf(weights, e));
        }

        /** Dijkstra from {@code source} into {@code dist} (infinity = unreachable), with a heap reused between sources. */
        void shortestPaths(int source, double[] dist, Heap heap) {
            Arrays.fill(dist, Double.POSITIVE_INFINITY);
            dist[source] = 0;
            heap.clear();
            heap.push(0, source);
            while (!heap.isEmpty()) {
                double du = heap.topKey();
                int u = heap.pop();
                if (du > dist[u]) {
                    continue; // a stale entry: u was reached more cheaply since
                }
                for (int e = offsets[u]; e < offsets[u + 1]; e++) {
                    double dv = du + weights[e];
                    int v = targets[e];
                    if (dv < dist[v]) {
                        dist[v] = dv;
                        heap.push(dv, v);
                    }
                }
            }
        }
    }

    private static double squared(double[] x, int d, int i, int j) {
        double s = 0;
        for (int c = 0; c < d; c++) {
            double t = x[i * d + c] - x[j * d + c];
            s += t * t;
        }
        return s;
    }

    /** A binary min-heap of (key, node) pairs in two arrays, so Dijkstra allocates nothing per step. */
    static final class Heap {
        private final double[] keys;
        private final int[] nodes;
        private int size;

        Heap(int capacity) {
            keys = new double[capacity];
            nodes = new int[capacity];
        }

        void clear() {
            size = 0;
        }

        boolean isEmpty() {
            return size == 0;
        }

        double topKey() {
            return keys[0];
        }

        void push(double key, int node) {
            int i = size++;
            while (i > 0) {
                int parent = (i - 1) / 2;
                if (keys[parent] <= key) {
                    break;
                }
                keys[i] = keys[parent];
                nodes[i] = nodes[parent];
                i = parent;
            }
            keys[i] = key;
            nodes[i] = node;
        }

        int pop() {
            int top = nodes[0];
            double key = keys[--size];
            int node = nodes[size];
            int i = 0;
            while (true) {
                int child = 2 * i + 1;
                if (child >= size) {
                    break;
                }
                if (child + 1 < size && keys[child + 1] < keys[child]) {
                    child++;
                }
                if (keys[child] >= key) {
                    break;
                }
                keys[i] = keys[child];
                nodes[i] = nodes[child];
                i = child;
            }
            keys[i] = key;
            nodes[i] = node;
            return top;
        }
    }
}
