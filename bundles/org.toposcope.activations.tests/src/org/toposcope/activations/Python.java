package org.toposcope.activations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.toposcope.testing.SystemPython;

/** Runs this fragment's scripts/reference.py through {@link SystemPython}. */
final class Python {

    private Python() {
    }

    static List<String> reference(String... args) throws IOException, InterruptedException {
        return SystemPython.run(Path.of(System.getProperty("toposcope.activations.scripts", "scripts"), "reference.py"), args);
    }
}
