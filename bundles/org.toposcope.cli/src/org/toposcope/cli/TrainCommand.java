package org.toposcope.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;
import org.toposcope.models.djl.DjlModelFolder;
import org.toposcope.models.djl.ResNetTraining;
import org.toposcope.models.djl.TrainingImages;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope train}: a CIFAR-style ResNet on 8-bit images of any data set reader, written as a model folder the djl loader reads. */
@Command(name = "train", sortOptions = false,
        description = {"Train a ResNet for small images (He et al. 2016, e.g. ResNet-20) on 8-bit images (IDX, CIFAR binary, image folder,",
            "uint8 .npy/.npz) with DJL on the CPU; inputs are normalised with the training set's per-channel mean and std.",
            "Writes a model folder (model.json + model.params) completely or not at all; prints the test accuracy."})
final class TrainCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Option(names = "--data", required = true, paramLabel = "IMAGES", description = "training images: IDX (e.g. train-images-idx3-ubyte.gz), CIFAR binary, image folder, .npy, .npz")
    Path data;

    @Option(names = "--labels", paramLabel = "LABELS", description = "IDX training labels (default: IMAGES with 'images' -> 'labels', 'idx3' -> 'idx1'); other formats carry their labels")
    Path labels;

    @Option(names = "--test-data", required = true, paramLabel = "IMAGES", description = "test images, in any format --data takes")
    Path testData;

    @Option(names = "--test-labels", paramLabel = "LABELS", description = "IDX test labels (default: guessed like --labels)")
    Path testLabels;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FOLDER", description = "model folder to create; must not exist or be empty")
    Path out;

    @Option(names = "--epochs", defaultValue = "5", description = "passes over the training images; default ${DEFAULT-VALUE}")
    int epochs;

    @Option(names = "--depth", defaultValue = "20", description = "6n+2 weighted layers (8, 14, 20, 32, ...); default ${DEFAULT-VALUE}")
    int depth;

    @Option(names = "--seed", defaultValue = "0", description = "seed of initial weights, order and flips; default ${DEFAULT-VALUE}")
    int seed;

    @Option(names = "--batch", defaultValue = "128", description = "images per update; default ${DEFAULT-VALUE}")
    int batch;

    @Option(names = "--optimizer", defaultValue = "sgd", description = "sgd (momentum 0.9) or adam; default ${DEFAULT-VALUE}")
    String optimizer;

    @Option(names = "--learning-rate", description = "initial rate, cosine-decayed to 0 (default: 0.1 for sgd, 0.001 for adam)")
    Double learningRate;

    @Option(names = "--weight-decay", defaultValue = "5e-4", description = "L2 penalty; default ${DEFAULT-VALUE}")
    double weightDecay;

    @Option(names = "--no-flip", description = "do not mirror half the training images at random")
    boolean noFlip;

    @Option(names = "--limit", description = "use only the first N training images")
    Integer limit;

    @Option(names = "--test-limit", description = "use only the first N test images")
    Integer testLimit;

    @Option(names = "--name", description = "model name recorded in model.json (default: the folder's name)")
    String name;

    @Option(names = "--class-names", split = ",", description = "class names in label order, comma separated (default: the data set's, else 0, 1, ...)")
    List<String> classNames;

    @Override
    public void run() {
        DjlModelFolder.checkWritable(out.toAbsolutePath());
        TrainingImages train = read(data, labels, "--labels", limit, "--limit");
        TrainingImages test = read(testData, testLabels, "--test-labels", testLimit, "--test-limit");
        double rate = learningRate != null ? learningRate : "adam".equals(optimizer) ? 1e-3 : 0.1;
        String modelName = name != null ? name : out.toAbsolutePath().getFileName().toString();
        ResNetTraining.Options options = new ResNetTraining.Options(modelName, depth, epochs, batch, seed, optimizer, rate,
                weightDecay, !noFlip, classNames);
        PrintWriter err = parent.spec.commandLine().getErr();
        StderrProgress progress = StderrProgress.forTerminal();
        ResNetTraining.Result result;
        try {
            result = ResNetTraining.train(train, test, options, out, progress, e -> {
                        progress.finish();
                        err.printf(Locale.ROOT, "epoch %d/%d: loss %.4f, training accuracy %.4f, %.0f s%n", e.epoch(), epochs,
                                e.loss(), e.accuracy(), e.seconds());
                        err.flush();
                    });
        } finally {
            progress.finish();
        }
        PrintWriter o = parent.spec.commandLine().getOut();
        o.printf(Locale.ROOT, "test accuracy %.4f on %d images; ResNet-%d trained in %.0f s; written to %s%n",
                result.description().testAccuracy().orElse(Double.NaN), test.count(), depth, result.seconds(), out);
        o.flush();
    }

    // MNIST's naming: train-images-idx3-ubyte.gz goes with train-labels-idx1-ubyte.gz
    static Path labelsOf(Path images, String option) {
        String file = images.getFileName().toString();
        String guess = file.replace("images", "labels").replace("idx3", "idx1");
        Path labels = images.resolveSibling(guess);
        if (guess.equals(file) || !Files.exists(labels)) {
            throw new ToposcopeException(images + ": cannot guess its labels file (tried " + guess + "); give " + option);
        }
        return labels;
    }

    // the first reader that recognises the path; IDX images get their labels file (given or guessed) as before
    private TrainingImages read(Path path, Path labelsFile, String labelsOption, Integer count, String limitOption) {
        if (!Files.exists(path)) {
            throw new ToposcopeException(path + ": no such data file or folder");
        }
        if (count != null && count < 1) {
            throw new ToposcopeException(limitOption + " " + count + " is not a positive number of images");
        }
        for (Registered<DatasetReader> r : parent.registry.all(DatasetReader.class)) {
            DatasetReader reader = r.extension();
            if (!reader.canRead(path)) {
                continue;
            }
            Parameters parameters;
            if (r.id().equals("idx")) {
                Path l = labelsFile != null ? labelsFile : labelsOf(path, labelsOption);
                parameters = Parameters.resolve(reader, Map.of("labels", l.toString()));
            } else if (labelsFile != null) {
                throw new ToposcopeException(path + ": " + labelsOption + " applies to IDX images; this is read by '" + r.id()
                        + "', which finds its own labels");
            } else {
                parameters = Parameters.defaults(reader);
            }
            try (Dataset d = reader.open(path, parameters)) {
                return TrainingImages.read(d, count, Progress.none());
            }
        }
        throw new ToposcopeException(path + ": no data set reader recognises it");
    }
}
