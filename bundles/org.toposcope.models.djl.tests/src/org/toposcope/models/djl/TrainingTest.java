package org.toposcope.models.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.CancelledException;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.data.IdxReader;
import org.toposcope.data.LabelledImages;

/** Short real trainings on the first 512 Fashion-MNIST training images (Debian package dataset-fashion-mnist). */
class TrainingTest {

    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    private static LabelledImages train;
    private static LabelledImages test;

    @TempDir
    Path dir;

    @BeforeAll
    static void read() {
        train = first(IdxReader.readImages(FASHION.resolve("train-images-idx3-ubyte.gz"),
                FASHION.resolve("train-labels-idx1-ubyte.gz")), 512);
        test = first(IdxReader.readImages(FASHION.resolve("t10k-images-idx3-ubyte.gz"),
                FASHION.resolve("t10k-labels-idx1-ubyte.gz")), 300);
    }

    static LabelledImages first(LabelledImages images, int n) {
        int pixels = images.rows() * images.cols();
        return new LabelledImages(n, images.rows(), images.cols(), Arrays.copyOf(images.pixels(), n * pixels),
                Arrays.copyOf(images.labels(), n));
    }

    private static ResNetTraining.Options options(int seed) {
        // ResNet-8 (one block per stage) keeps the test quick; 4 updates of 128 images
        return ResNetTraining.Options.defaults("tiny", 8, 1, seed);
    }

    private ResNetTraining.Result train(String folder, int seed) {
        return ResNetTraining.train(train, "train-512", test, "test-300", options(seed), dir.resolve(folder),
                Progress.none(), null);
    }

    @Test
    void oneEpochWritesACompleteLoadableFolderWhoseRecordedAccuracyTheLoaderReproduces() throws IOException {
        ResNetTraining.Result result = train("model", 7);
        Path folder = dir.resolve("model");
        assertEquals(folder, result.folder());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("model.json", "model.params"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of("model"), files.map(p -> p.getFileName().toString()).toList(), "no temporary folder is left");
        }
        assertEquals(1, result.epochs().size());
        assertTrue(Double.isFinite(result.epochs().get(0).loss()));
        ModelDescription d = DjlModelFolder.readDescription(folder);
        assertEquals(result.description(), d);
        assertEquals(8, d.architecture().depth());
        assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
        assertEquals(300, d.testImages());
        try (DjlLoadedModel model = DjlLoadedModel.open(folder, false)) {
            int correct = 0;
            Map<String, LayerActivations> out = model.forward(NormalisedImages.batch(model.normalisation().orElseThrow(), test, 0, 300));
            int[] predicted = ShippedModelTest.argMax(out.get("fc"));
            for (int i = 0; i < 300; i++) {
                correct += predicted[i] == test.label(i) ? 1 : 0;
            }
            // same network, same inputs, inference mode: the loader must agree with training's evaluation
            assertEquals(d.testAccuracy().orElseThrow(), correct / 300.0, 1.5 / 300);
            assertEquals(List.of("stem", "stage1.block1", "stage2.block1", "stage3.block1", "pool", "fc"),
                    model.layers(new int[] {1, 28, 28}).stream().map(l -> l.name()).toList());
        }
    }

    @Test
    void theSameSeedGivesBitIdenticalParametersAndAnotherSeedDoesNot() throws IOException {
        train("a", 11);
        train("b", 11);
        train("c", 12);
        byte[] a = Files.readAllBytes(dir.resolve("a/model.params"));
        byte[] b = Files.readAllBytes(dir.resolve("b/model.params"));
        byte[] c = Files.readAllBytes(dir.resolve("c/model.params"));
        assertArrayEquals(a, b, "same seed, same process and thread count");
        assertFalse(Arrays.equals(a, c), "another seed");
        assertEquals(a.length, c.length);
    }

    @Test
    void cancellingLeavesNothingBehind() throws IOException {
        Progress cancelAfterOneBatch = new Progress() {
            long done;

            @Override
            public void begin(String task, long totalWork) {
            }

            @Override
            public void worked(long units) {
                done += units;
            }

            @Override
            public boolean isCancelled() {
                return done > 0;
            }
        };
        assertThrows(CancelledException.class, () -> ResNetTraining.train(train, "t", test, "t", options(1),
                dir.resolve("cancelled"), cancelAfterOneBatch, null));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void aNonEmptyOutputFolderIsRefusedBeforeTraining() throws IOException {
        Path out = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(out.resolve("notes.txt"), "mine");
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> train("taken", 1));
        assertEquals(out.toAbsolutePath() + ": already exists and is not empty; remove it or choose another folder", e.getMessage());
        assertEquals("mine", Files.readString(out.resolve("notes.txt")));
    }

    @Test
    void badOptionsAreOneLineErrors() {
        assertEquals("depth 9 is not 6n+2 for 3 stages (e.g. 20)", assertThrows(ToposcopeException.class,
                () -> CifarResNet.Architecture.standard(9, 1, 10)).getMessage());
        assertThrows(ToposcopeException.class, () -> new ResNetTraining.Options("x", 20, 0, 128, 0, "sgd", 0.1, 0, true, null));
        assertThrows(ToposcopeException.class, () -> new ResNetTraining.Options("x", 20, 1, 128, 0, "rmsprop", 0.1, 0, true, null));
        ToposcopeException few = assertThrows(ToposcopeException.class, () -> ResNetTraining.train(first(train, 100), "small",
                test, "t", options(1), dir.resolve("m"), Progress.none(), null));
        assertEquals("small: 100 images are fewer than one batch of 128", few.getMessage());
    }
}
