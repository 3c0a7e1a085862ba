package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toposcope.data.DatasetTesting.fails;
import static org.toposcope.data.DatasetTesting.failsWith;
import static org.toposcope.data.DatasetTesting.open;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.core.spi.Dataset;

/** CIFAR-10 and CIFAR-100 binary batches written here, read back record by record. */
class CifarBinaryTest {

    private static final int PIXELS = 3072;

    private final CifarBinaryReader reader = new CifarBinaryReader();

    @TempDir
    Path dir;

    /** Records with the given label bytes each, random pixels. */
    private static byte[] records(Random random, int[][] labelBytes) {
        int labels = labelBytes[0].length;
        byte[] out = new byte[labelBytes.length * (labels + PIXELS)];
        random.nextBytes(out);
        for (int r = 0; r < labelBytes.length; r++) {
            for (int l = 0; l < labels; l++) {
                out[r * (labels + PIXELS) + l] = (byte) labelBytes[r][l];
            }
        }
        return out;
    }

    /** Checks image i of the data set against record r of {@code file}: each pixel byte / 255 in CHW order. */
    private static void sameRecords(Dataset d, int firstImage, byte[] file, int labelBytes, int[] expectedLabels) {
        int record = labelBytes + PIXELS;
        int n = file.length / record;
        ImageBatch b = d.read(firstImage, n);
        assertEquals(n, b.size());
        assertArrayEquals(new int[] {n, 3, 32, 32}, b.shape());
        float[] v = b.values();
        for (int r = 0; r < n; r++) {
            assertEquals(expectedLabels[r], b.labels()[r], "label of record " + r);
            for (int p = 0; p < PIXELS; p++) {
                assertEquals((file[r * record + labelBytes + p] & 0xff) / 255f, v[r * PIXELS + p], "record " + r + " pixel " + p);
            }
        }
    }

    @Test
    void cifar10FolderReadsTheTrainingBatchesInOrder() throws IOException {
        Random random = new Random(10);
        Path folder = Files.createDirectory(dir.resolve("cifar-10-batches-bin"));
        int[] sizes = {3, 5, 2};
        String[] names = {"data_batch_1.bin", "data_batch_2.bin", "data_batch_10.bin"};
        List<byte[]> files = new ArrayList<>();
        List<int[]> labels = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            int[][] l = new int[sizes[f]][1];
            int[] flat = new int[sizes[f]];
            for (int r = 0; r < sizes[f]; r++) {
                l[r][0] = flat[r] = random.nextInt(10);
            }
            files.add(records(random, l));
            labels.add(flat);
            Files.write(folder.resolve(names[f]), files.get(f));
        }
        byte[] test = records(random, new int[][] {{9}, {0}});
        Files.write(folder.resolve("test_batch.bin"), test);
        Files.writeString(folder.resolve("readme.html"), "<html></html>");

        assertEquals(List.of("cifar-binary"), DatasetTesting.recognisedBy(folder));
        assertEquals(List.of("cifar-binary"), DatasetTesting.recognisedBy(folder.resolve("test_batch.bin")));
        assertFalse(reader.canRead(folder.resolve("readme.html")));
        try (Dataset d = open(reader, folder)) {
            assertEquals("cifar-10-batches-bin/train", d.name());
            assertEquals(10, d.size());
            assertArrayEquals(new int[] {3, 32, 32}, d.imageShape());
            assertEquals(ClassNames.CIFAR_10, d.classNames());
            assertEquals(SuperClassMaps.CIFAR_10_VEHICLES_ANIMALS, d.superClasses().orElseThrow());
            // data_batch_10 comes after data_batch_2: batches are ordered by number, not by name
            sameRecords(d, 0, files.get(0), 1, labels.get(0));
            sameRecords(d, 3, files.get(1), 1, labels.get(1));
            sameRecords(d, 8, files.get(2), 1, labels.get(2));
            // a batch across two files
            ImageBatch across = d.read(2, 2);
            assertArrayEquals(new int[] {labels.get(0)[2], labels.get(1)[0]}, across.labels());
            assertArrayEquals(Arrays.copyOfRange(d.read(0, 10).values(), 2 * PIXELS, 4 * PIXELS), across.values());
        }
        try (Dataset d = open(reader, folder, "split", "test")) {
            sameRecords(d, 0, test, 1, new int[] {9, 0});
        }
        Files.writeString(folder.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        try (Dataset d = open(reader, folder.resolve("test_batch.bin"))) {
            assertEquals("test_batch.bin", d.name());
            assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"), d.classNames());
            assertTrue(d.superClasses().isEmpty());
        }
        Files.writeString(folder.resolve("batches.meta.txt"), "a\nb\n");
        fails("batches.meta.txt: 2 class names, expected 10", () -> open(reader, folder));
    }

    @Test
    void cifar100HasFineLabelsAndCoarseSuperClasses() throws IOException {
        Random random = new Random(100);
        Path folder = Files.createDirectory(dir.resolve("cifar-100-binary"));
        int n = 230;
        int[][] l = new int[n][];
        for (int r = 0; r < n; r++) {
            int fine = (r * 37) % 100;
            l[r] = new int[] {fine % 20, fine};
        }
        byte[] train = records(random, l);
        Files.write(folder.resolve("train.bin"), train);
        Files.writeString(folder.resolve("fine_label_names.txt"),
                String.join("\n", IntStream.range(0, 100).mapToObj(i -> "fine" + i).toList()) + "\n");
        Files.writeString(folder.resolve("coarse_label_names.txt"),
                String.join("\n", IntStream.range(0, 20).mapToObj(i -> "coarse" + i).toList()) + "\n");
        int[] fine = Arrays.stream(l).mapToInt(x -> x[1]).toArray();
        int[] coarse = Arrays.stream(l).mapToInt(x -> x[0]).toArray();
        try (Dataset d = open(reader, folder)) {
            assertEquals(n, d.size());
            assertEquals(100, d.classNames().size());
            assertEquals("fine42", d.classNames().get(42));
            SuperClasses s = d.superClasses().orElseThrow();
            assertEquals(20, s.names().size());
            for (int f = 0; f < 100; f++) {
                assertEquals(f % 20, s.superClassOf(f));
            }
            assertEquals("coarse2", s.names().get(s.superClassOf(42)));
            sameRecords(d, 0, train, 2, fine);
        }
        try (Dataset d = open(reader, folder.resolve("train.bin"), "label", "coarse")) {
            assertEquals(20, d.classNames().size());
            assertTrue(d.superClasses().isEmpty());
            sameRecords(d, 0, train, 2, coarse);
        }
        // without meta files or telling names, the length tells: 3 records of 3074 bytes are not whole 3073-byte records
        Path bare = Files.createDirectory(dir.resolve("bare"));
        Files.write(bare.resolve("some.bin"), Arrays.copyOf(train, 3 * 3074));
        try (Dataset d = open(reader, bare.resolve("some.bin"))) {
            assertEquals(ClassNames.numbers(100), d.classNames());
            assertTrue(d.superClasses().isEmpty(), "most fine classes never occur, so their coarse class is unknown");
            sameRecords(d, 0, Arrays.copyOf(train, 3 * 3074), 2, Arrays.copyOf(fine, 3));
        }
        // fine class 49 first occurs in record 77 (77 * 37 = 2849), again in record 177
        int[][] conflict = l.clone();
        conflict[177] = new int[] {10, 49};
        Files.write(folder.resolve("train.bin"), records(random, conflict));
        fails("train.bin: byte " + 177 * 3074 + ": record 177 puts fine class 49 in coarse class 10, image 77 in coarse class 9",
                () -> open(reader, folder));
        int[][] badFine = l.clone();
        badFine[77] = new int[] {9, 100};
        Files.write(folder.resolve("train.bin"), records(random, badFine));
        fails("train.bin: byte " + (77 * 3074 + 1) + ": fine label 100 of record 77 is not in 0..99", () -> open(reader, folder));
        int[][] badCoarse = l.clone();
        badCoarse[77] = new int[] {20, 5};
        Files.write(folder.resolve("train.bin"), records(random, badCoarse));
        fails("train.bin: byte " + 77 * 3074 + ": coarse label 20 of record 77 is not in 0..19", () -> open(reader, folder));
    }

    @Test
    void brokenFilesAreOneLineErrorsWithTheirByteOffset() throws IOException {
        Random random = new Random(3);
        byte[] good = records(random, new int[][] {{1}, {2}, {3}});
        Path f = dir.resolve("data_batch_1.bin");
        Files.write(f, Arrays.copyOf(good, good.length - 100));
        fails("data_batch_1.bin: byte 6146: the file ends inside record 2 (2973 of its 3073 bytes; a CIFAR-10 record is 3073)",
                () -> open(reader, f));
        Files.write(f, new byte[0]);
        fails("data_batch_1.bin: empty file, no CIFAR records", () -> open(reader, f));
        byte[] badLabel = good.clone();
        badLabel[3073] = 10;
        Files.write(f, badLabel);
        fails("data_batch_1.bin: byte 3073: label 10 of record 1 is not in 0..9", () -> open(reader, f));
        Files.write(f, good);
        fails("data_batch_1.bin: byte 6148: the file ends inside record 2 (3071 of its 3074 bytes; a CIFAR-100 record is 3074)",
                () -> open(reader, f, "variant", "cifar-100"));
        DatasetTesting.survivesDamage(reader, f, f, "data_batch_1.bin", 4);

        Path empty = Files.createDirectory(dir.resolve("empty"));
        fails("empty: no CIFAR binary batches of split train (data_batch_N.bin or train.bin)", () -> open(reader, empty));
        Path odd = dir.resolve("odd.bin");
        Files.write(odd, new byte[3073 * 3074]);
        fails("odd.bin: cannot tell CIFAR-10 from CIFAR-100 by name or length; give parameter variant", () -> open(reader, odd));
    }

    @Test
    void pythonPickleBatchesAreRefused() throws IOException {
        Path py = Files.createDirectory(dir.resolve("cifar-10-batches-py"));
        // the start of a protocol-2 pickle: PROTO 2, EMPTY_DICT
        byte[] pickle = {(byte) 0x80, 2, '}', 'q', 0};
        Files.write(py.resolve("data_batch_1"), pickle);
        Files.write(py.resolve("test_batch"), pickle);
        Files.write(py.resolve("batches.meta"), pickle);
        assertTrue(reader.canRead(py));
        assertTrue(reader.canRead(py.resolve("data_batch_1")));
        String message = failsWith("data_batch_1: a CIFAR python (pickle) batch; loading pickles can run arbitrary code, so use "
                + "the binary version", () -> open(reader, py.resolve("data_batch_1")));
        assertTrue(message.contains("binary"), message);
        failsWith("cifar-10-batches-py: no CIFAR binary batches of split train (data_batch_N.bin or train.bin); the python "
                + "(pickle) batches here are not read", () -> open(reader, py));
        Path renamed = dir.resolve("train.bin");
        Files.write(renamed, pickle);
        failsWith("train.bin: a CIFAR python (pickle) batch", () -> open(reader, renamed));
    }
}
