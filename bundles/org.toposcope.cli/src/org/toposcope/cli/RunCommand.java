package org.toposcope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;

import org.toposcope.experiment.Experiments;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope run SPEC.yaml}: runs an experiment spec and writes its report folder. */
@Command(name = "run", sortOptions = false,
        description = {"Run an experiment spec (YAML) and write a report folder: index.html with PNG/SVG figures, CSV/JSON of every",
            "number, the spec and a manifest. Every id, layer and file in the spec is checked before anything is computed.",
            "Intermediate results are cached in OUT/.cache by content hash: re-running resumes, Ctrl-C stops cleanly."})
final class RunCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Parameters(index = "0", paramLabel = "SPEC", description = "experiment spec file (YAML)")
    Path spec;

    @Option(names = "--out", paramLabel = "DIR", description = "report folder (created or updated); default: SPEC's name + '-report' in the current folder")
    Path out;

    @Override
    public void run() {
        ExperimentSpec s = SpecReader.read(spec);
        Path folder = out != null ? out : Path.of(s.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-report");
        Path index = runReport(parent, s, folder);
        parent.spec.commandLine().getOut().println(index.toAbsolutePath());
    }

    /** Runs with a progress line and Ctrl-C as cancel; shared with {@code demo}. */
    static Path runReport(ToposcopeCommand parent, ExperimentSpec spec, Path folder) {
        StderrProgress progress = StderrProgress.forTerminal();
        // on Ctrl-C the run stops at its next check with its cache intact; the old report, if any, stays whole
        try (Interruption i = Interruption.install(progress, parent.ended, parent.interrupted,
                parent.spec.commandLine().getErr())) {
            PrintWriter err = parent.spec.commandLine().getErr();
            // a plug-in step that failed is reported, and the rest of the report is still written
            return Experiments.run(spec, folder, parent.registry, progress, failed -> {
                progress.finish();
                err.println("toposcope: step failed: " + failed);
                err.flush();
            });
        } finally {
            progress.finish();
        }
    }
}
