package org.toposcope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.toposcope.core.registry.Registry;

/** Runs the command line inside OSGi, against the real registry, as the headless application does. */
class CliTest {

    @Test
    void helpListsTheSubcommands() {
        CliRun r = CliRun.of("--help");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("Usage: toposcope"), r.out());
        for (String command : new String[] {"version", "services", "help"}) {
            assertTrue(Pattern.compile("(?m)^\\s+" + command + "\\s").matcher(r.out()).find(), command + " in\n" + r.out());
        }
    }

    @Test
    void everySubcommandIsReachableWhetherItIsAddedAloneOrWithTheOthers() {
        // a command line naming a subcommand adds only that one: its usage must be the one 'help NAME' prints
        String usage = CliRun.of().out();
        for (Class<?> c : ToposcopeCommand.SUBCOMMANDS) {
            String name = c.getAnnotation(picocli.CommandLine.Command.class).name();
            assertTrue(Pattern.compile("(?m)^\\s+" + Pattern.quote(name) + "\\s").matcher(usage).find(), name + " in\n" + usage);
            CliRun viaHelp = CliRun.of("help", name);
            assertEquals(0, viaHelp.code(), name + ": " + viaHelp.err());
            assertTrue(Pattern.compile("(?m)^Usage: toposcope " + Pattern.quote(name) + "( |$)").matcher(viaHelp.out()).find(),
                    viaHelp.out());
            if (c == picocli.CommandLine.HelpCommand.class) {
                continue; // 'help ...' always sees every subcommand
            }
            CliRun alone = CliRun.of(name, "--no-such-option");
            assertEquals(Cli.EXIT_USAGE, alone.code(), name);
            assertTrue(alone.err().contains(viaHelp.out()), name + ":\n" + alone.err() + "\nwanted:\n" + viaHelp.out());
        }
    }

    @Test
    void servicesListsEveryExtensionPointWithIdsAndBundles() {
        CliRun r = CliRun.of("services");
        assertEquals(0, r.code(), r.err());
        for (Class<?> point : Registry.EXTENSION_POINTS) {
            assertTrue(r.out().contains(point.getSimpleName() + " ("), point.getSimpleName() + " missing in\n" + r.out());
        }
        assertTrue(Pattern.compile("(?m)^\\s+torchscript\\s+org\\.toposcope\\.models ").matcher(r.out()).find(), r.out());
        assertTrue(Pattern.compile("(?m)^\\s+test\\s+org\\.toposcope\\.testing ").matcher(r.out()).find(), r.out());
    }

    @Test
    void servicesShowsParametersOnRequest() {
        CliRun r = CliRun.of("services", "--parameters");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("--factor=<real> (default 1.0) multiplies the coordinate"), r.out());
    }

    @Test
    void versionLoadsPyTorchInsideOsgiOffline() {
        CliRun r = CliRun.of("version");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("Toposcope 0.1.0"), r.out());
        assertTrue(r.out().contains("Engine:    PyTorch 2.7.1 (model loader torchscript"), r.out());
        assertTrue(r.out().contains("OSGi:      org.eclipse.osgi 3.24.0"), r.out());
        assertEquals("true", System.getProperty("ai.djl.offline"));
    }

    @Test
    void unknownCommandIsAUsageErrorWithoutStackTrace() {
        CliRun r = CliRun.of("frobnicate");
        assertEquals(Cli.EXIT_USAGE, r.code());
        assertTrue(r.err().startsWith("Unmatched argument at index 0: 'frobnicate'"), r.err());
        assertTrue(!r.err().contains("\tat "), r.err());
    }
}
