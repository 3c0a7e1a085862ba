package org.toposcope.models.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.spi.Dataset;
import org.toposcope.data.Datasets;
import org.toposcope.data.IdxReader;
import org.toposcope.data.LabelledImages;
import org.toposcope.samples.Samples;

/** Training on C-channel data sets read through the Dataset SPI, and the IDX path's arithmetic kept exactly. */
class CifarTrainingTest {

    @TempDir
    Path dir;

    /**
     * CIFAR-10 binary layout (label byte, then 3 x 32 x 32 channel planes) of 3 learnable classes: the channel
     * numbered by the label is bright (150..255), the others dark (0..100), every pixel drawn at random.
     */
    static void writeCifar(Path file, int images, long seed) throws IOException {
        Random random = new Random(seed);
        byte[] bytes = new byte[images * 3073];
        int o = 0;
        for (int i = 0; i < images; i++) {
            int label = random.nextInt(3);
            bytes[o++] = (byte) label;
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    bytes[o++] = (byte) (c == label ? 150 + random.nextInt(106) : random.nextInt(101));
                }
            }
        }
        Files.write(file, bytes);
    }

    static TrainingImages open(Path path, Integer limit) {
        try (Dataset d = Datasets.open(path, Map.of())) {
            return TrainingImages.read(d, limit, Progress.none());
        }
    }

    @Test
    void oneEpochOnAThreeChannelCifarFileLearnsAboveChanceAndRecordsPerChannelStatistics() throws IOException {
        Files.createDirectories(dir.resolve("train"));
        Files.createDirectories(dir.resolve("test"));
        writeCifar(dir.resolve("train/data_batch_1.bin"), 256, 1);
        writeCifar(dir.resolve("test/test_batch.bin"), 90, 2);
        TrainingImages train = open(dir.resolve("train/data_batch_1.bin"), null);
        TrainingImages test = open(dir.resolve("test/test_batch.bin"), null);
        assertEquals(3, train.channels());
        ResNetTraining.Options options = ResNetTraining.Options.defaults("colours", 8, 1, 5).withBatchSize(32)
                .withClassNames(List.of("red", "green", "blue"));
        ResNetTraining.Result result = ResNetTraining.train(train, test, options, dir.resolve("model"), Progress.none(), null);
        ModelDescription d = DjlModelFolder.readDescription(dir.resolve("model"));
        assertEquals(result.description(), d);
        assertEquals(3, d.architecture().channels());
        assertEquals(List.of("red", "green", "blue"), d.classNames());
        // each channel is bright in about a third of the images: mean about (1/3 * 202.5 + 2/3 * 50) / 255
        Normalisation n = d.normalisation();
        assertEquals(3, n.mean().length);
        assertEquals(3, n.std().length);
        for (int c = 0; c < 3; c++) {
            assertEquals((202.5 / 3 + 100.0 / 3) / 255, n.mean()[c], 0.05);
            assertTrue(n.std()[c] > 0.2 && n.std()[c] < 0.45, "std " + n.std()[c]);
        }
        assertNotEquals(n.mean()[0], n.mean()[1]);
        double accuracy = d.testAccuracy().orElseThrow();
        assertTrue(accuracy > 0.6, "test accuracy " + accuracy + " of 3 classes after one epoch");
    }

    @Test
    void classNamesComeFromTheDataSetWhenNotGiven() throws IOException {
        Files.createDirectories(dir.resolve("cifar"));
        writeCifar(dir.resolve("cifar/data_batch_1.bin"), 64, 3);
        Files.writeString(dir.resolve("cifar/batches.meta.txt"), String.join("\n", List.of("airplane", "automobile",
                "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck")) + "\n");
        TrainingImages images = open(dir.resolve("cifar"), null);
        ResNetTraining.Options options = ResNetTraining.Options.defaults("named", 8, 1, 5).withBatchSize(32);
        // labels 0..2 only, so the data set's ten names do not fit three classes: numbers then
        ResNetTraining.train(images, images, options, dir.resolve("three"), Progress.none(), null);
        assertEquals(List.of("0", "1", "2"), DjlModelFolder.readDescription(dir.resolve("three")).classNames());
        TrainingImages ten = new TrainingImages(images.name(), images.count(), 3, 32, 32, images.pixels(),
                Arrays.stream(images.labels()).map(l -> l == 0 ? 9 : l).toArray(), images.classNames());
        ResNetTraining.train(ten, ten, options, dir.resolve("ten"), Progress.none(), null);
        assertEquals(images.classNames(), DjlModelFolder.readDescription(dir.resolve("ten")).classNames());
        assertEquals("truck", images.classNames().get(9));
    }

    @Test
    void fashionMnistThroughTheDatasetSpiNormalisesBitForBitAsTheIdxPath() {
        Path images = TrainingTest.FASHION.resolve("train-images-idx3-ubyte.gz");
        LabelledImages idx = TrainingTest.first(IdxReader.readImages(images, TrainingTest.FASHION.resolve("train-labels-idx1-ubyte.gz")), 3000);
        TrainingImages spi = open(images, 3000);
        assertEquals(1, spi.channels());
        assertArrayEquals(idx.pixels(), spi.pixels());
        assertArrayEquals(idx.labels(), spi.labels());
        Normalisation old = NormalisedImages.measure(idx, "f");
        Normalisation now = NormalisedImages.measure(spi, "f");
        assertEquals(old, now);
        assertEquals(Double.doubleToLongBits(old.mean()[0]), Double.doubleToLongBits(now.mean()[0]));
        assertEquals(Double.doubleToLongBits(old.std()[0]), Double.doubleToLongBits(now.std()[0]));
        Random random = new Random(9);
        int[] order = new int[3000];
        boolean[] flip = new boolean[3000];
        for (int i = 0; i < order.length; i++) {
            order[i] = random.nextInt(3000);
            flip[i] = random.nextBoolean();
        }
        float[] a = new float[128 * 784];
        float[] b = new float[128 * 784];
        for (int from = 0; from + 128 <= 3000; from += 128) {
            NormalisedImages.fill(old, idx, order, from, 128, flip, a);
            Arrays.fill(b, Float.NaN);
            NormalisedImages.fill(now, spi, order, from, 128, flip, b);
            for (int k = 0; k < a.length; k++) {
                if (Float.floatToRawIntBits(a[k]) != Float.floatToRawIntBits(b[k])) {
                    throw new AssertionError("batch at " + from + ", value " + k + ": " + a[k] + " != " + b[k]);
                }
            }
        }
    }

    @Test
    void theShippedModelsRecordedStatisticsAreThoseOfFashionMnistReadThroughTheDatasetSpi() {
        // the shipped model was trained by the IDX-only version on all 60000 training images
        Normalisation recorded = DjlModelFolder.readDescription(Samples.fashionModel()).normalisation();
        TrainingImages all = open(TrainingTest.FASHION.resolve("train-images-idx3-ubyte.gz"), null);
        assertEquals(60000, all.count());
        Normalisation measured = NormalisedImages.measure(all, "x");
        assertEquals(Double.doubleToLongBits(recorded.mean()[0]), Double.doubleToLongBits(measured.mean()[0]));
        assertEquals(Double.doubleToLongBits(recorded.std()[0]), Double.doubleToLongBits(measured.std()[0]));
    }

    @Test
    void valuesThatAreNotEightBitPixelsAreRefusedInOneLine() throws IOException {
        Files.createDirectories(dir.resolve("c"));
        writeCifar(dir.resolve("c/data_batch_1.bin"), 8, 6);
        try (Dataset d = Datasets.open(dir.resolve("c/data_batch_1.bin"), Map.of());
                Dataset noisy = Datasets.withNoise(d, 0.01, 1)) {
            ToposcopeException e = assertThrows(ToposcopeException.class, () -> TrainingImages.read(noisy, null, Progress.none()));
            assertTrue(e.getMessage().startsWith("data_batch_1.bin: image 0 has value "), e.getMessage());
            assertTrue(e.getMessage().endsWith(", not an 8-bit pixel; training reads 8-bit images only"), e.getMessage());
            assertEquals(8, TrainingImages.read(d, null, Progress.none()).count());
        }
    }
}
