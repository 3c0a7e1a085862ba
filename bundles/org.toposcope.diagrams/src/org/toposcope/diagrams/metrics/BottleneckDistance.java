package org.toposcope.diagrams.metrics;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;

/**
 * Exact bottleneck distance with the L∞ ground metric; a point may be matched to its own diagonal
 * projection at cost (death - birth) / 2, as in gudhi. Essential classes follow {@link EssentialClasses}.
 * <p>
 * The answer is one of the finitely many candidate costs, and "a perfect matching exists using only
 * edges of cost ≤ ε" is monotone in ε. We bisect ε over the bit patterns of non-negative doubles (which
 * order like the doubles) instead of sorting all n·m candidates, and snap each bound to a candidate:
 * a feasible ε drops to the largest cost its matching uses, an infeasible one rises to the next
 * candidate above it. Feasibility is Hopcroft–Karp on the bipartite graph with diagonal copies
 * (A ∪ diag(B) on the left, B ∪ diag(A) on the right), adjacency evaluated on the fly: no O(n·m) memory.
 */
@Component(service = DiagramMetric.class)
public final class BottleneckDistance implements DiagramMetric {

    public static final String ID = "bottleneck";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "exact bottleneck distance (L-infinity ground metric, diagonal projections)";
    }

    @Override
    public double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, Parameters parameters) {
        return of(a, b);
    }

    /** The bottleneck distance; needs no parameters. */
    public static double of(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b) {
        double essential = EssentialClasses.maxGap(a, b);
        if (essential == Double.POSITIVE_INFINITY) {
            return essential;
        }
        return Math.max(essential, new Matcher(a, b).solve());
    }

    /** Work arrays of one computation; {@link #feasible} allocates nothing. */
    private static final class Matcher {
        private static final int UNSEEN = Integer.MAX_VALUE;

        private final int n;
        private final int m;
        private final int size; // vertices per side: n + m
        private final double[] ab, ad, bb, bd; // births and deaths of A and B
        private final double[] halfA, halfB;   // distance of each point to the diagonal
        private final int[] matchL, matchR, dist, queue, next, stack;

        Matcher(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b) {
            ab = a.births();
            ad = a.deaths();
            bb = b.births();
            bd = b.deaths();
            n = ab.length;
            m = bb.length;
            size = n + m;
            halfA = new double[n];
            halfB = new double[m];
            for (int i = 0; i < n; i++) {
                halfA[i] = (ad[i] - ab[i]) / 2;
            }
            for (int j = 0; j < m; j++) {
                halfB[j] = (bd[j] - bb[j]) / 2;
            }
            matchL = new int[size];
            matchR = new int[size];
            dist = new int[size];
            queue = new int[size];
            next = new int[size];
            stack = new int[size];
        }

        double solve() {
            // matching every point to the diagonal is always possible: an upper bound that is a candidate
            double hi = 0;
            for (double h : halfA) {
                hi = Math.max(hi, h);
            }
            for (double h : halfB) {
                hi = Math.max(hi, h);
            }
            double lo = 0;
            while (lo < hi) {
                double mid = Double.longBitsToDouble((Double.doubleToRawLongBits(lo) + Double.doubleToRawLongBits(hi)) >>> 1);
                if (feasible(mid)) {
                    hi = largestMatchedCost();
                } else {
                    lo = nextCandidateAbove(mid, hi);
                }
            }
            return hi;
        }

        /** Cost of the edge (l, r), +inf where the augmented graph has none. */
        private double cost(int l, int r) {
            if (l < n) {
                if (r < m) {
                    return Math.max(Math.abs(ab[l] - bb[r]), Math.abs(ad[l] - bd[r]));
                }
                return r - m == l ? halfA[l] : Double.POSITIVE_INFINITY;
            }
            if (r < m) {
                return l - n == r ? halfB[r] : Double.POSITIVE_INFINITY;
            }
            return 0; // diagonal to diagonal
        }

        private double largestMatchedCost() {
            double max = 0;
            for (int l = 0; l < size; l++) {
                max = Math.max(max, cost(l, matchL[l]));
            }
            return max;
        }

        /** Smallest candidate cost above {@code x}; {@code hi} (a candidate) bounds it. */
        private double nextCandidateAbove(double x, double hi) {
            double best = hi;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < m; j++) {
                    double c = Math.max(Math.abs(ab[i] - bb[j]), Math.abs(ad[i] - bd[j]));
                    if (c > x && c < best) {
                        best = c;
                    }
                }
                if (halfA[i] > x && halfA[i] < best) {
                    best = halfA[i];
                }
            }
            for (int j = 0; j < m; j++) {
                if (halfB[j] > x && halfB[j] < best) {
                    best = halfB[j];
                }
            }
            return best;
        }

        /** Hopcroft–Karp on the edges of cost ≤ eps: is there a perfect matching? */
        boolean feasible(double eps) {
            java.util.Arrays.fill(matchL, -1);
            java.util.Arrays.fill(matchR, -1);
            int matched = 0;
            for (int l = 0; l < size; l++) { // greedy start: most vertices match on their first edge
                for (int r = 0; r < size; r++) {
                    if (matchR[r] < 0 && cost(l, r) <= eps) {
                        matchL[l] = r;
                        matchR[r] = l;
                        matched++;
                        break;
                    }
                }
            }
            while (matched < size) {
                int limit = layers(eps);
                if (limit == UNSEEN) {
                    return false;
                }
                java.util.Arrays.fill(next, 0);
                for (int l = 0; l < size; l++) {
                    if (matchL[l] < 0 && augment(l, eps, limit)) {
                        matched++;
                    }
                }
            }
            return true;
        }

        /** BFS from the free left vertices; returns the layer at which a free right vertex is first reached. */
        private int layers(double eps) {
            int head = 0;
            int tail = 0;
            for (int l = 0; l < size; l++) {
                if (matchL[l] < 0) {
                    dist[l] = 0;
                    queue[tail++] = l;
                } else {
                    dist[l] = UNSEEN;
                }
            }
            int limit = UNSEEN;
            while (head < tail) {
                int u = queue[head++];
                if (dist[u] >= limit) {
                    break;
                }
                for (int r = 0; r < size; r++) {
                    if (cost(u, r) <= eps) {
                        int w = matchR[r];
                        if (w < 0) {
                            limit = Math.min(limit, dist[u] + 1);
                        } else if (dist[w] == UNSEEN) {
                            dist[w] = dist[u] + 1;
                            queue[tail++] = w;
                        }
                    }
                }
            }
            return limit;
        }

        /** Iterative layered DFS from the free vertex {@code root}; flips the path when it finds one. */
        private boolean augment(int root, double eps, int limit) {
            int sp = 0;
            stack[sp++] = root;
            while (sp > 0) {
                int u = stack[sp - 1];
                if (next[u] == size) {
                    dist[u] = UNSEEN; // dead end for the rest of this phase
                    sp--;
                    continue;
                }
                int r = next[u]++;
                if (!(cost(u, r) <= eps)) {
                    continue;
                }
                int w = matchR[r];
                if (w < 0) {
                    if (dist[u] + 1 != limit) {
                        continue;
                    }
                    for (int k = sp - 1; k >= 0; k--) { // each stacked vertex's last tried edge is on the path
                        int l = stack[k];
                        int rr = next[l] - 1;
                        matchL[l] = rr;
                        matchR[rr] = l;
                    }
                    return true;
                }
                if (dist[w] == dist[u] + 1) {
                    stack[sp++] = w;
                }
            }
            return false;
        }
    }
}
