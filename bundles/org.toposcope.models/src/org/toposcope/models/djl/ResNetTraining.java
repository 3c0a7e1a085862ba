package org.toposcope.models.djl;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.stream.IntStream;

import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Normalisation;
import org.toposcope.data.LabelledImages;
import org.toposcope.models.djl.CifarResNet.Architecture;
import org.toposcope.models.internal.DjlRuntime;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Parameter;
import ai.djl.training.DefaultTrainingConfig;
import ai.djl.training.GradientCollector;
import ai.djl.training.ParameterStore;
import ai.djl.training.Trainer;
import ai.djl.training.initializer.XavierInitializer;
import ai.djl.training.loss.Loss;
import ai.djl.training.optimizer.Optimizer;
import ai.djl.training.tracker.CosineTracker;

/**
 * Trains a {@link CifarResNet} on 8-bit labelled images of C channels (IDX, CIFAR binary, image folders,
 * uint8 arrays: see {@link TrainingImages#read}) with DJL on the CPU and writes a model folder. Inputs are
 * normalised per channel with the training set's exact mean and std; each epoch visits the training images
 * in a fresh order and drops the last incomplete batch; optionally half the images (drawn at random) are
 * mirrored left to right in all their channels. The learning rate follows a cosine from its start to 0.
 *
 * <p>Reproducibility: the order, the mirroring and the initial weights (He-normal, drawn by PyTorch after
 * {@code Engine.setRandomSeed}) come from the seed. On the same machine, build and thread count, two runs
 * with the same seed write bit-identical {@code model.params}; across thread counts or CPUs the float
 * reductions of PyTorch's kernels may round differently, so the weights then agree only approximately.
 */
public final class ResNetTraining {

    /** Settings of one training run. */
    public record Options(String name, int depth, int epochs, int batchSize, int seed, String optimizer,
            double learningRate, double weightDecay, boolean flip, List<String> classNames) {

        public Options {
            classNames = classNames == null ? null : List.copyOf(classNames);
            if (epochs < 1 || batchSize < 2) {
                throw new ToposcopeException("training needs at least 1 epoch and batches of at least 2 images, got "
                        + epochs + " and " + batchSize);
            }
            if (!optimizer.equals("sgd") && !optimizer.equals("adam")) {
                throw new ToposcopeException("optimizer '" + optimizer + "' is not sgd or adam");
            }
            if (!(learningRate > 0) || !(weightDecay >= 0) || Double.isInfinite(learningRate) || Double.isInfinite(weightDecay)) {
                throw new ToposcopeException("learning rate " + learningRate + " and weight decay " + weightDecay
                        + " must be positive and non-negative");
            }
        }

        /** ResNet-{@code depth}, SGD with momentum 0.9, learning rate 0.1, weight decay 5e-4, flips. */
        public static Options defaults(String name, int depth, int epochs, int seed) {
            return new Options(name, depth, epochs, 128, seed, "sgd", 0.1, 5e-4, true, null);
        }

        public Options withBatchSize(int batch) {
            return new Options(name, depth, epochs, batch, seed, optimizer, learningRate, weightDecay, flip, classNames);
        }

        public Options withOptimizer(String opt, double rate) {
            return new Options(name, depth, epochs, batchSize, seed, opt, rate, weightDecay, flip, classNames);
        }

        public Options withFlip(boolean f) {
            return new Options(name, depth, epochs, batchSize, seed, optimizer, learningRate, weightDecay, f, classNames);
        }

        public Options withClassNames(List<String> names) {
            return new Options(name, depth, epochs, batchSize, seed, optimizer, learningRate, weightDecay, flip, names);
        }
    }

    /** One finished epoch: mean training loss and accuracy over its batches (in training mode). */
    public record Epoch(int epoch, double loss, double accuracy, double seconds) {
    }

    /** Receives each finished epoch, e.g. to print a line. */
    @FunctionalInterface
    public interface EpochListener {
        void epochDone(Epoch epoch);
    }

    /** What was written: the folder, the description in its model.json, and the epochs. */
    public record Result(Path folder, ModelDescription description, List<Epoch> epochs, double seconds) {
        public Result {
            epochs = List.copyOf(epochs);
        }
    }

    private ResNetTraining() {
    }

    /**
     * Trains on {@code train}, measures accuracy on {@code test} and writes the model folder {@code out}
     * (which must not exist or be empty). {@code trainName}/{@code testName} are recorded in model.json.
     */
    public static Result train(LabelledImages train, String trainName, LabelledImages test, String testName,
            Options options, Path out, Progress progress, EpochListener listener) {
        return train(TrainingImages.of(train, trainName), TrainingImages.of(test, testName), options, out, progress, listener);
    }

    /**
     * Trains on {@code train}, measures accuracy on {@code test} and writes the model folder {@code out}; class
     * names are the options' or else the training set's (when it has as many as there are classes).
     */
    public static Result train(TrainingImages train, TrainingImages test, Options options, Path out, Progress progress,
            EpochListener listener) {
        String trainName = train.name();
        String testName = test.name();
        DjlModelFolder.checkWritable(out.toAbsolutePath());
        int classes = classes(train, test, options);
        Architecture architecture = CifarResNet.Architecture.standard(options.depth(), train.channels(), classes);
        List<String> classNames = options.classNames() != null ? options.classNames()
                : train.classNames() != null && train.classNames().size() == classes ? train.classNames()
                : IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        if (test.channels() != train.channels() || test.rows() != train.rows() || test.cols() != train.cols()) {
            throw new ToposcopeException(testName + ": test images of " + test.channels() + "x" + test.rows() + "x"
                    + test.cols() + " differ from training images of " + train.channels() + "x" + train.rows() + "x"
                    + train.cols());
        }
        int batchesPerEpoch = train.count() / options.batchSize();
        if (batchesPerEpoch == 0) {
            throw new ToposcopeException(trainName + ": " + train.count() + " images are fewer than one batch of "
                    + options.batchSize());
        }
        Normalisation normalisation = NormalisedImages.measure(train, options.name());
        long started = System.nanoTime();
        return DjlRuntime.call(() -> {
            Engine engine = DjlRuntime.engine(DjlModelLoader.ENGINE);
            engine.setRandomSeed(options.seed());
            CifarResNet network = new CifarResNet(architecture);
            try (Model model = engine.newModel(options.name(), Device.cpu())) {
                model.setBlock(network);
                int updates = options.epochs() * batchesPerEpoch;
                DefaultTrainingConfig config = new DefaultTrainingConfig(Loss.softmaxCrossEntropyLoss())
                        .optInitializer(new XavierInitializer(XavierInitializer.RandomType.GAUSSIAN,
                                XavierInitializer.FactorType.IN, 2), Parameter.Type.WEIGHT)
                        .optOptimizer(optimizer(options, updates));
                List<Epoch> epochs = new ArrayList<>();
                try (Trainer trainer = model.newTrainer(config)) {
                    trainer.initialize(new Shape(options.batchSize(), train.channels(), train.rows(), train.cols()));
                    progress.begin("training " + options.name(), (long) updates * options.batchSize() + test.count());
                    Random random = new Random(options.seed());
                    for (int e = 1; e <= options.epochs(); e++) {
                        Epoch epoch = epoch(trainer, train, normalisation, options, random, e, progress);
                        epochs.add(epoch);
                        if (listener != null) {
                            listener.epochDone(epoch);
                        }
                    }
                }
                double accuracy = accuracy(network, model.getNDManager(), test, normalisation, options.batchSize(), progress);
                double seconds = (System.nanoTime() - started) / 1e9;
                ModelDescription description = new ModelDescription(options.name(), architecture, train.rows(),
                        train.cols(), normalisation, classNames, OptionalDouble.of(accuracy), test.count());
                String json = DjlModelFolder.describe(description,
                        record(options, trainName, train.count(), testName, engine, epochs, seconds));
                DjlModelFolder.write(out, network, json);
                return new Result(out, description, epochs, seconds);
            }
        });
    }

    private static int classes(TrainingImages train, TrainingImages test, Options options) {
        int max = 0;
        for (int l : train.labels()) {
            max = Math.max(max, l);
        }
        for (int l : test.labels()) {
            max = Math.max(max, l);
        }
        int classes = options.classNames() != null ? options.classNames().size() : max + 1;
        if (max >= classes) {
            throw new ToposcopeException("label " + max + " has no class name among the " + classes + " given");
        }
        return Math.max(classes, 2);
    }

    private static Optimizer optimizer(Options options, int updates) {
        float rate = (float) options.learningRate();
        CosineTracker schedule = CosineTracker.builder().setBaseValue(rate).optFinalValue(0f)
                .setMaxUpdates(Math.max(1, updates)).build();
        if (options.optimizer().equals("adam")) {
            return Optimizer.adam().optLearningRateTracker(schedule).optWeightDecays((float) options.weightDecay()).build();
        }
        return Optimizer.sgd().setLearningRateTracker(schedule).optMomentum(0.9f)
                .optWeightDecays((float) options.weightDecay()).build();
    }

    private static Epoch epoch(Trainer trainer, TrainingImages train, Normalisation normalisation, Options options,
            Random random, int number, Progress progress) {
        long started = System.nanoTime();
        int n = train.count();
        int batch = options.batchSize();
        int[] order = shuffled(n, random);
        boolean[] flip = new boolean[n];
        if (options.flip()) {
            for (int i = 0; i < n; i++) {
                flip[i] = random.nextBoolean();
            }
        }
        int pixels = train.channels() * train.rows() * train.cols();
        float[] images = new float[batch * pixels];
        float[] labels = new float[batch];
        int[] all = train.labels();
        Shape shape = new Shape(batch, train.channels(), train.rows(), train.cols());
        double lossSum = 0;
        long correct = 0;
        int batches = n / batch;
        for (int b = 0; b < batches; b++) {
            progress.checkCancelled();
            int from = b * batch;
            NormalisedImages.fill(normalisation, train, order, from, batch, flip, images);
            for (int i = 0; i < batch; i++) {
                labels[i] = all[order[from + i]];
            }
            try (NDManager manager = trainer.getManager().newSubManager()) {
                NDArray x = manager.create(images, shape);
                NDArray y = manager.create(labels, new Shape(batch));
                float loss;
                try (GradientCollector collector = trainer.newGradientCollector()) {
                    NDArray logits = trainer.forward(new NDList(x)).singletonOrThrow();
                    NDArray value = trainer.getLoss().evaluate(new NDList(y), new NDList(logits));
                    collector.backward(value);
                    loss = value.getFloat();
                    correct += logits.argMax(1).toType(ai.djl.ndarray.types.DataType.FLOAT32, false).eq(y).sum().getLong();
                }
                if (!Float.isFinite(loss)) {
                    throw new ToposcopeException("training diverged in epoch " + number + ", batch " + (b + 1)
                            + " (loss " + loss + "); try a smaller --learning-rate");
                }
                trainer.step();
                lossSum += loss;
            }
            progress.worked(batch);
        }
        return new Epoch(number, lossSum / batches, correct / (double) (batches * batch), (System.nanoTime() - started) / 1e9);
    }

    private static int[] shuffled(int n, Random random) {
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = random.nextInt(i + 1);
            int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
        return order;
    }

    /** Share of {@code images} whose largest logit is their label, in inference mode. */
    static double accuracy(CifarResNet network, NDManager parent, TrainingImages images, Normalisation normalisation,
            int batch, Progress progress) {
        ParameterStore store = new ParameterStore(parent, false);
        int n = images.count();
        int[] order = IntStream.range(0, n).toArray();
        float[] values = new float[batch * images.channels() * images.rows() * images.cols()];
        long correct = 0;
        for (int from = 0; from < n; from += batch) {
            progress.checkCancelled();
            int count = Math.min(batch, n - from);
            NormalisedImages.fill(normalisation, images, order, from, count, null, values);
            try (NDManager manager = parent.newSubManager()) {
                NDArray x = manager.create(values, new Shape(batch, images.channels(), images.rows(), images.cols()));
                if (count < batch) {
                    x = x.get("0:" + count);
                }
                long[] predicted = network.forward(store, x, false, Capture.NONE).argMax(1).toLongArray();
                for (int i = 0; i < count; i++) {
                    if (predicted[i] == images.label(from + i)) {
                        correct++;
                    }
                }
            }
            progress.worked(count);
        }
        return n == 0 ? Double.NaN : correct / (double) n;
    }

    private static JsonObject record(Options options, String trainName, int trainImages, String testName, Engine engine,
            List<Epoch> epochs, double seconds) {
        JsonObject t = new JsonObject();
        t.addProperty("data", trainName);
        t.addProperty("images", trainImages);
        t.addProperty("testData", testName);
        t.addProperty("epochs", options.epochs());
        t.addProperty("batchSize", options.batchSize());
        t.addProperty("seed", options.seed());
        t.addProperty("optimizer", options.optimizer());
        t.addProperty("learningRate", options.learningRate());
        t.addProperty("schedule", "cosine to 0 over all updates");
        if (options.optimizer().equals("sgd")) {
            t.addProperty("momentum", 0.9);
        }
        t.addProperty("weightDecay", options.weightDecay());
        t.addProperty("augmentation", options.flip() ? "random horizontal flip (p = 0.5)" : "none");
        t.addProperty("initialisation", "He normal (Xavier gaussian, fan in, magnitude 2) for weights");
        JsonArray losses = new JsonArray();
        JsonArray accuracies = new JsonArray();
        for (Epoch e : epochs) {
            losses.add(Math.round(e.loss() * 1e6) / 1e6);
            accuracies.add(Math.round(e.accuracy() * 1e6) / 1e6);
        }
        t.add("epochLoss", losses);
        t.add("epochTrainAccuracy", accuracies);
        t.addProperty("seconds", Math.round(seconds * 10) / 10.0);
        t.addProperty("threads", System.getProperty("ai.djl.pytorch.num_threads", "?"));
        t.addProperty("engine", engine.getEngineName() + " " + engine.getVersion());
        t.addProperty("djl", Engine.getDjlVersion());
        return t;
    }
}
