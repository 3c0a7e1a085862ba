package org.toposcope.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.toposcope.core.ParameterSpec;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.diagrams.io.DiagramFiles;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope diagram-distance A B}: the distance between one homology dimension of two diagrams. */
@Command(name = "diagram-distance", sortOptions = false,
        description = {"Print the distance between two persistence diagrams in one homology dimension.",
            "Diagrams: CSV (dim,birth,death) or JSON as written by 'toposcope ph', or 'birth death' / 'dim birth death' text."})
final class DiagramDistanceCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Parameters(index = "0", paramLabel = "A", description = "first diagram file")
    Path first;

    @Parameters(index = "1", paramLabel = "B", description = "second diagram file")
    Path second;

    @Option(names = "--metric", defaultValue = "bottleneck",
            description = "a DiagramMetric id (see 'toposcope services'): bottleneck, wasserstein, sliced-wasserstein; default ${DEFAULT-VALUE}")
    String metric;

    @Option(names = "--dim", defaultValue = "1", description = "homology dimension; default ${DEFAULT-VALUE}")
    int dim;

    @Option(names = "--p", description = "order of the Wasserstein distance (wasserstein; default 2)")
    String p;

    @Option(names = "--ground", description = "ground metric of the Wasserstein distance: linf or l2 (default linf)")
    String ground;

    @Option(names = "--directions", description = "number of directions (sliced-wasserstein; default 50)")
    String directions;

    @Override
    public void run() {
        if (dim < 0 || dim > 3) {
            throw new ToposcopeException("--dim " + dim + " is not a homology dimension (0 to 3)");
        }
        DiagramMetric m = parent.registry.get(DiagramMetric.class, metric);
        Map<String, String> given = new LinkedHashMap<>();
        put(given, m, "p", p);
        put(given, m, "ground", ground);
        put(given, m, "directions", directions);
        PersistenceDiagram a = DiagramFiles.read(first);
        PersistenceDiagram b = DiagramFiles.read(second);
        double d = m.distance(a.dimension(dim), b.dimension(dim), org.toposcope.core.Parameters.resolve(m, given));
        parent.spec.commandLine().getOut().println(d);
    }

    /** Passes an option on only when given, and refuses one the metric does not have. */
    private static void put(Map<String, String> given, DiagramMetric m, String name, String value) {
        if (value == null) {
            return;
        }
        if (m.parameters().stream().map(ParameterSpec::name).noneMatch(name::equals)) {
            throw new ToposcopeException("--" + name + " does not apply to metric " + m.id());
        }
        given.put(name, value);
    }
}
