package org.toposcope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.plugins.PluginFolders;

/** The headless Eclipse application: hands the command line to {@link Cli} and returns its exit code. */
public final class ToposcopeApplication implements IApplication {

    /** Global option, taken off the command line before the commands see it: a folder of plug-in jars. */
    static final String PLUGINS_OPTION = "--plugins";

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        List<String> rest = new ArrayList<>();
        List<Path> folders = new ArrayList<>(PluginFolders.installationPlugins());
        String[] given = args == null ? new String[0] : args;
        for (int i = 0; i < given.length; i++) {
            if (given[i].equals(PLUGINS_OPTION) && i + 1 < given.length) {
                folders.add(Path.of(given[++i]));
            } else if (given[i].startsWith(PLUGINS_OPTION + "=")) {
                folders.add(Path.of(given[i].substring(PLUGINS_OPTION.length() + 1)));
            } else if (given[i].equals(PLUGINS_OPTION)) {
                err.println("toposcope: " + PLUGINS_OPTION + " needs a folder");
                return Cli.EXIT_USAGE;
            } else {
                rest.add(given[i]);
            }
        }
        try {
            PluginFolders.Result plugins = PluginFolders.install(folders);
            plugins.problems().forEach(p -> err.println("toposcope: plug-in not loaded: " + p));
        } catch (ToposcopeException e) {
            err.println("toposcope: " + e.getMessage());
            return Cli.EXIT_USAGE;
        }
        return Cli.run(rest.toArray(String[]::new), out, err, Registry.current());
    }

    @Override
    public void stop() {
        // commands check for cancellation themselves; nothing to interrupt here
    }
}
