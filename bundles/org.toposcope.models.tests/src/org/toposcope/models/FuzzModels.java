package org.toposcope.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * The small models and the malicious pickles of scripts/make_fuzz_models.py (Debian's python3-torch),
 * built once per test run; python or torch missing is a failure.
 */
final class FuzzModels {

    private static Path dir;

    private FuzzModels() {
    }

    /** The folder holding tiny.pt, tiny.onnx, state.pt, legacy.pt, state.pkl and the evil pickles. */
    static synchronized Path dir() {
        if (dir == null) {
            try {
                Path d = Files.createTempDirectory("toposcope-fuzz-models");
                Path script = Path.of(System.getProperty("toposcope.models.scripts", "scripts"), "make_fuzz_models.py");
                Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), d.toString(), marker(d).toString())
                        .redirectErrorStream(true).start();
                String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(p.waitFor(300, TimeUnit.SECONDS), "make_fuzz_models.py timed out");
                assertEquals(0, p.exitValue(), "make_fuzz_models.py failed (python3-torch is required):\n" + log);
                dir = d;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        return dir;
    }

    /** The file an evil pickle creates when it is unpickled. */
    static Path marker(Path dir) {
        return dir.resolve("unpickled-marker");
    }
}
