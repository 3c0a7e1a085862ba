package org.toposcope.report;

import java.util.List;
import java.util.Objects;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;

/**
 * Per mapper node, how many of its members fall in each category (classes or super-classes).
 *
 * @param by             what the categories are, e.g. "class" or "super-class"
 * @param categoryNames  the categories, indexed as the columns of {@code countsPerNode}
 * @param countsPerNode  {@code countsPerNode[node][category]}
 */
public record NodeColouring(String by, List<String> categoryNames, int[][] countsPerNode) {

    public NodeColouring {
        Objects.requireNonNull(by, "by");
        categoryNames = List.copyOf(categoryNames);
        int[][] copy = new int[countsPerNode.length][];
        for (int n = 0; n < copy.length; n++) {
            if (countsPerNode[n].length != categoryNames.size()) {
                throw new ToposcopeException("colouring by " + by + ": node " + n + " has " + countsPerNode[n].length
                        + " counts for " + categoryNames.size() + " categories");
            }
            for (int c : countsPerNode[n]) {
                if (c < 0) {
                    throw new ToposcopeException("colouring by " + by + ": node " + n + " has a negative count " + c);
                }
            }
            copy[n] = countsPerNode[n].clone();
        }
        countsPerNode = copy;
    }

    /** Counts per node from the label of each point-cloud row ({@code labelOfRow[row]} indexes {@code categoryNames}). */
    public static NodeColouring of(String by, MapperGraph graph, int[] labelOfRow, List<String> categoryNames) {
        int[][] counts = new int[graph.nodes().size()][categoryNames.size()];
        for (MapperGraph.Node node : graph.nodes()) {
            for (int row : node.members()) {
                if (row < 0 || row >= labelOfRow.length) {
                    throw new ToposcopeException(graph.name() + ": node " + node.id() + " holds row " + row + ", but only "
                            + labelOfRow.length + " rows have " + by + " labels");
                }
                int label = labelOfRow[row];
                if (label < 0 || label >= categoryNames.size()) {
                    throw new ToposcopeException(graph.name() + ": row " + row + " has " + by + " label " + label
                            + ", outside the " + categoryNames.size() + " categories");
                }
                counts[node.id()][label]++;
            }
        }
        return new NodeColouring(by, categoryNames, counts);
    }

    public int nodes() {
        return countsPerNode.length;
    }

    public int count(int node, int category) {
        return countsPerNode[node][category];
    }

    /** The most frequent category of a node (the first on ties), or -1 when the node counts nothing. */
    public int majority(int node) {
        int[] counts = countsPerNode[node];
        int best = -1;
        int bestCount = 0;
        for (int c = 0; c < counts.length; c++) {
            if (counts[c] > bestCount) {
                best = c;
                bestCount = counts[c];
            }
        }
        return best;
    }

    @Override
    public int[][] countsPerNode() {
        int[][] copy = new int[countsPerNode.length][];
        for (int n = 0; n < copy.length; n++) {
            copy[n] = countsPerNode[n].clone();
        }
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NodeColouring c && c.by.equals(by) && c.categoryNames.equals(categoryNames)
                && java.util.Arrays.deepEquals(c.countsPerNode, countsPerNode);
    }

    @Override
    public int hashCode() {
        return Objects.hash(by, categoryNames) * 31 + java.util.Arrays.deepHashCode(countsPerNode);
    }

    @Override
    public String toString() {
        return "NodeColouring[" + by + ", " + categoryNames.size() + " categories, " + countsPerNode.length + " nodes]";
    }
}
