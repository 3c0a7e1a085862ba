package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toposcope.data.DatasetTesting.fails;
import static org.toposcope.data.DatasetTesting.failsWith;
import static org.toposcope.data.DatasetTesting.open;
import static org.toposcope.data.DatasetTesting.python;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.spi.Dataset;

/** Image arrays written by NumPy (.npy and .npz), compared with NumPy's own float32 conversion. */
class NpyDatasetTest {

    private final NpyDatasetReader npy = new NpyDatasetReader();
    private final NpzDatasetReader npz = new NpzDatasetReader();

    @TempDir
    Path dir;

    /** Writes the arrays and, for each, the float32 values NumPy expects as expected-*.npy (N, C, H, W). */
    @BeforeEach
    void arrays() throws Exception {
        python(dir, """
                rng = np.random.default_rng(11)
                u8 = rng.integers(0, 256, size=(7, 3, 4, 5), dtype=np.uint8)
                labels = rng.integers(0, 4, size=7)
                np.save('rgb-images.npy', u8)
                np.save('rgb-labels.npy', labels)
                np.save('expected-rgb.npy', u8.astype(np.float32) / np.float32(255))
                grey = rng.normal(size=(6, 3, 2)).astype('>f4')
                np.save('grey.npy', grey)
                np.save('labels.npy', np.arange(6, dtype=np.uint8) % 3)
                np.save('expected-grey.npy', grey.astype(np.float32)[:, None])
                hwc = rng.integers(0, 256, size=(5, 4, 3, 3), dtype=np.uint8)
                np.save('hwc.npy', hwc)
                np.save('hwc-labels.npy', np.arange(5, dtype=np.int32))
                np.save('expected-hwc.npy', hwc.transpose(0, 3, 1, 2).astype(np.float32) / np.float32(255))
                np.savez('plain.npz', x=u8, y=labels)
                np.savez_compressed('packed.npz', images=u8, labels=labels.astype(np.int32), other=np.zeros(3))
                np.savez('f64.npz', pictures=rng.random((2, 1, 3, 3)), classes=np.array([1, 0]))
                np.save('bad-dims.npy', np.zeros((4, 5), np.uint8))
                np.save('five-d.npy', np.zeros((2, 1, 2, 2, 2), np.uint8))
                np.save('ints.npy', np.zeros((2, 2, 2), np.int64))
                np.save('fortran.npy', np.asfortranarray(np.zeros((2, 3, 4), np.float32)))
                np.save('float-labels.npy', np.zeros(7))
                np.save('short-labels.npy', np.zeros(6, np.int64))
                np.save('negative-labels.npy', np.array([0, 1, 2, -1, 0, 0, 0]))
                """);
    }

    private float[] expected(String name) {
        double[] d = NpyReader.readArray(dir.resolve(name)).values();
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            f[i] = (float) d[i];
        }
        return f;
    }

    private static int[] labels(Dataset d) {
        return d.read(0, d.size()).labels();
    }

    @Test
    void npyImagesMatchNumpy() {
        assertEquals(List.of("npy"), DatasetTesting.recognisedBy(dir.resolve("rgb-images.npy")));
        try (Dataset d = open(npy, dir.resolve("rgb-images.npy"))) {
            assertArrayEquals(new int[] {3, 4, 5}, d.imageShape());
            assertEquals(7, d.size());
            assertArrayEquals(expected("expected-rgb.npy"), DatasetTesting.all(d, 3));
            assertArrayEquals(NpyReader.readArray(dir.resolve("rgb-labels.npy")).values(),
                    Arrays.stream(labels(d)).asDoubleStream().toArray());
            assertEquals(ClassNames.numbers(Arrays.stream(labels(d)).max().getAsInt() + 1), d.classNames());
        }
        try (Dataset d = open(npy, dir.resolve("grey.npy"))) {
            assertArrayEquals(new int[] {1, 3, 2}, d.imageShape());
            assertArrayEquals(expected("expected-grey.npy"), DatasetTesting.all(d, 4));
            assertArrayEquals(new int[] {0, 1, 2, 0, 1, 2}, labels(d));
        }
        try (Dataset d = open(npy, dir.resolve("hwc.npy"), "layout", "nhwc")) {
            assertArrayEquals(new int[] {3, 4, 3}, d.imageShape());
            assertArrayEquals(expected("expected-hwc.npy"), DatasetTesting.all(d, 2));
        }
        try (Dataset d = open(npy, dir.resolve("grey.npy"), "classes", "cifar-10")) {
            assertEquals(ClassNames.CIFAR_10, d.classNames());
            assertEquals(SuperClassMaps.CIFAR_10_VEHICLES_ANIMALS, d.superClasses().orElseThrow());
        }
    }

    @Test
    void npzStoredAndCompressedMatchNumpy() {
        assertEquals(List.of("npz"), DatasetTesting.recognisedBy(dir.resolve("packed.npz")));
        for (String name : List.of("plain.npz", "packed.npz")) {
            try (Dataset d = open(npz, dir.resolve(name))) {
                assertEquals(name, d.name());
                assertArrayEquals(new int[] {3, 4, 5}, d.imageShape());
                assertArrayEquals(expected("expected-rgb.npy"), DatasetTesting.all(d, 5), name);
                assertArrayEquals(NpyReader.readArray(dir.resolve("rgb-labels.npy")).values(),
                        Arrays.stream(labels(d)).asDoubleStream().toArray(), name);
            }
        }
        try (Dataset d = open(npz, dir.resolve("f64.npz"), "images", "pictures", "labels", "classes")) {
            ImageBatch b = d.read(0, 2);
            assertArrayEquals(new int[] {1, 0}, b.labels());
            for (float v : b.values()) {
                assertTrue(v >= 0 && v < 1);
            }
        }
        fails("f64.npz: no array images or x (it has pictures.npy, classes.npy)", () -> open(npz, dir.resolve("f64.npz")));
    }

    @Test
    void wrongDimensionsTypesAndLabelsAreOneLineErrors() {
        String labels = dir.resolve("rgb-labels.npy").toString();
        fails("bad-dims.npy: images need shape (N, H, W) or (N, C, H, W), this array has (4, 5)",
                () -> open(npy, dir.resolve("bad-dims.npy"), "labels", labels));
        fails("five-d.npy: images need shape (N, H, W) or (N, C, H, W), this array has (2, 1, 2, 2, 2)",
                () -> open(npy, dir.resolve("five-d.npy"), "labels", labels));
        fails("ints.npy: images need dtype uint8 (scaled by 1/255) or float32/float64, this array has <i8",
                () -> open(npy, dir.resolve("ints.npy"), "labels", labels));
        fails("fortran.npy: images in Fortran order are not read; save np.ascontiguousarray(images)",
                () -> open(npy, dir.resolve("fortran.npy"), "labels", labels));
        fails("float-labels.npy: labels need an integer dtype, this array has <f8",
                () -> open(npy, dir.resolve("rgb-images.npy"), "labels", dir.resolve("float-labels.npy").toString()));
        fails("short-labels.npy: labels need shape (7,), one per image; this array has (6,)",
                () -> open(npy, dir.resolve("rgb-images.npy"), "labels", dir.resolve("short-labels.npy").toString()));
        fails("negative-labels.npy: byte 152: label -1 of image 3 is not in 0..65535",
                () -> open(npy, dir.resolve("rgb-images.npy"), "labels", dir.resolve("negative-labels.npy").toString()));
        Path two = dir.resolve("two.csv");
        fails("two.csv: no super-class for class '2'", () -> {
            Files.writeString(two, "0,a\n1,b\n");
            open(npy, dir.resolve("grey.npy"), "super-classes", two.toString());
        });
        fails("ints.npy: no labels file (looked for ints-labels.npy, ints_labels.npy, labels.npy beside it); give it as parameter labels", () -> {
            Files.delete(dir.resolve("labels.npy"));
            open(npy, dir.resolve("ints.npy"));
        });
    }

    @Test
    void truncatedAndCorruptFilesAreOneLineErrors() throws Exception {
        Path images = dir.resolve("rgb-images.npy");
        byte[] good = Files.readAllBytes(images);
        Files.write(images, Arrays.copyOf(good, good.length - 1));
        fails("rgb-images.npy: byte 10: header shape (7, 3, 4, 5) needs 420 bytes but the file has 419 after the header",
                () -> open(npy, images));
        Files.write(images, good);
        DatasetTesting.survivesDamage(npy, images, images, "rgb-images.npy", 12);
        DatasetTesting.survivesDamage(npy, images, dir.resolve("rgb-labels.npy"), "rgb-labels.npy", 13);
        DatasetTesting.survivesDamage(npz, dir.resolve("plain.npz"), dir.resolve("plain.npz"), "plain.npz", 14);
        DatasetTesting.survivesDamage(npz, dir.resolve("packed.npz"), dir.resolve("packed.npz"), "packed.npz", 15);
        byte[] zip = Files.readAllBytes(dir.resolve("plain.npz"));
        Files.write(dir.resolve("plain.npz"), Arrays.copyOf(zip, zip.length / 2));
        failsWith("plain.npz: not a readable .npz (zip) file: ", () -> open(npz, dir.resolve("plain.npz")));
    }
}
