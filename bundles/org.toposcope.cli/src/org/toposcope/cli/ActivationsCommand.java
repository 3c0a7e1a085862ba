package org.toposcope.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.toposcope.activations.ActivationCapture;
import org.toposcope.activations.Manifest;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.data.Datasets;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope activations}: runs a model over a data set and writes an activations folder. */
@Command(name = "activations", sortOptions = false,
        description = {"Capture a model's activations on a data set into a folder: <layer>.npy (float32 N x C x H x W or N x D),",
            "labels.npy (int64) and manifest.json (shapes, SHA-256 of model and data, options, class names).",
            "The folder appears complete or not at all."})
final class ActivationsCommand implements Runnable {

    static final String AUTO = "auto";

    @ParentCommand
    ToposcopeCommand parent;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "model file or folder (sample:fashion-resnet20 for the shipped model); the loader is chosen by its extension")
    Path model;

    @Option(names = "--data", required = true, paramLabel = "PATH", description = "data set file or folder (sample:fashion-mnist-test for the shipped sample); the first reader that recognises it reads it")
    Path data;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "folder to create (must not exist, or be empty)")
    Path out;

    @Option(names = "--limit", defaultValue = "-1", paramLabel = "N", description = "only the first N images (default: all)")
    int limit;

    @Option(names = "--layers", defaultValue = "all", paramLabel = "all|A,B", description = "layers to capture, comma separated; default ${DEFAULT-VALUE}")
    String layers;

    @Option(names = "--batch", defaultValue = "64", paramLabel = "N", description = "images per forward pass; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--normalise", defaultValue = AUTO, paramLabel = "SPEC",
            description = "input normalisation: auto (the one the model file records, else none), none, imagenet, cifar-10, "
                    + "mnist, fashion-mnist, MEAN,STD, or C means then C stds; default ${DEFAULT-VALUE}")
    String normalise;

    @Option(names = "--noise", defaultValue = "0", paramLabel = "SIGMA",
            description = "Gaussian noise of this standard deviation added to the normalised inputs, per image from --seed; default ${DEFAULT-VALUE}")
    double noise;

    @Option(names = "--seed", defaultValue = "0", description = "seed of the input noise, recorded in the manifest for later steps; default ${DEFAULT-VALUE}")
    long seed;

    @Override
    public void run() {
        if (batch < 1) {
            throw new ToposcopeException("--batch must be at least 1, got " + batch);
        }
        List<String> names = layers.equals("all") ? List.of()
                : Arrays.stream(layers.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        model = Inputs.resolve(model);
        data = Inputs.resolve(data);
        StderrProgress progress = StderrProgress.forTerminal();
        try (Dataset read = Inputs.openData(parent.registry, data); LoadedModel m = Inputs.loadModel(parent.registry, model, progress)) {
            boolean auto = normalise.trim().equalsIgnoreCase(AUTO);
            Optional<Normalisation> n = auto ? m.normalisation() : Normalisation.parse(normalise, read.imageShape()[0]);
            Dataset d = n.map(x -> Datasets.normalised(read, x)).orElse(read);
            d = Datasets.withNoise(d, noise, seed);
            String inputs = describe(n, auto) + (noise > 0 ? ", noise sigma " + noise : "");
            ActivationCapture.Options options = new ActivationCapture.Options(names, batch, limit, UnaryOperator.identity(), inputs, seed);
            long start = System.nanoTime();
            Manifest written = ActivationCapture.write(m, model, d, data, options, out, progress);
            double seconds = (System.nanoTime() - start) / 1e9;
            progress.finish();
            parent.spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d images x %d layer(s) to %s in %.2f s (%.1f images/s)%n",
                    written.images(), written.layers().size(), out, seconds, written.images() / seconds);
        } finally {
            progress.finish();
        }
    }

    /** What the manifest records: the statistics applied, and whether they came from the model file. */
    static String describe(Optional<Normalisation> applied, boolean auto) {
        if (applied.isEmpty()) {
            return auto ? "none (auto: the model records no normalisation)" : "none";
        }
        return applied.get() + (auto ? " (auto: recorded in the model)" : "");
    }
}
