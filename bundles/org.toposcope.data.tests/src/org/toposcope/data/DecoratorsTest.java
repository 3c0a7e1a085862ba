package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.toposcope.data.DatasetTesting.fails;
import static org.toposcope.data.DatasetTesting.open;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Progress;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.spi.Dataset;

/** Per-channel normalisation and input noise, on a CIFAR-10 batch written here. */
class DecoratorsTest {

    private static final int N = 40;
    private static final int IMAGE = 3072;

    @TempDir
    Path dir;

    private byte[] file;
    private Dataset data;

    @BeforeEach
    void cifar() throws Exception {
        file = new byte[N * (1 + IMAGE)];
        new Random(21).nextBytes(file);
        for (int r = 0; r < N; r++) {
            file[r * (1 + IMAGE)] = (byte) (r % 10);
        }
        Path f = Files.write(dir.resolve("test_batch.bin"), file);
        data = open(new CifarBinaryReader(), f);
    }

    private int pixel(int image, int index) {
        return file[image * (1 + IMAGE) + 1 + index] & 0xff;
    }

    @Test
    void normalisationSubtractsTheChannelMeanAndDividesByItsStd() {
        double[] mean = {0.1, 0.5, 0.9};
        double[] std = {0.25, 0.5, 2};
        Dataset n = Datasets.normalised(data, mean, std);
        float[] v = DatasetTesting.all(n, 7);
        for (int i = 0; i < N; i++) {
            for (int p = 0; p < IMAGE; p++) {
                int c = p / 1024;
                assertEquals((pixel(i, p) / 255.0 - mean[c]) / std[c], v[i * IMAGE + p], 1e-6, "image " + i + " value " + p);
            }
        }
        assertArrayEquals(data.read(0, N).labels(), n.read(0, N).labels());
        assertEquals(data.classNames(), n.classNames());
        assertEquals(data.superClasses(), n.superClasses());

        // after normalising with the data set's own statistics each channel has mean 0 and std 1
        Normalisation own = Normalisation.measure(data, 16, Progress.none());
        Normalisation after = Normalisation.measure(Datasets.normalised(data, own), 9, Progress.none());
        for (int c = 0; c < 3; c++) {
            assertEquals(0, after.mean()[c], 1e-6);
            assertEquals(1, after.std()[c], 1e-5);
        }
        // a preset with one channel applies to all three
        float[] one = Datasets.normalised(data, new double[] {0.5}, new double[] {0.5}).read(3, 1).values();
        assertEquals(pixel(3, 2500) / 255.0 * 2 - 1, one[2500], 1e-6);
        assertArrayEquals(new double[] {0.4914, 0.4822, 0.4465}, Normalisation.preset("cifar-10").mean());
        fails("test_batch.bin: normalisation 'fashion-mnist' has 2 channels, the images 3",
                () -> Datasets.normalised(data, new Normalisation("fashion-mnist", new double[] {0.1, 0.2}, new double[] {1, 1})));
        fails("x: channel 1 has mean 0.0 and std 0.0; the std must be positive and both finite",
                () -> new Normalisation("x", new double[] {0, 0}, new double[] {1, 0}));
        fails("normalisation 'coco' is not one of cifar-10, fashion-mnist, imagenet, mnist", () -> Normalisation.preset("coco"));
    }

    @Test
    void noiseIsGaussianAndTheSameWhateverTheBatchSize() {
        Dataset normalised = Datasets.normalised(data, Normalisation.CIFAR_10);
        Dataset noisy = Datasets.withNoise(normalised, 0.3, 1234);
        float[] whole = DatasetTesting.all(noisy, N);
        for (int batch : new int[] {1, 3, 7, 16}) {
            assertArrayEquals(whole, DatasetTesting.all(noisy, batch), "batch size " + batch);
        }
        assertArrayEquals(Arrays.copyOfRange(whole, 17 * IMAGE, 18 * IMAGE), noisy.read(17, 1).values());
        float[] clean = DatasetTesting.all(normalised, N);
        double sum = 0;
        double squares = 0;
        int[] within = new int[3];
        int tail = 0;
        for (int k = 0; k < whole.length; k++) {
            double e = whole[k] - clean[k];
            sum += e;
            squares += e * e;
            double z = Math.abs(e / 0.3);
            for (int j = 0; j < 3; j++) {
                within[j] += z < j + 1 ? 1 : 0;
            }
            tail += z > 3.5 ? 1 : 0;
        }
        int count = whole.length;
        double mean = sum / count;
        double std = Math.sqrt(squares / count - mean * mean);
        // 122880 samples: the sample mean's std is 0.3 / 350, the sample std's about 0.3 / 500
        assertEquals(0, mean, 0.004);
        assertEquals(0.3, std, 0.003);
        // the normal distribution's mass within 1, 2 and 3 sigma, and beyond 3.5 (the ziggurat's tail path), at 4+ standard errors
        assertEquals(0.682689, within[0] / (double) count, 0.006);
        assertEquals(0.954500, within[1] / (double) count, 0.003);
        assertEquals(0.997300, within[2] / (double) count, 0.0007);
        assertEquals(0.000465 * count, tail, 32);
        assertFalse(Arrays.equals(whole, DatasetTesting.all(Datasets.withNoise(normalised, 0.3, 1235), N)));
        assertArrayEquals(clean, DatasetTesting.all(Datasets.withNoise(normalised, 0, 1234), N));
        // two images never share their noise
        float[] a = Arrays.copyOfRange(whole, 0, 100);
        float[] b = Arrays.copyOfRange(whole, IMAGE, IMAGE + 100);
        for (int k = 0; k < 100; k++) {
            a[k] -= clean[k];
            b[k] -= clean[IMAGE + k];
        }
        assertFalse(Arrays.equals(a, b));
        fails("test_batch.bin: noise sigma NaN is not a finite number >= 0", () -> Datasets.withNoise(data, Double.NaN, 1));
    }

    @Test
    void openFindsTheReaderByNameAndContent() throws Exception {
        try (Dataset d = Datasets.open(dir.resolve("test_batch.bin"), Map.of())) {
            assertEquals(N, d.size());
        }
        Path txt = Files.writeString(dir.resolve("x.txt"), "1 2 3");
        fails("x.txt: not a data set any reader recognises (IDX, CIFAR binary, .npy, .npz, or a folder of class folders of images)",
                () -> Datasets.open(txt, Map.of()));
        fails("nothing.bin: no such file or folder", () -> Datasets.open(dir.resolve("nothing.bin"), Map.of()));
        fails("cifar-binary: unknown parameter 'labels' (known: variant, split, label, super-classes)",
                () -> Datasets.open(dir.resolve("test_batch.bin"), Map.of("labels", "x")));
    }
}
