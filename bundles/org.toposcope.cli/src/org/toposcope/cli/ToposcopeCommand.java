package org.toposcope.cli;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.toposcope.core.registry.Registry;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code toposcope}: the root command; without a subcommand it prints the usage. */
@Command(name = "toposcope", mixinStandardHelpOptions = true, versionProvider = VersionCommand.Provider.class,
        description = "Topology of neural-network activations: persistent homology, layer distances and mapper graphs.",
        footer = {"", "Run 'toposcope help COMMAND' for a command's options. Exit codes: 0 ok, 1 failed, 2 bad usage.",
            "Plug-ins: jars in the installation's plugins folder, and in any folder given with --plugins DIR (before or after",
            "the command, repeatable), are loaded; their extensions appear in 'toposcope services' and may be named in specs."})
final class ToposcopeCommand implements Runnable {

    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(RunCommand.class, DemoCommand.class, LayersCommand.class,
            ActivationsCommand.class, MasksCommand.class, PointCloudCommand.class, TrainCommand.class, PhCommand.class,
            DiagramDistanceCommand.class, ServicesCommand.class, VersionCommand.class, CommandLine.HelpCommand.class);

    final Registry registry;
    /** Counted down when the command line has run and its messages are flushed; a Ctrl-C hook waits for it. */
    final CountDownLatch ended = new CountDownLatch(1);
    /** Set when Ctrl-C or SIGTERM asked the command to stop: what fails after that failed because of it. */
    final java.util.concurrent.atomic.AtomicBoolean interrupted = new java.util.concurrent.atomic.AtomicBoolean();

    @Spec
    CommandSpec spec;

    ToposcopeCommand(Registry registry) {
        this.registry = registry;
    }

    /**
     * The command line for these arguments. Picocli's model of a command is built by reflection, which is
     * a large part of a short command's start-up: when the first argument names a subcommand, only that
     * one is added. Every other command line (usage, help, errors) sees all of them.
     */
    static CommandLine commandLine(Registry registry, String[] args) {
        CommandLine cli = new CommandLine(new ToposcopeCommand(registry));
        Class<?> only = args.length == 0 ? null : SUBCOMMANDS.stream()
                .filter(c -> c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0]))
                .findFirst().orElse(null);
        for (Class<?> c : SUBCOMMANDS) {
            if (only == null || c == only) {
                cli.addSubcommand(c);
            }
        }
        return cli;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
