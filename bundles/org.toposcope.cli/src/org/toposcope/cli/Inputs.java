package org.toposcope.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;

/** Models and data sets named on the command line: loaders chosen by file extension, readers by {@code canRead}. */
final class Inputs {

    private Inputs() {
    }

    static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    /** Loads a model file, or the one model file inside a folder (a DJL model folder holds model.params). */
    static LoadedModel loadModel(Registry registry, Path file, Progress progress) {
        if (Files.isDirectory(file)) {
            return loadModel(registry, modelFileIn(registry, file), progress);
        }
        if (!Files.isRegularFile(file)) {
            throw new ToposcopeException(name(file) + ": no such model file");
        }
        ModelLoader loader = loaderFor(registry, file);
        if (loader == null) {
            throw new ToposcopeException(name(file) + ": no model loader reads this file type (known: "
                    + knownExtensions(registry) + ")");
        }
        return loader.load(file, Parameters.defaults(loader), progress);
    }

    private static Path modelFileIn(Registry registry, Path folder) {
        List<Path> models;
        try (var files = Files.list(folder)) {
            models = files.filter(Files::isRegularFile).filter(f -> loaderFor(registry, f) != null).sorted().toList();
        } catch (IOException e) {
            throw new ToposcopeException(name(folder) + ": cannot list the folder: " + e.getMessage());
        }
        if (models.size() != 1) {
            throw new ToposcopeException(name(folder) + ": a model folder must hold exactly one model file ("
                    + knownExtensions(registry) + "), it holds " + (models.isEmpty() ? "none"
                            : models.stream().map(f -> f.getFileName().toString()).toList()));
        }
        return models.get(0);
    }

    private static ModelLoader loaderFor(Registry registry, Path file) {
        String lower = name(file).toLowerCase(Locale.ROOT);
        for (Registered<ModelLoader> r : registry.all(ModelLoader.class)) {
            for (String extension : r.extension().fileExtensions()) {
                if (lower.endsWith(extension)) {
                    return r.extension();
                }
            }
        }
        return null;
    }

    private static String knownExtensions(Registry registry) {
        List<String> known = new ArrayList<>();
        for (Registered<ModelLoader> r : registry.all(ModelLoader.class)) {
            r.extension().fileExtensions().forEach(e -> known.add(e + " (" + r.id() + ")"));
        }
        return known.isEmpty() ? "none installed" : String.join(", ", known);
    }

    static Dataset openData(Registry registry, Path path) {
        if (!Files.exists(path)) {
            throw new ToposcopeException(name(path) + ": no such data file or folder");
        }
        List<String> known = new ArrayList<>();
        for (Registered<DatasetReader> r : registry.all(DatasetReader.class)) {
            if (r.extension().canRead(path)) {
                return r.extension().open(path, Parameters.defaults(r.extension()));
            }
            known.add(r.id());
        }
        throw new ToposcopeException(name(path) + ": no data set reader recognises it (readers: "
                + (known.isEmpty() ? "none installed" : String.join(", ", known)) + ")");
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
