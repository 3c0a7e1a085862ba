package org.toposcope.activations;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs tests/scripts/reference.py under the system Python (Debian's numpy imports only there). */
final class Python {

    private Python() {
    }

    static List<String> reference(String... args) throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("toposcope.activations.scripts", "scripts"), "reference.py");
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3", script.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var reader = p.inputReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + String.join("\n", lines));
        }
        return lines;
    }
}
