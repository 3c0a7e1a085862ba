package org.toposcope.experiment;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.samples.Samples;

/**
 * Models and data sets named by path: loaders chosen by file extension, readers by {@code canRead};
 * {@code sample:NAME} names a file shipped in the samples bundle. Used alike by the CLI and by specs.
 */
public final class Sources {

    public static final String SAMPLE_PREFIX = "sample:";
    /** The shipped samples, by the name a spec or command line gives after {@code sample:}. */
    private static final Map<String, Supplier<Path>> SAMPLES = Map.of(
            "fashion-resnet20", Samples::fashionModel,
            "fashion-mnist-test", Samples::fashionTestImages);

    private Sources() {
    }

    public static String name(Path p) {
        return p.getFileName() == null ? p.toString() : p.getFileName().toString();
    }

    /** A path as written by a user: {@code sample:NAME}, absolute, or relative to {@code base}. */
    public static Path resolve(String text, Path base) {
        if (text.startsWith(SAMPLE_PREFIX)) {
            String sample = text.substring(SAMPLE_PREFIX.length()).trim();
            Supplier<Path> s = SAMPLES.get(sample);
            if (s == null) {
                throw new ToposcopeException(text + ": no such sample (known: "
                        + String.join(", ", SAMPLES.keySet().stream().sorted().toList()) + ")");
            }
            return s.get();
        }
        Path p = Path.of(text);
        return p.isAbsolute() || base == null ? p : base.resolve(p);
    }

    /** Loads a model file, or the one model file inside a folder (a DJL model folder holds model.params). */
    public static LoadedModel loadModel(Registry registry, Path file, Progress progress) {
        Path modelFile = modelFile(registry, file);
        return loaderFor(registry, modelFile).load(modelFile, Parameters.defaults(loaderFor(registry, modelFile)), progress);
    }

    /** The file a model path names: itself, or the one model file of a folder; one-line error otherwise. */
    public static Path modelFile(Registry registry, Path file) {
        if (Files.isDirectory(file)) {
            return modelFileIn(registry, file);
        }
        if (!Files.isRegularFile(file)) {
            throw new ToposcopeException(name(file) + ": no such model file");
        }
        if (loaderFor(registry, file) == null) {
            throw new ToposcopeException(name(file) + ": no model loader reads this file type (known: "
                    + knownExtensions(registry) + ")");
        }
        return file;
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

    public static Dataset openData(Registry registry, Path path) {
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
}
