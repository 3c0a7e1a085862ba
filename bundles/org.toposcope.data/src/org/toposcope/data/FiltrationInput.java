package org.toposcope.data;

import java.util.Objects;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.SparseDistances;
import org.toposcope.core.spi.FiltrationBackend;

/**
 * What a file holds for persistent homology: a point cloud, a (lower-triangular) distance matrix or
 * sparse distances. {@link #compute} hands it to the matching {@link FiltrationBackend} method, so
 * callers need not tell the cases apart; those that must can use {@code instanceof} on the records.
 */
public sealed interface FiltrationInput permits FiltrationInput.Cloud, FiltrationInput.Distances, FiltrationInput.Sparse {

    /** The name of the input (the file name). */
    String name();

    /** The number of points. */
    int size();

    /** Persistent homology of this input by {@code backend}. */
    PersistenceDiagram compute(FiltrationBackend backend, Parameters parameters, Progress progress);

    record Cloud(PointCloud cloud) implements FiltrationInput {
        public Cloud {
            Objects.requireNonNull(cloud, "cloud");
        }

        @Override
        public String name() {
            return cloud.name();
        }

        @Override
        public int size() {
            return cloud.size();
        }

        @Override
        public PersistenceDiagram compute(FiltrationBackend backend, Parameters parameters, Progress progress) {
            return backend.compute(cloud, parameters, progress);
        }
    }

    record Distances(LowerDistanceMatrix matrix) implements FiltrationInput {
        public Distances {
            Objects.requireNonNull(matrix, "matrix");
        }

        @Override
        public String name() {
            return matrix.name();
        }

        @Override
        public int size() {
            return matrix.size();
        }

        @Override
        public PersistenceDiagram compute(FiltrationBackend backend, Parameters parameters, Progress progress) {
            return backend.compute(matrix, parameters, progress);
        }
    }

    record Sparse(SparseDistances distances) implements FiltrationInput {
        public Sparse {
            Objects.requireNonNull(distances, "distances");
        }

        @Override
        public String name() {
            return distances.name();
        }

        @Override
        public int size() {
            return distances.size();
        }

        @Override
        public PersistenceDiagram compute(FiltrationBackend backend, Parameters parameters, Progress progress) {
            return backend.compute(distances, parameters, progress);
        }
    }
}
