package org.toposcope.cli;

import java.nio.file.Path;

import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.samples.Samples;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope demo}: the shipped experiment on the shipped model and images. */
@Command(name = "demo", sortOptions = false,
        description = {"Run the shipped experiment: the default model (a ResNet-20 trained on Fashion-MNIST) on 1,000 shipped test",
            "images; layer x layer persistence distances and CKA, mapper graphs with purity by layer, the sensitivity test.",
            "Prints the path of the report's index.html."})
final class DemoCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Option(names = "--out", defaultValue = "toposcope-demo", paramLabel = "DIR", description = "report folder; default ${DEFAULT-VALUE}")
    Path out;

    @Option(names = "--print-spec", description = "print the demo's spec (a starting point for your own) and stop")
    boolean printSpec;

    @Override
    public void run() {
        String text = Samples.demoSpec();
        if (printSpec) {
            parent.spec.commandLine().getOut().print(text);
            return;
        }
        ExperimentSpec spec = SpecReader.parse(text, "demo.yaml", null);
        Path index = RunCommand.runReport(parent, spec, out);
        parent.spec.commandLine().getOut().println(index.toAbsolutePath());
    }
}
