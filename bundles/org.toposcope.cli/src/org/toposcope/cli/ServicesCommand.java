package org.toposcope.cli;

import java.io.PrintWriter;
import java.util.List;

import org.toposcope.core.Extension;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope services}: every registered implementation of every extension point. */
@Command(name = "services", description = "List every registered extension (id, bundle, description) by extension point.")
final class ServicesCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Option(names = {"-p", "--parameters"}, description = "Also list each extension's parameters with defaults.")
    boolean parameters;

    @Override
    public void run() {
        PrintWriter out = parent.spec.commandLine().getOut();
        for (Class<? extends Extension> point : Registry.EXTENSION_POINTS) {
            List<? extends Registered<? extends Extension>> all = parent.registry.all(point);
            out.println(point.getSimpleName() + " (" + all.size() + ")");
            for (Registered<? extends Extension> r : all) {
                out.printf("  %-22s %-36s %s%n", r.id(), r.origin(), r.extension().description());
                if (parameters) {
                    for (ParameterSpec p : r.extension().parameters()) {
                        out.printf("      --%s=<%s> (default %s) %s%n", p.name(), p.type().name().toLowerCase(java.util.Locale.ROOT),
                                p.defaultValue() == null ? "required" : p.defaultValue(), p.description());
                    }
                }
            }
        }
    }
}
