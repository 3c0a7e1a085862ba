package org.toposcope.core.spi;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceResult;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.SparseDistances;

/**
 * Builds a filtration and computes its persistent homology. Every backend takes point clouds; those
 * that can also start from distances override the other two methods.
 */
public interface FiltrationBackend extends Extension {

    PersistenceDiagram compute(PointCloud cloud, Parameters parameters, Progress progress);

    default PersistenceDiagram compute(LowerDistanceMatrix distances, Parameters parameters, Progress progress) {
        throw new ToposcopeException(distances.name() + ": filtration backend " + id() + " does not take distance matrices");
    }

    default PersistenceDiagram compute(SparseDistances distances, Parameters parameters, Progress progress) {
        throw new ToposcopeException(distances.name() + ": filtration backend " + id() + " does not take sparse distances");
    }

    /**
     * The diagram with representative H1 cycles and the H0 merge tree ({@link PersistenceResult}); the
     * diagram equals {@link #compute(PointCloud, Parameters, Progress)}'s. Backends that cannot explain
     * their diagrams refuse.
     */
    default PersistenceResult computeWithCycles(PointCloud cloud, Parameters parameters, Progress progress) {
        throw new ToposcopeException(cloud.name() + ": filtration backend " + id() + " does not compute representative cycles");
    }

    default PersistenceResult computeWithCycles(LowerDistanceMatrix distances, Parameters parameters, Progress progress) {
        throw new ToposcopeException(distances.name() + ": filtration backend " + id() + " does not compute representative cycles");
    }

    default PersistenceResult computeWithCycles(SparseDistances distances, Parameters parameters, Progress progress) {
        throw new ToposcopeException(distances.name() + ": filtration backend " + id() + " does not compute representative cycles");
    }
}
