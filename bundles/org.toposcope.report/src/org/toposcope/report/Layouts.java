package org.toposcope.report;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;

/**
 * Deterministic layouts of mapper graphs, per connected component: classical multidimensional scaling of the
 * hop distances (so rings open into circles and chains into lines instead of tangling), refined by
 * Fruchterman–Reingold; components of more than {@link #MDS_LIMIT} nodes start from seeded random positions
 * instead. The components are then packed side by side in rows, largest first. The ideal edge length is 1
 * layout unit; components are at least {@link #GAP} units apart.
 */
public final class Layouts {

    /** Free space between the bounding boxes of two components, in layout units. */
    public static final double GAP = 1.5;
    /** Largest component started from scaling: it takes a dense m × m matrix. */
    public static final int MDS_LIMIT = 3000;
    /** Largest graph laid out: the force loop is quadratic in the nodes of a component. */
    public static final int MAX_NODES = 20_000;

    private Layouts() {
    }

    /**
     * Node positions.
     *
     * @param component per node, the index of its connected component (components numbered largest first)
     */
    public record Layout(double[] x, double[] y, int[] component) {
        public Layout {
            x = x.clone();
            y = y.clone();
            component = component.clone();
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

        public int component(int node) {
            return component[node];
        }

        @Override
        public double[] x() {
            return x.clone();
        }

        @Override
        public double[] y() {
            return y.clone();
        }

        @Override
        public int[] component() {
            return component.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Layout l && Arrays.equals(l.x, x) && Arrays.equals(l.y, y) && Arrays.equals(l.component, component);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(x) * 31 + Arrays.hashCode(y);
        }

        @Override
        public String toString() {
            return "Layout[" + x.length + " nodes]";
        }
    }

    /** The layout of {@code graph} from {@code seed}: the same graph and seed always give the same positions. */
    public static Layout forceDirected(MapperGraph graph, long seed) {
        int n = graph.nodes().size();
        if (n > MAX_NODES) {
            throw new ToposcopeException(graph.name() + ": " + n + " nodes are more than the " + MAX_NODES + " a layout is computed for");
        }
        for (int i = 0; i < n; i++) {
            if (graph.nodes().get(i).id() != i) {
                throw new ToposcopeException(graph.name() + ": node " + i + " has id " + graph.nodes().get(i).id());
            }
        }
        int[][] adjacency = adjacency(graph);
        List<int[]> components = components(adjacency);
        double[] x = new double[n];
        double[] y = new double[n];
        int[] componentOf = new int[n];
        double[] width = new double[components.size()];
        double[] height = new double[components.size()];
        int[] local = new int[n];
        for (int c = 0; c < components.size(); c++) {
            int[] nodes = components.get(c);
            for (int node : nodes) {
                componentOf[node] = c;
            }
            layOutComponent(nodes, adjacency, local, x, y, new Random(seed * 1_000_003L + nodes[0]));
            // move to the origin and remember the extent
            double minX = Double.POSITIVE_INFINITY, minY = Double.POSITIVE_INFINITY, maxX = Double.NEGATIVE_INFINITY,
                    maxY = Double.NEGATIVE_INFINITY;
            for (int node : nodes) {
                minX = Math.min(minX, x[node]);
                minY = Math.min(minY, y[node]);
                maxX = Math.max(maxX, x[node]);
                maxY = Math.max(maxY, y[node]);
            }
            for (int node : nodes) {
                x[node] -= minX;
                y[node] -= minY;
            }
            width[c] = maxX - minX;
            height[c] = maxY - minY;
        }
        pack(components, x, y, width, height);
        return new Layout(x, y, componentOf);
    }

    private static int[][] adjacency(MapperGraph graph) {
        int n = graph.nodes().size();
        int[] degree = new int[n];
        for (MapperGraph.Edge e : graph.edges()) {
            degree[e.source()]++;
            degree[e.target()]++;
        }
        int[][] adjacency = new int[n][];
        for (int i = 0; i < n; i++) {
            adjacency[i] = new int[degree[i]];
        }
        int[] fill = new int[n];
        for (MapperGraph.Edge e : graph.edges()) {
            adjacency[e.source()][fill[e.source()]++] = e.target();
            adjacency[e.target()][fill[e.target()]++] = e.source();
        }
        return adjacency;
    }

    /** Connected components, each ascending, largest first (ties: smallest first node). */
    private static List<int[]> components(int[][] adjacency) {
        int n = adjacency.length;
        int[] mark = new int[n];
        Arrays.fill(mark, -1);
        List<int[]> components = new ArrayList<>();
        int[] stack = new int[n];
        int[] members = new int[n];
        for (int start = 0; start < n; start++) {
            if (mark[start] >= 0) {
                continue;
            }
            int count = 0;
            int top = 0;
            stack[top++] = start;
            mark[start] = components.size();
            while (top > 0) {
                int v = stack[--top];
                members[count++] = v;
                for (int w : adjacency[v]) {
                    if (mark[w] < 0) {
                        mark[w] = components.size();
                        stack[top++] = w;
                    }
                }
            }
            int[] sorted = Arrays.copyOf(members, count);
            Arrays.sort(sorted);
            components.add(sorted);
        }
        components.sort(Comparator.<int[]>comparingInt(c -> -c.length).thenComparingInt(c -> c[0]));
        return components;
    }

    /** Fruchterman–Reingold with k = 1 and a linearly cooling step limit. */
    private static void layOutComponent(int[] nodes, int[][] adjacency, int[] local, double[] x, double[] y, Random random) {
        int m = nodes.length;
        if (m == 1) {
            x[nodes[0]] = 0;
            y[nodes[0]] = 0;
            return;
        }
        for (int i = 0; i < m; i++) {
            local[nodes[i]] = i;
        }
        double side = Math.sqrt(m);
        double[] px = new double[m];
        double[] py = new double[m];
        double start;
        if (m > 2 && m <= MDS_LIMIT) {
            scaling(nodes, adjacency, local, px, py, random);
            // the start is already globally right: only local moves
            start = 1;
        } else {
            for (int i = 0; i < m; i++) {
                px[i] = random.nextDouble() * side;
                py[i] = random.nextDouble() * side;
            }
            start = Math.max(side / 4, 1);
        }
        double[] dx = new double[m];
        double[] dy = new double[m];
        int iterations = m <= 200 ? 400 : m <= 1000 ? 200 : 100;
        for (int it = 0; it < iterations; it++) {
            Arrays.fill(dx, 0);
            Arrays.fill(dy, 0);
            for (int i = 0; i < m; i++) {
                double xi = px[i], yi = py[i];
                for (int j = i + 1; j < m; j++) {
                    double ex = xi - px[j], ey = yi - py[j];
                    double d2 = ex * ex + ey * ey;
                    if (d2 < 1e-9) {
                        // coincident points: a fixed nudge by index keeps the run deterministic
                        ex = 1e-3 * (1 + (i % 7));
                        ey = 1e-3 * (1 + (j % 5));
                        d2 = ex * ex + ey * ey;
                    }
                    double f = 1 / d2; // k² / d, along the unit vector (ex, ey) / d
                    dx[i] += ex * f;
                    dy[i] += ey * f;
                    dx[j] -= ex * f;
                    dy[j] -= ey * f;
                }
            }
            for (int i = 0; i < m; i++) {
                int v = nodes[i];
                for (int w : adjacency[v]) {
                    int j = local[w];
                    if (j <= i) {
                        continue;
                    }
                    double ex = px[i] - px[j], ey = py[i] - py[j];
                    double d = Math.sqrt(ex * ex + ey * ey); // d² / k, along the unit vector
                    dx[i] -= ex * d;
                    dy[i] -= ey * d;
                    dx[j] += ex * d;
                    dy[j] += ey * d;
                }
            }
            double limit = start * (1 - (double) it / iterations) + 0.01;
            for (int i = 0; i < m; i++) {
                double len = Math.sqrt(dx[i] * dx[i] + dy[i] * dy[i]);
                if (len > 0) {
                    double step = Math.min(len, limit) / len;
                    px[i] += dx[i] * step;
                    py[i] += dy[i] * step;
                }
            }
        }
        for (int i = 0; i < m; i++) {
            x[nodes[i]] = px[i];
            y[nodes[i]] = py[i];
        }
    }

    /**
     * Classical MDS: the top two eigenvectors (power iteration, seeded start) of the double-centred matrix of
     * squared hop distances, scaled by the square roots of their eigenvalues.
     */
    private static void scaling(int[] nodes, int[][] adjacency, int[] local, double[] px, double[] py, Random random) {
        int m = nodes.length;
        double[] b = new double[m * m];
        int[] queue = new int[m];
        int[] hops = new int[m];
        for (int s = 0; s < m; s++) {
            java.util.Arrays.fill(hops, -1);
            hops[s] = 0;
            int head = 0, tail = 0;
            queue[tail++] = s;
            while (head < tail) {
                int v = queue[head++];
                for (int w : adjacency[nodes[v]]) {
                    int j = local[w];
                    if (hops[j] < 0) {
                        hops[j] = hops[v] + 1;
                        queue[tail++] = j;
                    }
                }
            }
            for (int j = 0; j < m; j++) {
                b[s * m + j] = (double) hops[j] * hops[j];
            }
        }
        // B = -1/2 J D² J: subtract row and column means, add the grand mean
        double[] rowMean = new double[m];
        double grand = 0;
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += b[i * m + j];
            }
            rowMean[i] = sum / m;
            grand += sum;
        }
        grand /= (double) m * m;
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                b[i * m + j] = -0.5 * (b[i * m + j] - rowMean[i] - rowMean[j] + grand);
            }
        }
        double[] first = new double[m];
        double[] second = new double[m];
        double l1 = topEigenvector(b, m, first, null, random);
        double l2 = topEigenvector(b, m, second, first, random);
        double s1 = Math.sqrt(Math.max(l1, 0)), s2 = Math.sqrt(Math.max(l2, 0));
        for (int i = 0; i < m; i++) {
            // a tiny seeded jitter separates nodes the scaling puts on one spot (e.g. leaves of a star)
            px[i] = first[i] * s1 + 1e-3 * random.nextDouble();
            py[i] = second[i] * s2 + 1e-3 * random.nextDouble();
        }
    }

    /**
     * Power iteration for the largest eigenvalue of symmetric {@code b}, orthogonal to {@code deflate} if given.
     * Iterates on B + cI, c bounding |eigenvalues| (Gershgorin), so a large negative eigenvalue (hop distances
     * are not Euclidean) cannot win.
     */
    private static double topEigenvector(double[] b, int m, double[] v, double[] deflate, Random random) {
        double shift = 0;
        for (int i = 0; i < m; i++) {
            double sum = 0;
            for (int j = 0; j < m; j++) {
                sum += Math.abs(b[i * m + j]);
            }
            shift = Math.max(shift, sum);
        }
        for (int i = 0; i < m; i++) {
            v[i] = random.nextDouble() - 0.5;
        }
        double[] w = new double[m];
        double lambda = 0;
        for (int it = 0; it < 500; it++) {
            if (deflate != null) {
                double dot = 0;
                for (int i = 0; i < m; i++) {
                    dot += v[i] * deflate[i];
                }
                for (int i = 0; i < m; i++) {
                    v[i] -= dot * deflate[i];
                }
            }
            double norm = 0;
            for (int i = 0; i < m; i++) {
                norm += v[i] * v[i];
            }
            norm = Math.sqrt(norm);
            if (norm == 0) {
                return 0;
            }
            for (int i = 0; i < m; i++) {
                v[i] /= norm;
            }
            double next = 0;
            for (int i = 0; i < m; i++) {
                double sum = 0;
                int row = i * m;
                for (int j = 0; j < m; j++) {
                    sum += b[row + j] * v[j];
                }
                w[i] = sum + shift * v[i];
                next += sum * v[i];
            }
            System.arraycopy(w, 0, v, 0, m);
            if (it > 10 && Math.abs(next - lambda) <= 1e-9 * Math.abs(next)) {
                lambda = next;
                break;
            }
            lambda = next;
        }
        double norm = 0;
        for (int i = 0; i < m; i++) {
            norm += v[i] * v[i];
        }
        norm = Math.sqrt(norm);
        for (int i = 0; i < m; i++) {
            v[i] = norm == 0 ? 0 : v[i] / norm;
        }
        return lambda;
    }

    /** Shelf packing: components left to right in rows no wider than about the square root of their total area. */
    private static void pack(List<int[]> components, double[] x, double[] y, double[] width, double[] height) {
        double area = 0;
        double widest = 0;
        for (int c = 0; c < components.size(); c++) {
            area += (width[c] + GAP) * (height[c] + GAP);
            widest = Math.max(widest, width[c] + GAP);
        }
        double rowLimit = Math.max(widest, 1.3 * Math.sqrt(area));
        double cursorX = 0, cursorY = 0, rowHeight = 0;
        for (int c = 0; c < components.size(); c++) {
            if (cursorX > 0 && cursorX + width[c] > rowLimit) {
                cursorX = 0;
                cursorY += rowHeight + GAP;
                rowHeight = 0;
            }
            for (int node : components.get(c)) {
                x[node] += cursorX;
                y[node] += cursorY;
            }
            cursorX += width[c] + GAP;
            rowHeight = Math.max(rowHeight, height[c]);
        }
    }
}
