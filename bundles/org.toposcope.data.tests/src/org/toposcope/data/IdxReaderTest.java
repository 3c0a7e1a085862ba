package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;

/** The real Fashion-MNIST (Debian's dataset-fashion-mnist) checked against Python, generated and forged files. */
class IdxReaderTest {

    private static final String PYTHON = "/usr/bin/python3";
    private static final Path FASHION = Path.of("/usr/share/datasets/fashion-mnist");

    @TempDir
    Path dir;

    private static String python(String script, Path... args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is needed to read the reference values");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", script));
        for (Path a : args) {
            command.add(a.toString());
        }
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    /** Python's independent reading: header fields, SHA-256 of the data, and the values at a few positions. */
    private static final String REFERENCE = """
            import gzip, hashlib, struct, sys
            for path in sys.argv[1:]:
                d = gzip.open(path).read()
                rank = d[3]
                dims = struct.unpack('>%di' % rank, d[4:4 + 4 * rank])
                data = d[4 + 4 * rank:]
                picks = [data[i] for i in (0, 1, 350, 406, 783, 784, len(data) // 2, len(data) - 1)]
                print(d[2], ' '.join(map(str, dims)), hashlib.sha256(data).hexdigest(), ' '.join(map(str, picks)))
            """;

    private static String sha256(byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    private static String javaSide(IdxArray a) throws Exception {
        ByteBuffer b = a.data();
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        StringBuilder s = new StringBuilder().append(a.type());
        for (int d : a.shape()) {
            s.append(' ').append(d);
        }
        s.append(' ').append(sha256(bytes));
        int n = a.count();
        for (int i : new int[] {0, 1, 350, 406, 783, 784, n / 2, n - 1}) {
            s.append(' ').append(a.intValue(i));
        }
        return s.toString();
    }

    @Test
    void fashionMnistMatchesPythonBitExactly() throws Exception {
        String[] names = {"t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz", "train-images-idx3-ubyte.gz",
                "train-labels-idx1-ubyte.gz"};
        Path[] files = Arrays.stream(names).map(FASHION::resolve).toArray(Path[]::new);
        for (Path f : files) {
            assertTrue(Files.isReadable(f), f + " is missing: install the Debian package dataset-fashion-mnist");
        }
        String[] expected = python(REFERENCE, files).split("\n");
        assertEquals(4, expected.length);
        for (int k = 0; k < 4; k++) {
            assertEquals(expected[k].strip(), javaSide(IdxReader.read(files[k])), names[k]);
        }
    }

    @Test
    void fashionMnistTestSetHasTenBalancedClasses() throws Exception {
        LabelledImages t10k = IdxReader.readImages(FASHION.resolve("t10k-images-idx3-ubyte.gz"),
                FASHION.resolve("t10k-labels-idx1-ubyte.gz"));
        assertEquals(10000, t10k.count());
        assertEquals(28, t10k.rows());
        assertEquals(28, t10k.cols());
        assertEquals(10000 * 28 * 28, t10k.pixels().length);
        int[] perClass = new int[10];
        for (int label : t10k.labels()) {
            perClass[label]++;
        }
        int[] thousand = new int[10];
        Arrays.fill(thousand, 1000);
        assertArrayEquals(thousand, perClass);

        IdxArray images = IdxReader.read(FASHION.resolve("t10k-images-idx3-ubyte.gz"));
        assertArrayEquals(new int[] {10000, 28, 28}, images.shape());
        assertEquals(IdxArray.UBYTE, images.type());
        String picks = python("""
                import gzip, sys
                d = gzip.open(sys.argv[1]).read()[16:]
                l = gzip.open(sys.argv[2]).read()[8:]
                print(' '.join(str(d[(i * 28 + r) * 28 + c]) for i, r, c in [(0, 14, 14), (1, 10, 5), (9999, 27, 27), (4321, 13, 20)]),
                      ' '.join(str(x) for x in l[:12]), sum(d))
                """, FASHION.resolve("t10k-images-idx3-ubyte.gz"), FASHION.resolve("t10k-labels-idx1-ubyte.gz"));
        long sum = 0;
        for (byte p : t10k.pixels()) {
            sum += p & 0xff;
        }
        StringBuilder s = new StringBuilder();
        for (int[] at : new int[][] {{0, 14, 14}, {1, 10, 5}, {9999, 27, 27}, {4321, 13, 20}}) {
            s.append(t10k.pixel(at[0], at[1], at[2])).append(' ');
            assertEquals(t10k.pixel(at[0], at[1], at[2]), images.unsignedByte((at[0] * 28 + at[1]) * 28 + at[2]));
        }
        for (int i = 0; i < 12; i++) {
            s.append(t10k.label(i)).append(' ');
        }
        assertEquals(picks, s.append(sum).toString());
        float[] floats = images.toFloats();
        assertEquals(images.count(), floats.length);
        assertEquals(t10k.pixel(4321, 13, 20), floats[(4321 * 28 + 13) * 28 + 20]);
    }

    // ---- generated files

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

    private Path write(String name, byte[] content) throws IOException {
        return Files.write(dir.resolve(name), content);
    }

    @Test
    void everyTypeRoundTripsRawAndGzipped() throws Exception {
        double[][] values = {
            {0, 1, 127, 128, 200, 255},
            {-128, -1, 0, 1, 100, 127},
            {Short.MIN_VALUE, -1, 0, 1, 12345, Short.MAX_VALUE},
            {Integer.MIN_VALUE, -1, 0, 1, 1 << 24 | 1, Integer.MAX_VALUE},
            {-0.0, Float.MIN_VALUE, Float.MAX_VALUE, Float.NEGATIVE_INFINITY, Float.NaN, 0.1f},
            {-0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY, Double.NaN, 0.1},
        };
        byte[] types = {IdxArray.UBYTE, IdxArray.BYTE, IdxArray.SHORT, IdxArray.INT, IdxArray.FLOAT, IdxArray.DOUBLE};
        int[][] shapes = {{6}, {2, 3}, {3, 1, 2}, {1, 1, 1, 1, 1, 1, 1, 6}};
        for (int t = 0; t < types.length; t++) {
            int size = IdxArray.elementSize(types[t]);
            ByteBuffer data = ByteBuffer.allocate(6 * size);
            for (double v : values[t]) {
                switch (types[t]) {
                    case IdxArray.UBYTE, IdxArray.BYTE -> data.put((byte) (int) v);
                    case IdxArray.SHORT -> data.putShort((short) v);
                    case IdxArray.INT -> data.putInt((int) v);
                    case IdxArray.FLOAT -> data.putFloat((float) v);
                    default -> data.putDouble(v);
                }
            }
            for (int[] shape : shapes) {
                byte[] file = idx(types[t], shape, data.array());
                String name = IdxArray.typeName(types[t]) + shape.length;
                for (Path p : new Path[] {write(name + ".idx", file), write(name + ".gz.bin", gzip(file))}) {
                    IdxArray a = IdxReader.read(p);
                    assertArrayEquals(shape, a.shape(), name);
                    assertEquals(types[t], a.type());
                    assertEquals(6, a.count());
                    double[] d = a.toDoubles();
                    float[] f = a.toFloats();
                    for (int i = 0; i < 6; i++) {
                        double expected = types[t] == IdxArray.FLOAT ? (float) values[t][i] : values[t][i];
                        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(a.value(i)), name + " " + i);
                        assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(d[i]), name + " " + i);
                        assertEquals(Float.floatToRawIntBits((float) expected), Float.floatToRawIntBits(f[i]), name + " " + i);
                        if (types[t] < IdxArray.FLOAT) {
                            assertEquals((int) expected, a.intValue(i));
                        }
                    }
                    assertEquals(IdxReader.read(write("again", file)), a);
                }
            }
        }
        IdxArray empty = IdxReader.read(write("empty.idx", gzip(idx(IdxArray.DOUBLE, new int[] {3, 0, Integer.MAX_VALUE}, new byte[0]))));
        assertArrayEquals(new int[] {3, 0, Integer.MAX_VALUE}, empty.shape());
        assertEquals(0, empty.count());
        assertThrows(IllegalStateException.class, () -> IdxReader.read(write("f", idx(IdxArray.FLOAT, new int[] {1}, new byte[4]))).unsignedByte(0));
    }

    // ---- malformed files: one exact line each

    private static void fails(String message, Executable read) {
        ToposcopeException e = assertThrows(ToposcopeException.class, read);
        assertEquals(message, e.getMessage());
    }

    private void failsRaw(String message, String name, byte[] content) throws IOException {
        Path p = write(name, content);
        fails(name + ": " + message, () -> IdxReader.read(p));
    }

    private void failsGzipped(String message, String name, byte[] content) throws IOException {
        Path p = write(name, gzip(content));
        fails(name + ": " + message, () -> IdxReader.read(p));
    }

    private void failsBoth(String message, byte[] content) throws IOException {
        failsRaw(message, "bad.idx", content);
        failsGzipped(message, "bad.idx.gz", content);
    }

    @Test
    void malformedHeadersGiveOneLine() throws Exception {
        failsBoth("byte 0: the file ends inside the 4-byte IDX magic", new byte[0]);
        failsBoth("byte 3: the file ends inside the 4-byte IDX magic", new byte[] {0, 0, 8});
        failsBoth("byte 0: not an IDX file (magic 89 50 4e 47; IDX starts with 00 00, a type and a rank)",
                new byte[] {(byte) 0x89, 'P', 'N', 'G', 13, 10});
        failsBoth("byte 0: not an IDX file (magic 00 01; IDX starts with 00 00, a type and a rank)", new byte[] {0, 1});
        failsBoth("byte 2: unknown IDX type code 0x07 (known: 08 ubyte, 09 byte, 0b short, 0c int, 0d float, 0e double)",
                idx(7, new int[] {1}, new byte[1]));
        failsBoth("byte 3: rank 0 is not supported (1 to 8 are)", new byte[] {0, 0, 8, 0, 5});
        failsBoth("byte 3: rank 9 is not supported (1 to 8 are)", idx(8, new int[] {1, 1, 1, 1, 1, 1, 1, 1, 1}, new byte[1]));
        failsBoth("byte 10: the file ends inside the 3 dimensions", Arrays.copyOf(idx(8, new int[] {10000, 28, 28}, new byte[0]), 10));
        failsBoth("byte 8: dimension 1 is negative (-1)", idx(8, new int[] {2, -1}, new byte[0]));
        failsBoth("byte 4: shape (2147483647, 2147483647, 2147483647) of double is too large",
                idx(IdxArray.DOUBLE, new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE}, new byte[0]));
    }

    @Test
    void wrongSizesGiveOneLineWithoutAllocating() throws Exception {
        byte[] huge = idx(8, new int[] {100000, 100000, 100000}, new byte[] {1, 2, 3});
        failsRaw("byte 16: shape (100000, 100000, 100000) of ubyte needs 1000000000000000 bytes but the file has 3 after the header",
                "huge.idx", huge);
        failsGzipped("byte 4: shape (100000, 100000, 100000) of ubyte needs 1000000000000000 bytes, more than fit in one Java array",
                "huge.idx.gz", huge);
        // fits an array, so only the stream's early end can tell; the reader must not allocate 2 GB first
        byte[] large = idx(IdxArray.SHORT, new int[] {1_000_000_000}, new byte[] {1, 2, 3});
        failsRaw("byte 8: shape (1000000000,) of short needs 2000000000 bytes but the file has 3 after the header", "large.idx", large);
        failsGzipped("byte 8: shape (1000000000,) of short needs 2000000000 bytes but the file has 3 after the header",
                "large.idx.gz", large);

        byte[] six = idx(8, new int[] {2, 3}, new byte[] {1, 2, 3, 4, 5, 6});
        failsBoth("byte 12: shape (2, 3) of ubyte needs 6 bytes but the file has 5 after the header", Arrays.copyOf(six, six.length - 1));
        failsRaw("byte 18: the data ends here but the file has 1 byte more", "trailing.idx", Arrays.copyOf(six, six.length + 1));
        failsRaw("byte 18: the data ends here but the file has 4 bytes more", "trailing.idx", Arrays.copyOf(six, six.length + 4));
        failsGzipped("byte 18: the data ends here but the file goes on", "trailing.idx.gz", Arrays.copyOf(six, six.length + 1));
    }

    @Test
    void brokenGzipStreamsGiveOneLine() throws Exception {
        byte[] data = new byte[4000];
        new Random(5).nextBytes(data);
        byte[] content = idx(IdxArray.INT, new int[] {100, 10}, data);
        byte[] z = gzip(content);
        failsRawName("cut.gz", Arrays.copyOf(z, z.length - 4), "truncated gzip stream (it ends after 4012 uncompressed bytes)");
        failsRawName("cut.gz", Arrays.copyOf(z, 5), "truncated gzip stream (it ends after 0 uncompressed bytes)");
        failsRawName("cut.gz", new byte[] {0x1f, (byte) 0x8b}, "truncated gzip stream (it ends after 0 uncompressed bytes)");
        Path middle = write("middle.gz", Arrays.copyOf(z, z.length / 2));
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> IdxReader.read(middle));
        assertTrue(e.getMessage().matches("middle\\.gz: truncated gzip stream \\(it ends after \\d+ uncompressed bytes\\)"), e.getMessage());
        byte[] badCrc = z.clone();
        badCrc[z.length - 8] ^= 1;
        failsRawName("crc.gz", badCrc, "corrupt gzip stream after 4012 uncompressed bytes: Corrupt GZIP trailer");
        fails("nothing.idx: no such file", () -> IdxReader.read(dir.resolve("nothing.idx")));
    }

    private void failsRawName(String name, byte[] file, String message) throws IOException {
        Path p = write(name, file);
        fails(name + ": " + message, () -> IdxReader.read(p));
    }

    @Test
    void readImagesChecksItsPair() throws Exception {
        Path images = write("i.idx", idx(8, new int[] {2, 2, 3}, new byte[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, (byte) 255}));
        Path labels = write("l.idx", gzip(idx(8, new int[] {2}, new byte[] {7, (byte) 200})));
        LabelledImages li = IdxReader.readImages(images, labels);
        assertEquals(2, li.count());
        assertEquals(255, li.pixel(1, 1, 2));
        assertEquals(4, li.pixel(0, 1, 1));
        assertArrayEquals(new int[] {7, 200}, li.labels());

        Path shortLabels = write("s.idx", idx(IdxArray.SHORT, new int[] {2}, new byte[] {0, 3, 1, 44}));
        fails("s.idx: byte 10: label 300 of image 1 is not in 0..255", () -> IdxReader.readImages(images, shortLabels));
        Path three = write("three.idx", idx(8, new int[] {3}, new byte[3]));
        fails("three.idx: 3 labels for the 2 images of i.idx", () -> IdxReader.readImages(images, three));
        fails("three.idx: images need ubyte of rank 3 (count, rows, cols), this file has shape (3,) of ubyte",
                () -> IdxReader.readImages(three, labels));
        Path floats = write("f.idx", idx(IdxArray.FLOAT, new int[] {2}, new byte[8]));
        fails("f.idx: labels need integers of rank 1, this file has shape (2,) of float", () -> IdxReader.readImages(images, floats));
        assertThrows(IllegalArgumentException.class, () -> new LabelledImages(1, 1, 1, new byte[1], new int[] {256}));
        assertThrows(IllegalArgumentException.class, () -> new LabelledImages(2, 1, 1, new byte[1], new int[] {1, 2}));
    }
}
