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
