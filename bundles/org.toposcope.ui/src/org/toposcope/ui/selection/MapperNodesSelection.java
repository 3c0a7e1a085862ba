package org.toposcope.ui.selection;

import java.util.Arrays;

import org.toposcope.experiment.report.ReportFolder;

/** Nodes selected in a mapper graph: the Images view shows the images behind their members. */
public record MapperNodesSelection(ReportFolder report, String model, String layer, int[] nodes) {

    public MapperNodesSelection {
        nodes = nodes.clone();
    }

    @Override
    public int[] nodes() {
        return nodes.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MapperNodesSelection s && s.report == report && s.model.equals(model) && s.layer.equals(layer)
                && Arrays.equals(s.nodes, nodes);
    }

    @Override
    public int hashCode() {
        return layer.hashCode() * 31 + Arrays.hashCode(nodes);
    }
}
