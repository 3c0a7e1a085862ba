package org.toposcope.ui.mapper;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.report.NodeColouring;

/**
 * One layer's mapper graph as read from a report, with what the view colours it by: the class histogram of each
 * node and, when the report groups classes, the super-class histogram (both from the cloud rows' provenance labels),
 * and the mean lens value of each node when the report has it.
 */
public record GraphData(ReportFolder report, String model, String layer, MapperGraph graph, NodeColouring byClass,
        Optional<NodeColouring> bySuperClass, Optional<double[]> meanLens) {

    /** Reads the graph and the provenance of its layer; a layer without a mapper graph is a one-line error. */
    public static GraphData read(ReportFolder report, String model, String layer) {
        MapperGraph graph = report.mapperGraph(model, layer).orElseThrow(() -> new ToposcopeException(
                report.folder() + ": no mapper graph for " + model + " " + layer + " (mapper layers: " + report.model(model).mapperLayers() + ")"));
        Provenance provenance = report.provenance(model, layer);
        int[] labels = provenance.labels();
        NodeColouring byClass = NodeColouring.of("class", graph, labels, report.classNames());
        Optional<NodeColouring> bySuper = Optional.empty();
        if (report.superClasses().isPresent()) {
            SuperClasses s = report.superClasses().get();
            int[] superLabels = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                superLabels[i] = labels[i] < 0 || labels[i] >= s.ofClass().length ? -1 : s.superClassOf(labels[i]);
            }
            bySuper = Optional.of(NodeColouring.of("super-class", graph, superLabels, s.names()));
        }
        Optional<double[]> lens = report.mapperMeanLens(model, layer).filter(l -> l.length == graph.nodes().size());
        return new GraphData(report, model, layer, graph, byClass, bySuper, lens);
    }

    /** The distinct point-cloud rows of the given nodes, ascending. */
    public int[] members(int... nodes) {
        java.util.BitSet rows = new java.util.BitSet();
        for (int n : nodes) {
            for (int r : graph.nodes().get(n).members()) {
                rows.set(r);
            }
        }
        return rows.stream().toArray();
    }

    /** node id, size, majority class, members (space separated): one line per node, with a header. */
    public String csv() {
        StringBuilder b = new StringBuilder("node,size,majority class,members\n");
        for (MapperGraph.Node n : graph.nodes()) {
            int majority = byClass.majority(n.id());
            List<String> members = new ArrayList<>();
            for (int m : n.members()) {
                members.add(Integer.toString(m));
            }
            b.append(n.id()).append(',').append(n.size()).append(',')
                    .append(quote(majority < 0 ? "" : byClass.categoryNames().get(majority))).append(',')
                    .append(String.join(" ", members)).append('\n');
        }
        return b.toString();
    }

    private static String quote(String s) {
        return s.contains(",") || s.contains("\"") ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }
}
