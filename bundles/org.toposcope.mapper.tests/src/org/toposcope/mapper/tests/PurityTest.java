package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.mapper.Purity;

/** Purity of a hand-made graph, worked out by hand. */
class PurityTest {

    // rows 0..5 with labels 0 0 1 1 2 0; rows 0 and 1 are two positions of image 10
    private static final PointCloud CLOUD = new PointCloud("hand", 6, 1, new double[6],
            new Provenance(new int[] {10, 10, 11, 12, 13, 14}, new int[] {0, 0, 1, 1, 2, 0}, new int[6], new int[6]));
    // A = {0, 1}: labels {0}; B = {1, 2, 3}: labels 0 1 1; C = {3, 4, 5}: labels 1 2 0
    private static final MapperGraph GRAPH = new MapperGraph("hand", List.of(
            new MapperGraph.Node(0, 0, new int[] {0, 1}), new MapperGraph.Node(1, 1, new int[] {1, 2, 3}),
            new MapperGraph.Node(2, 2, new int[] {3, 4, 5})),
            List.of(new MapperGraph.Edge(0, 1, 1), new MapperGraph.Edge(1, 2, 1)));

    @Test
    void nodeWiseClassPurityIsTheMeanOfOneOverDistinctLabels() {
        assertEquals((1 + 1 / 2.0 + 1 / 3.0) / 3, Purity.ofClasses(GRAPH, CLOUD), 1e-15);
    }

    @Test
    void superClassesMergeLabels() {
        // classes 0 and 1 -> super-class 0, class 2 -> 1: A 1, B 1, C {0, 1, 0} 1/2
        SuperClasses s = new SuperClasses("two", List.of("first", "second"), new int[] {0, 0, 1});
        assertEquals((1 + 1 + 1 / 2.0) / 3, Purity.ofSuperClasses(GRAPH, CLOUD, s), 1e-15);
    }

    @Test
    void perImagePurityAveragesOverTheNodesHoldingTheImage() {
        Purity.ImagePurity p = Purity.perImage(GRAPH, CLOUD);
        assertArrayEquals(new int[] {10, 11, 12, 13, 14}, p.imageIds());
        // image 10 (label 0): A 2/2, B 1/3; 11 (1): B 2/3; 12 (1): B 2/3, C 1/3; 13 (2): C 1/3; 14 (0): C 1/3
        assertArrayEquals(new double[] {(1 + 1 / 3.0) / 2, 2 / 3.0, (2 / 3.0 + 1 / 3.0) / 2, 1 / 3.0, 1 / 3.0},
                p.purities(), 1e-15);
    }
}
