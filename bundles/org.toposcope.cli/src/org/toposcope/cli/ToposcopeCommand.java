package org.toposcope.cli;

import org.toposcope.core.registry.Registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toposcope}: the root command; without a subcommand it prints the usage. */
@Command(name = "toposcope", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Topology of neural-network activations: persistent homology, layer distances and mapper graphs.",
        subcommands = {RunCommand.class, DemoCommand.class, LayersCommand.class, ActivationsCommand.class, MasksCommand.class, PointCloudCommand.class, TrainCommand.class, PhCommand.class, DiagramDistanceCommand.class, ServicesCommand.class, VersionCommand.class,
            picocli.CommandLine.HelpCommand.class},
        footer = {"", "Run 'toposcope help COMMAND' for a command's options. Exit codes: 0 ok, 1 failed, 2 bad usage."})
final class ToposcopeCommand implements Runnable {

    final Registry registry;

    @Spec
    CommandSpec spec;

    ToposcopeCommand(Registry registry) {
        this.registry = registry;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
