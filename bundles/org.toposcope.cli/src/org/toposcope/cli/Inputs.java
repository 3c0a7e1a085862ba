package org.toposcope.cli;

import java.nio.file.Path;

import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.experiment.Sources;

/** Models and data sets named on the command line, through the experiment bundle's {@link Sources}. */
final class Inputs {

    private Inputs() {
    }

    static String name(Path p) {
        return Sources.name(p);
    }

    /** A path as given, or the shipped sample a {@code sample:NAME} path names. */
    static Path resolve(Path p) {
        return Sources.resolve(p.toString(), null);
    }

    /** Loads a model file, or the one model file inside a folder; {@code sample:NAME} names a shipped model. */
    static LoadedModel loadModel(Registry registry, Path file, Progress progress) {
        return Sources.loadModel(registry, resolve(file), progress);
    }

    /** Opens a data set file or folder; {@code sample:NAME} names a shipped sample. */
    static Dataset openData(Registry registry, Path path) {
        return Sources.openData(registry, resolve(path));
    }

    /** "C,H,W" (or "CxHxW") as positive ints. */
    static int[] shape(String text) {
        String[] parts = text.split("[,x]");
        int[] s = new int[parts.length];
        try {
            for (int i = 0; i < s.length; i++) {
                s[i] = Integer.parseInt(parts[i].trim());
                if (s[i] < 1) {
                    throw new NumberFormatException();
                }
            }
        } catch (NumberFormatException e) {
            throw new ToposcopeException("input shape '" + text + "' is not positive integers C,H,W");
        }
        if (s.length != 3) {
            throw new ToposcopeException("input shape '" + text + "' has " + s.length + " numbers, not C,H,W");
        }
        return s;
    }
}
