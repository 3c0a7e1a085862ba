package org.toposcope.cli;

import java.io.PrintWriter;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.toposcope.core.registry.Registry;

/** The headless Eclipse application: hands the command line to {@link Cli} and returns its exit code. */
public final class ToposcopeApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        String[] args = (String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS);
        context.applicationRunning();
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        return Cli.run(args == null ? new String[0] : args, out, err, Registry.current());
    }

    @Override
    public void stop() {
        // commands check for cancellation themselves; nothing to interrupt here
    }
}
