package org.toposcope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toposcope train} on real Fashion-MNIST (Debian package dataset-fashion-mnist), kept small. */
class TrainCommandTest {

    static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    @Test
    void trainsWritesTheFolderAndPrintsTheAccuracy() throws IOException {
        Path out = dir.resolve("tiny");
        CliRun r = CliRun.of("train", "--data", FASHION.resolve("train-images-idx3-ubyte.gz").toString(),
                "--test-data", FASHION.resolve("t10k-images-idx3-ubyte.gz").toString(), "--limit", "256",
                "--test-limit", "100", "--epochs", "1", "--depth", "8", "--batch", "64", "--seed", "3",
                "--class-names", "a,b,c,d,e,f,g,h,i,j", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("test accuracy 0."), r.out());
        assertTrue(r.out().contains("on 100 images; ResNet-8 trained in"), r.out());
        assertTrue(r.err().startsWith("epoch 1/1: loss "), r.err());
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of("model.json", "model.params"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        String json = Files.readString(out.resolve("model.json"));
        assertTrue(json.contains("\"name\": \"tiny\""), json);
        assertTrue(json.contains("\"data\": \"train-images-idx3-ubyte.gz\""), json);
        assertTrue(json.contains("\"images\": 256"), json);
        assertTrue(json.contains("\"j\""), json);
    }

    @Test
    void badCommandLinesAreOneLineErrors() throws IOException {
        Path taken = Files.createDirectories(dir.resolve("taken"));
        Files.writeString(taken.resolve("x"), "x");
        CliRun r = CliRun.of("train", "--data", FASHION.resolve("train-images-idx3-ubyte.gz").toString(),
                "--test-data", FASHION.resolve("t10k-images-idx3-ubyte.gz").toString(), "--out", taken.toString());
        assertEquals(1, r.code());
        assertEquals("toposcope: " + taken.toAbsolutePath() + ": already exists and is not empty; remove it or choose another folder\n",
                r.err());

        Path odd = Files.copy(FASHION.resolve("t10k-images-idx3-ubyte.gz"), dir.resolve("pictures.gz"));
        CliRun guess = CliRun.of("train", "--data", odd.toString(), "--test-data", odd.toString(), "--out",
                dir.resolve("m").toString());
        assertEquals(1, guess.code());
        assertEquals("toposcope: " + odd + ": cannot guess its labels file (tried pictures.gz); give --labels\n", guess.err());

        CliRun depth = CliRun.of("train", "--data", FASHION.resolve("train-images-idx3-ubyte.gz").toString(),
                "--test-data", FASHION.resolve("t10k-images-idx3-ubyte.gz").toString(), "--limit", "256", "--depth", "10",
                "--out", dir.resolve("m").toString());
        assertEquals(1, depth.code());
        assertEquals("toposcope: depth 10 is not 6n+2 for 3 stages (e.g. 20)\n", depth.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }

    // CIFAR-10 binary records of 3 learnable classes: the channel numbered by the label is bright
    private static void writeCifar(Path file, int images, long seed) throws IOException {
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
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    @Test
    void trainsOnCifarBinaryFilesWithThreeChannels() throws IOException {
        Path train = dir.resolve("cifar/data_batch_1.bin");
        Path test = dir.resolve("cifar/test_batch.bin");
        writeCifar(train, 192, 1);
        writeCifar(test, 60, 2);
        Path out = dir.resolve("colours");
        CliRun r = CliRun.of("train", "--data", train.toString(), "--test-data", test.toString(), "--epochs", "1",
                "--depth", "8", "--batch", "32", "--seed", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("test accuracy "), r.out());
        assertTrue(r.out().contains("on 60 images; ResNet-8 trained in"), r.out());
        double accuracy = Double.parseDouble(r.out().substring("test accuracy ".length(), r.out().indexOf(" on ")));
        assertTrue(accuracy > 0.6, "3 classes: " + r.out());
        String json = Files.readString(out.resolve("model.json"));
        assertTrue(json.contains("\"data\": \"data_batch_1.bin\""), json);
        assertTrue(json.contains("\"images\": 192"), json);
        assertTrue(json.contains("\"channels\": 3"), json);

        CliRun labels = CliRun.of("train", "--data", train.toString(), "--labels", test.toString(), "--test-data",
                test.toString(), "--out", dir.resolve("m").toString());
        assertEquals(1, labels.code());
        assertEquals("toposcope: " + train + ": --labels applies to IDX images; this is read by 'cifar-binary', which finds its own labels\n",
                labels.err());
        assertFalse(Files.exists(dir.resolve("m")));
    }
}
