package org.toposcope.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

import org.toposcope.core.registry.Registry;

/** One command line run inside OSGi against the real registry, as the headless application runs it. */
record CliRun(int code, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Cli.run(args, new PrintWriter(out), new PrintWriter(err), Registry.current());
        return new CliRun(code, out.toString(), err.toString());
    }
}
