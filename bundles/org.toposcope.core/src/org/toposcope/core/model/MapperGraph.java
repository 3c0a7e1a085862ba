package org.toposcope.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A mapper graph: nodes are clusters of point-cloud rows inside one cover set; edges join nodes that
 * share rows.
 */
public record MapperGraph(String name, List<Node> nodes, List<Edge> edges) {

    public MapperGraph {
        Objects.requireNonNull(name, "name");
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
        for (Edge e : edges) {
            if (e.source() >= nodes.size() || e.target() >= nodes.size()) {
                throw new IllegalArgumentException(name + ": edge " + e + " names a missing node");
            }
        }
    }

    /**
     * @param id       index in {@link MapperGraph#nodes()}
     * @param coverSet the cover set the cluster was found in
     * @param members  point-cloud rows, ascending
     */
    public record Node(int id, int coverSet, int[] members) {
        public Node {
            if (id < 0) {
                throw new IllegalArgumentException("negative node id " + id);
            }
            members = members.clone();
        }

        public int size() {
            return members.length;
        }

        @Override
        public int[] members() {
            return members.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Node n && n.id == id && n.coverSet == coverSet && Arrays.equals(n.members, members);
        }

        @Override
        public int hashCode() {
            return id * 31 + Arrays.hashCode(members);
        }

        @Override
        public String toString() {
            return "Node[" + id + ", " + members.length + " members]";
        }
    }

    /** An undirected edge between two nodes that share {@code sharedMembers} rows. */
    public record Edge(int source, int target, int sharedMembers) {
        public Edge {
            if (source < 0 || target < 0 || source == target) {
                throw new IllegalArgumentException("bad edge " + source + "-" + target);
            }
        }
    }
}
