package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toposcope.data.DatasetTesting.failsWith;
import static org.toposcope.data.DatasetTesting.open;
import static org.toposcope.data.DatasetTesting.python;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Progress;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;

/** The `idx` reader on the real Fashion-MNIST (Debian's dataset-fashion-mnist), checked against NumPy. */
class IdxDatasetTest {

    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");
    private static final Path TRAIN = FASHION.resolve("train-images-idx3-ubyte.gz");
    private static final Path TEST = FASHION.resolve("t10k-images-idx3-ubyte.gz");

    private final IdxDatasetReader reader = new IdxDatasetReader();

    @TempDir
    Path dir;

    @BeforeAll
    static void fashionMnistIsInstalled() {
        assertTrue(Files.isReadable(TRAIN), TRAIN + " is missing: install the Debian package dataset-fashion-mnist");
    }

    @Test
    void registryHasEveryReaderById() {
        for (String id : List.of("idx", "cifar-binary", "image-folder", "npy", "npz")) {
            DatasetReader r = Registry.current().get(DatasetReader.class, id);
            assertEquals(id, r.id());
            assertEquals(r.getClass(), Datasets.readers().stream().filter(x -> x.id().equals(id)).findFirst().get().getClass());
        }
    }

    @Test
    void trainingSetMatchesNumpyWithNamesAndSuperClasses() throws Exception {
        assertEquals(List.of("idx"), DatasetTesting.recognisedBy(TRAIN));
        assertFalse(reader.canRead(FASHION.resolve("train-labels-idx1-ubyte.gz")));
        try (Dataset d = open(reader, TRAIN)) {
            assertEquals("train-images-idx3-ubyte.gz", d.name());
            assertEquals(60000, d.size());
            assertArrayEquals(new int[] {1, 28, 28}, d.imageShape());
            assertEquals(List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag",
                    "Ankle boot"), d.classNames());
            SuperClasses s = d.superClasses().orElseThrow();
            assertEquals(List.of("tops", "bottoms", "footwear", "bags"), s.names());

            // NumPy: labels and a digest of the float32 pixels x / 255 of a few images, and the mean and std of all
            int[] picks = {0, 1, 777, 12345, 59999};
            String expected = python(dir, """
                    import gzip, hashlib, sys
                    x = np.frombuffer(gzip.open(sys.argv[1]).read()[16:], np.uint8).reshape(-1, 28, 28)
                    y = np.frombuffer(gzip.open(sys.argv[2]).read()[8:], np.uint8)
                    for i in map(int, sys.argv[3:]):
                        f = x[i].astype(np.float32) / np.float32(255)
                        print(y[i], hashlib.sha256(f.astype('<f4').tobytes()).hexdigest())
                    h = np.bincount(x.ravel(), minlength=256).astype(np.float64)
                    v = np.arange(256) / 255
                    mean = (h * v).sum() / h.sum()
                    print(repr(mean), repr(np.sqrt((h * (v - mean) ** 2).sum() / h.sum())))
                    """, TRAIN.toString(), FASHION.resolve("train-labels-idx1-ubyte.gz").toString(), "0", "1", "777", "12345",
                    "59999");
            String[] lines = expected.split("\n");
            for (int k = 0; k < picks.length; k++) {
                ImageBatch b = d.read(picks[k], 1);
                assertEquals(lines[k], b.labels()[0] + " " + DatasetTesting.sha256(b.values()), "image " + picks[k]);
            }
            Normalisation measured = Normalisation.measure(d, 8192, Progress.none());
            String[] stats = lines[picks.length].split(" ");
            assertEquals(Double.parseDouble(stats[0]), measured.mean()[0], 1e-7);
            assertEquals(Double.parseDouble(stats[1]), measured.std()[0], 1e-7);
            // the preset is this training set's statistics to four places
            assertEquals(measured.mean()[0], Normalisation.FASHION_MNIST.mean()[0], 5e-5);
            assertEquals(measured.std()[0], Normalisation.FASHION_MNIST.std()[0], 5e-5);
        }
    }

    @Test
    void batchesAgreeWhateverTheirSizeAndClipAtTheEnd() {
        try (Dataset d = open(reader, TEST)) {
            ImageBatch whole = d.read(100, 50);
            ImageBatch a = d.read(100, 20);
            ImageBatch b = d.read(120, 30);
            float[] joined = Arrays.copyOf(a.values(), 50 * 784);
            System.arraycopy(b.values(), 0, joined, 20 * 784, 30 * 784);
            assertArrayEquals(whole.values(), joined);
            assertArrayEquals(Arrays.copyOfRange(whole.labels(), 20, 50), b.labels());
            assertEquals(10, d.read(9990, 100).size());
            assertEquals(0, d.read(10000, 5).size());
            failsWith("t10k-images-idx3-ubyte.gz: cannot read 5 images from image 10001 of 10000", () -> d.read(10001, 5));
            failsWith("t10k-images-idx3-ubyte.gz: cannot read -1 images", () -> d.read(0, -1));
        }
    }

    @Test
    void superClassesGroupTheTestSetAsDocumented() {
        try (Dataset d = open(reader, TEST)) {
            SuperClasses s = d.superClasses().orElseThrow();
            int[] perGroup = new int[4];
            for (int label : d.read(0, d.size()).labels()) {
                perGroup[s.superClassOf(label)]++;
            }
            // 1000 images per class: tops are T-shirt/top, Pullover, Dress, Coat, Shirt; footwear three classes
            assertArrayEquals(new int[] {5000, 1000, 3000, 1000}, perGroup);
            assertEquals("tops", s.names().get(s.superClassOf(d.classNames().indexOf("Dress"))));
            assertEquals("bags", s.names().get(s.superClassOf(d.classNames().indexOf("Bag"))));
        }
    }

    @Test
    void classNamesAndSuperClassesFromParameters() throws IOException {
        try (Dataset d = open(reader, TEST, "classes", "mnist")) {
            assertEquals(List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), d.classNames());
            assertTrue(d.superClasses().isEmpty());
        }
        try (Dataset d = open(reader, TEST, "super-classes", "none")) {
            assertTrue(d.superClasses().isEmpty());
        }
        Path csv = Files.writeString(dir.resolve("upper-lower.csv"), """
                class,superclass
                # where each is worn
                T-shirt/top,upper
                Trouser,lower
                Pullover,upper
                Dress,upper
                Coat,upper
                Sandal,feet
                Shirt,upper
                Sneaker,feet
                "Bag",carried
                Ankle boot,feet
                """);
        try (Dataset d = open(reader, TEST, "super-classes", csv.toString())) {
            SuperClasses s = d.superClasses().orElseThrow();
            assertEquals("upper-lower", s.name());
            assertEquals(List.of("upper", "lower", "feet", "carried"), s.names());
            assertArrayEquals(new int[] {0, 1, 0, 0, 0, 2, 0, 2, 3, 2}, s.ofClass());
        }
        Path json = Files.writeString(dir.resolve("g.json"), """
                {"clothes": ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Shirt"],
                 "shoes": ["Sandal", "Sneaker", "Ankle boot"], "Bag": "other"}
                """);
        try (Dataset d = open(reader, TEST, "super-classes", json.toString())) {
            assertArrayEquals(new int[] {0, 0, 0, 0, 0, 1, 0, 1, 2, 1}, d.superClasses().orElseThrow().ofClass());
            assertEquals(List.of("clothes", "shoes", "other"), d.superClasses().orElseThrow().names());
        }
    }

    @Test
    void badSuperClassFilesAreOneLineErrors() throws IOException {
        Files.write(dir.resolve("tiny-images-idx3-ubyte"), idx(8, new int[] {2, 3, 3}, new byte[18]));
        Files.write(dir.resolve("tiny-labels-idx1-ubyte"), idx(8, new int[] {2}, new byte[] {9, 4}));
        Path tiny = dir.resolve("tiny-images-idx3-ubyte");
        String all = String.join("\n", ClassNames.FASHION_MNIST.stream().map(c -> c + ",x").toList());
        Map<String, String> cases = Map.of(
                "Shoe,feet\n", "a.csv:1: 'Shoe' is not a class of the data set (T-shirt/top, Trouser, Pullover, Dress,",
                "Trouser,lower\nTrouser,upper\n", "a.csv:2: class 'Trouser' is mapped a second time",
                "Trouser\n", "a.csv:1: expected class,superclass",
                "Trouser,lower\n", "a.csv: no super-class for class 'T-shirt/top'",
                all.replace("Bag,x", "Bag,"), "a.csv:9: empty super-class for class 'Bag'",
                "{\"Trouser\": 3}", "a.csv: JSON key 'Trouser': expected a string, found number",
                "{\"Trouser\": \"a\"", "a.csv: not a JSON object of class names");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Path f = Files.writeString(dir.resolve("a.csv"), c.getKey());
            failsWith(c.getValue(), () -> open(reader, tiny, "classes", "fashion-mnist", "super-classes", f.toString()));
        }
        String missing = dir.resolve("missing.csv").toString();
        failsWith("missing.csv: no such file", () -> open(reader, tiny, "classes", "fashion-mnist", "super-classes", missing));
    }

    private static byte[] idx(int type, int[] dims, byte[] data) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + data.length);
        b.put((byte) 0).put((byte) 0).put((byte) type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.put(data).array();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream z = new GZIPOutputStream(out)) {
            z.write(content);
        }
        return out.toByteArray();
    }

    @Test
    void labelsAreFoundByNameOrGivenAndChecked() throws Exception {
        byte[] pixels = new byte[3 * 4 * 5];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = (byte) (i * 7);
        }
        Files.write(dir.resolve("x-images.idx3"), idx(8, new int[] {3, 4, 5}, pixels));
        Files.write(dir.resolve("x-labels.idx1.gz"), gzip(idx(8, new int[] {3}, new byte[] {2, 0, 1})));
        try (Dataset d = open(reader, dir.resolve("x-images.idx3"))) {
            assertArrayEquals(new int[] {1, 4, 5}, d.imageShape());
            ImageBatch b = d.read(0, 3);
            assertArrayEquals(new int[] {2, 0, 1}, b.labels());
            assertEquals((7 * 59 & 0xff) / 255f, b.values()[59]);
            assertEquals(ClassNames.MNIST, d.classNames());
        }
        Files.write(dir.resolve("other.idx1"), idx(8, new int[] {3}, new byte[] {9, 10, 1}));
        failsWith("other.idx1: label 10 of image 1 is not in 0..9", () -> open(reader, dir.resolve("x-images.idx3"), "labels",
                dir.resolve("other.idx1").toString(), "classes", "mnist"));
        for (String classes : new String[] {"auto", "numbers"}) {
            // labels beyond 9 are not digits: the classes are numbered as far as the labels go
            try (Dataset d = open(reader, dir.resolve("x-images.idx3"), "labels", dir.resolve("other.idx1").toString(),
                    "classes", classes)) {
                assertEquals(ClassNames.numbers(11), d.classNames());
            }
        }
        Files.write(dir.resolve("short.idx1"), idx(8, new int[] {2}, new byte[] {1, 1}));
        failsWith("short.idx1: 2 labels for the 3 images of x-images.idx3",
                () -> open(reader, dir.resolve("x-images.idx3"), "labels", dir.resolve("short.idx1").toString()));
        Files.write(dir.resolve("lonely-images-idx3-ubyte"), idx(8, new int[] {1, 2, 2}, new byte[4]));
        failsWith("lonely-images-idx3-ubyte: no labels file (looked for lonely-labels-idx1-ubyte and lonely-labels-idx1-ubyte.gz); "
                + "give it as parameter labels", () -> open(reader, dir.resolve("lonely-images-idx3-ubyte")));
        Files.write(dir.resolve("flat-images.idx3"), idx(8, new int[] {12}, new byte[12]));
        Files.write(dir.resolve("flat-labels.idx3"), idx(8, new int[] {12}, new byte[12]));
        failsWith("flat-images.idx3: images need ubyte of rank 3 (count, rows, cols), this file has shape (12,) of ubyte",
                () -> open(reader, dir.resolve("flat-images.idx3"), "labels", dir.resolve("flat-labels.idx3").toString()));
        DatasetTesting.survivesDamage(reader, dir.resolve("x-images.idx3"), dir.resolve("x-images.idx3"), "x-images.idx3", 1);
        DatasetTesting.survivesDamage(reader, dir.resolve("x-images.idx3"), dir.resolve("x-labels.idx1.gz"), "x-labels.idx1.gz", 2);
    }
}
