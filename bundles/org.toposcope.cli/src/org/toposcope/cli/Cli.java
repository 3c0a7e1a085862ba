package org.toposcope.cli;

import java.io.PrintWriter;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;

import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;

/**
 * Runs one command line. Kept apart from the OSGi application so tests can call it with their own
 * streams and registry. User errors are one line on stderr and a non-zero exit, never a stack trace.
 */
public final class Cli {

    /** Exit code of a command that failed on bad input or a failed step. */
    public static final int EXIT_FAILURE = 1;
    /** Exit code of a command line that does not parse (picocli's convention). */
    public static final int EXIT_USAGE = 2;
    /** Exit code of an unexpected internal error. */
    public static final int EXIT_INTERNAL = 70;

    private Cli() {
    }

    public static int run(String[] args, PrintWriter out, PrintWriter err, Registry registry) {
        CommandLine cli;
        try {
            cli = ToposcopeCommand.commandLine(registry, args);
        } catch (RuntimeException | LinkageError e) {
            // a broken installation (a bundle missing a class) must not end silently with exit code 0
            err.println("toposcope: internal error: the commands cannot be set up: " + e);
            err.flush();
            return EXIT_INTERNAL;
        }
        cli.setOut(out);
        cli.setErr(err);
        cli.setExecutionExceptionHandler(errorHandler(err, (ToposcopeCommand) cli.getCommand()));
        try {
            int code = cli.execute(args);
            out.flush();
            err.flush();
            return code;
        } catch (OutOfMemoryError e) {
            // picocli hands only exceptions to the handler; results are written last, through temporary files
            err.println("toposcope: out of memory (" + e.getMessage() + "); give Java more memory, e.g. JAVA_OPTS=-Xmx"
                    + Math.max(2, 2 * Runtime.getRuntime().maxMemory() >> 30) + "g, or make the input smaller");
            err.flush();
            return EXIT_FAILURE;
        } finally {
            ((ToposcopeCommand) cli.getCommand()).ended.countDown();
        }
    }

    private static IExecutionExceptionHandler errorHandler(PrintWriter err, ToposcopeCommand command) {
        return (e, commandLine, parseResult) -> {
            if (command.interrupted.get()) {
                // the JVM is shutting down: a figure whose encoder lost its stream, a hook refused, all mean the same
                err.println("toposcope: cancelled");
                return EXIT_FAILURE;
            }
            if (e instanceof ToposcopeException) {
                err.println("toposcope: " + e.getMessage());
                return EXIT_FAILURE;
            }
            err.println("toposcope: internal error: " + e);
            if (System.getenv("TOPOSCOPE_DEBUG") != null) {
                e.printStackTrace(err);
            } else {
                err.println("toposcope: set TOPOSCOPE_DEBUG=1 for the stack trace and please report it");
            }
            return EXIT_INTERNAL;
        };
    }
}
