package org.toposcope.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A persistence diagram with what explains it: a representative cycle for every finite H1 pair of
 * positive persistence, in the diagram's pair order ({@code diagram.dimension(1).birth(i)} and
 * {@code death(i)} belong to {@code cycles().get(i)}), and the H0 merge tree in filtration order.
 * Cycle and merge vertices are rows of the input; see {@link RepresentativeCycle} for how a row leads to
 * its image and spatial position through the cloud's {@link Provenance}.
 */
public record PersistenceResult(PersistenceDiagram diagram, List<RepresentativeCycle> cycles, List<MergeEvent> merges) {

    public PersistenceResult {
        Objects.requireNonNull(diagram, "diagram");
        cycles = List.copyOf(cycles);
        merges = List.copyOf(merges);
    }
}
