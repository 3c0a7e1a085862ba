package org.toposcope.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceResult;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.data.FiltrationInput;
import org.toposcope.data.FiltrationInputs;
import org.toposcope.diagrams.io.DiagramFiles;
import org.toposcope.ph.VietorisRipsBackend;
import org.toposcope.ph.collapse.EdgeCollapse;
import org.toposcope.ph.estimate.SizeEstimate;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope ph INPUT}: the persistence diagram of a point cloud or distance matrix file. */
@Command(name = "ph", sortOptions = false,
        description = {"Compute the Vietoris-Rips persistence diagram of a point cloud or distance matrix.",
            "Output: CSV with header dim,birth,death (death 'inf' for essential classes), or JSON when FILE ends in .json.",
            "Before every run the size is estimated; a run whose estimate exceeds --max-memory stops at once, naming",
            "the change that fits. Approximations are recorded in the output (a '# approximation:' line in CSV, the",
            "name in JSON) with their proven bound: landmarks (--landmarks, --subsample) are within bottleneck",
            "distance 2r of the exact diagram, r the covering radius (Chazal, de Silva & Oudot 2014); --sparse EPS",
            "(sparse Rips, Cavanna, Jahanseir & Sheehy 2015) is within log-scale bottleneck distance -log(1-EPS) of it",
            "(pairs as (log b, log d): every value within a factor 1/(1-EPS)); --witness on landmarks is within",
            "log-scale bottleneck distance log 2 of the landmarks' Rips diagram (no single proven bound to the exact one)."})
final class PhCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @picocli.CommandLine.Parameters(index = "0", paramLabel = "INPUT",
            description = "text in ripser's formats (comma or whitespace separated) or a 2-D .npy array")
    Path input;

    @Option(names = "--format", description = "point-cloud, distance, lower-distance, sparse or npy (default: npy for *.npy, else point-cloud)")
    String format;

    @Option(names = "--metric", defaultValue = "euclidean",
            description = "distance between points: euclidean, cosine, manhattan, chebyshev; default ${DEFAULT-VALUE}")
    String metric;

    @Option(names = "--dim", defaultValue = "1", description = "highest homology dimension, 0 to 3; default ${DEFAULT-VALUE}")
    int dim;

    @Option(names = "--threshold", description = "largest edge length, or inf (default: the enclosing radius, as ripser)")
    String threshold;

    @Option(names = "--landmarks", paramLabel = "M", description = "use M maxmin (furthest-point) landmarks: an approximation"
            + " within bottleneck distance 2r of the exact diagram, r = the covering radius, recorded in the output")
    Integer landmarks;

    @Option(names = "--subsample", defaultValue = "none", description = "none, maxmin (furthest-point landmarks) or random"
            + " (bound as --landmarks); default ${DEFAULT-VALUE}")
    String subsample;

    @Option(names = "--subsample-size", defaultValue = "1000", description = "points kept when subsampling; default ${DEFAULT-VALUE}")
    int subsampleSize;

    @Option(names = "--seed", defaultValue = "0", description = "seed of random subsampling, first maxmin landmark; default ${DEFAULT-VALUE}")
    int seed;

    @Option(names = "--sparse", paramLabel = "EPS", description = "sparse Rips with 0 < EPS < 1 (0 = exact): an approximation"
            + " within log-scale bottleneck distance -log(1-EPS) of the exact diagram (EPS 0.1: 0.105, 0.5: 0.693), recorded in"
            + " the output; far fewer edges; the default threshold becomes inf")
    Double sparse;

    @Option(names = "--witness", description = "with --landmarks: the lazy witness complex (nu = 0, every point a witness) on"
            + " the landmarks instead of their Rips complex; within log-scale bottleneck distance log 2 of the landmarks' Rips"
            + " diagram, recorded in the output")
    boolean witness;

    @Option(names = "--collapse", defaultValue = "auto", description = "exact edge collapse before the reduction (diagrams"
            + " unchanged): auto (from --dim 2, when it removes at least a tenth of the edges), on, off; default ${DEFAULT-VALUE}")
    String collapse;

    @Option(names = "--max-memory", paramLabel = "SIZE", defaultValue = "auto", description = "refuse, before starting, a run"
            + " whose estimated peak memory exceeds SIZE (512m, 2g); default: what the JVM can still use")
    String maxMemory;

    @Option(names = "--estimate", description = "print the predicted simplices per dimension, peak memory and time, and the"
            + " edges edge collapse removes, without running the reduction")
    boolean estimate;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "write here instead of stdout (.json for JSON)")
    Path output;

    @Option(names = "--backend", defaultValue = "vietoris-rips", description = "a FiltrationBackend id; default ${DEFAULT-VALUE}")
    String backend;

    @Option(names = "--threads", paramLabel = "N", description = "threads of the reduction (default: all cores); the diagram is the same for any N")
    Integer threads;

    @Option(names = "--cycles", paramLabel = "FILE.json", description = {"also write a representative cycle of every finite H1 pair:",
        "[{\"dim\": 1, \"birth\": b, \"death\": d, \"edges\": [[i, j], ...]}, ...], i and j 0-based rows of INPUT"})
    Path cycles;

    @Override
    public void run() {
        FiltrationBackend b = parent.registry.get(FiltrationBackend.class, backend);
        Map<String, String> given = new LinkedHashMap<>();
        given.put("max-dimension", Integer.toString(dim));
        given.put("metric", metric);
        given.put("subsample", subsample);
        given.put("subsample-size", Integer.toString(subsampleSize));
        given.put("seed", Integer.toString(seed));
        if (threshold != null) {
            given.put("threshold", threshold);
        }
        if (threads != null) {
            given.put("threads", Integer.toString(threads));
        }
        if (cycles != null && dim < 1) {
            throw new ToposcopeException("--cycles needs --dim 1 or more (cycles are H1 classes), not --dim " + dim);
        }
        if (landmarks != null) {
            given.put("subsample", "maxmin");
            given.put("subsample-size", Integer.toString(landmarks));
        }
        if (b instanceof VietorisRipsBackend) { // backend-specific parameters; another backend would refuse them
            given.put("collapse", collapse);
            given.put("max-memory", maxMemory);
            if (sparse != null) {
                given.put("sparse", Double.toString(sparse));
            }
            if (witness) {
                given.put("witness", "true");
            }
        } else if (sparse != null || witness) {
            throw new ToposcopeException("--sparse and --witness need the vietoris-rips backend, not " + backend);
        }
        Parameters parameters = Parameters.resolve(b, given);
        FiltrationInput in = format == null ? FiltrationInputs.read(input)
                : FiltrationInputs.read(input, FiltrationInputs.Format.fromName(format));
        if (estimate) {
            printEstimate(b, in, parameters);
            return;
        }
        StderrProgress progress = StderrProgress.forTerminal();
        PersistenceDiagram diagram;
        try {
            if (cycles != null) {
                PersistenceResult result = computeWithCycles(in, b, parameters, progress);
                diagram = result.diagram();
                CycleFiles.write(result.cycles(), cycles);
            } else {
                diagram = in.compute(b, parameters, progress);
            }
        } finally {
            progress.finish();
        }
        String note = approximationNote(diagram);
        if (output != null && (note == null || output.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".json"))) {
            DiagramFiles.write(diagram, output); // JSON carries the note in its name
        } else if (output != null) { // a CSV file states the approximation as on stdout (readers skip # lines)
            org.toposcope.core.AtomicFiles.write(output, output + ": cannot write the diagram", channel -> {
                java.io.Writer w = new java.io.BufferedWriter(java.nio.channels.Channels.newWriter(channel,
                        java.nio.charset.StandardCharsets.UTF_8));
                w.write("# approximation: " + note + "\n");
                DiagramFiles.writeCsv(diagram, w);
                w.flush();
            });
        } else {
            PrintWriter out = parent.spec.commandLine().getOut();
            try {
                if (note != null) {
                    out.println("# approximation: " + note);
                }
                DiagramFiles.writeCsv(diagram, out);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            out.flush();
        }
    }

    /** The approximation and bound a result records in its name, or null for an exact one. */
    private static String approximationNote(PersistenceDiagram diagram) {
        int note = diagram.name().indexOf(VietorisRipsBackend.APPROXIMATION);
        return note < 0 ? null : diagram.name().substring(note + VietorisRipsBackend.APPROXIMATION.length(), diagram.name().length() - 1);
    }

    private static PersistenceResult computeWithCycles(FiltrationInput in, FiltrationBackend b, Parameters p, StderrProgress progress) {
        if (in instanceof FiltrationInput.Cloud c) {
            return b.computeWithCycles(c.cloud(), p, progress);
        }
        if (in instanceof FiltrationInput.Distances d) {
            return b.computeWithCycles(d.matrix(), p, progress);
        }
        return b.computeWithCycles(((FiltrationInput.Sparse) in).distances(), p, progress);
    }

    /** {@code --estimate}: the size estimate, and what edge collapse removes when the table fits. */
    private void printEstimate(FiltrationBackend b, FiltrationInput in, Parameters parameters) {
        if (!(b instanceof VietorisRipsBackend rips)) {
            throw new ToposcopeException("--estimate needs the vietoris-rips backend, not " + backend);
        }
        // collapse does not apply to sparse Rips, and a witness run collapses its own graph, not the input's
        boolean approximate = parameters.real("sparse") > 0 || parameters.bool("witness");
        SizeEstimate e;
        double[] lower = null;
        int n;
        if (in instanceof FiltrationInput.Cloud c) {
            e = rips.estimate(c.cloud(), parameters);
            n = e.points();
            if (!approximate && n == c.cloud().size() && (long) n * n * 12 < Runtime.getRuntime().maxMemory() / 4) {
                lower = org.toposcope.ph.Metric.of(metric).lowerTriangle(c.cloud());
            }
        } else if (in instanceof FiltrationInput.Distances d) {
            e = rips.estimate(d.matrix(), parameters);
            n = e.points();
            lower = n == d.matrix().size() ? d.matrix().values() : null;
        } else {
            e = rips.estimate(((FiltrationInput.Sparse) in).distances(), parameters);
            n = e.points();
        }
        double removed = -1;
        SizeEstimate collapsed = null;
        if (!approximate && lower != null && e.maxDimension() >= 1 && n > 3 && e.peakBytes() < Runtime.getRuntime().maxMemory()) {
            EdgeCollapse.Result r = rips.collapse(lower, n, parameters);
            removed = r.removed();
            // a cloud's run computes its own table; a matrix's already exists
            long inputBytes = in instanceof FiltrationInput.Cloud ? 8L * lower.length : 0;
            collapsed = rips.estimateAfter(r, e.name(), n, parameters, inputBytes);
        }
        PrintWriter out = parent.spec.commandLine().getOut();
        out.print(e.report(removed, collapsed));
        out.flush();
    }
}
