package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;

/** .npy files written by real NumPy (through /usr/bin/python3), forged headers, and our writer. */
class NpyTest {

    private static final String PYTHON = "/usr/bin/python3";

    @TempDir
    Path dir;

    /** Runs a Python snippet with the temporary folder as working directory; fails on any error. */
    private String python(String script) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is needed (with numpy) to write reference files");
        Process p = new ProcessBuilder(PYTHON, "-c", "import numpy as np\n" + script).directory(dir.toFile())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        return out;
    }

    /** The little-endian doubles in {@code name}. */
    private double[] doubles(String name) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(name))).order(ByteOrder.LITTLE_ENDIAN);
        double[] v = new double[b.remaining() / 8];
        b.asDoubleBuffer().get(v);
        return v;
    }

    private static void assertBitsEqual(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what);
        for (int i = 0; i < expected.length; i++) {
            if (Double.doubleToRawLongBits(expected[i]) != Double.doubleToRawLongBits(actual[i])) {
                fail(what + ": value " + i + " is " + actual[i] + ", NumPy has " + expected[i]);
            }
        }
    }

    private static void fails(String message, Executable read) {
        ToposcopeException e = assertThrows(ToposcopeException.class, read);
        assertEquals(message, e.getMessage());
    }

    @Test
    void readsWhatNumPyWritesBitExactlyInEveryDtypeOrderAndVersion() throws Exception {
        python("""
                rng = np.random.default_rng(3)
                base = rng.standard_normal((7, 5)) * 10.0 ** rng.integers(-30, 30, (7, 5))
                base[0, :3] = [-0.0, 5e-324, 1.7976931348623157e308]
                for dt in ['<f4', '<f8', '>f4', '>f8', '<i4', '<i8', '>i4', '>i8']:
                    a = (rng.integers(-2**31, 2**31, (7, 5)) if 'i' in dt else base).astype(dt)
                    if 'i8' in dt:
                        a[0, 0] = 2**62 + 1
                    for order in 'CF':
                        for version in [(1, 0), (2, 0), (3, 0)]:
                            name = '%s-%s-%d' % (dt[1:] + ('be' if dt[0] == '>' else 'le'), order, version[0])
                            with open(name + '.npy', 'wb') as f:
                                np.lib.format.write_array(f, np.asarray(a, order=order), version=version)
                            open(name + '.bin', 'wb').write(a.astype('<f8').tobytes(order='C'))
                """);
        int files = 0;
        try (Stream<Path> list = Files.list(dir)) {
            for (Path npy : list.filter(p -> p.toString().endsWith(".npy")).toList()) {
                String name = npy.getFileName().toString().replace(".npy", "");
                double[] expected = doubles(name + ".bin");
                NpyArray a = NpyReader.readArray(npy);
                assertArrayEquals(new int[] {7, 5}, a.shape(), name);
                assertBitsEqual(expected, a.values(), name);
                if (!name.startsWith("f4")) { // 5e-324 and 1.8e308 overflow f4 to 0 and inf; inf is no coordinate
                    PointCloud c = NpyReader.readPointCloud(npy);
                    assertEquals(7, c.size());
                    assertEquals(5, c.dimension());
                    assertEquals(npy.getFileName().toString(), c.name());
                    assertBitsEqual(expected, c.coordinates(), name);
                }
                files++;
            }
        }
        assertEquals(8 * 2 * 3, files);
    }

    @Test
    void fortranOrderOfHigherRankIsReturnedInCOrder() throws Exception {
        python("""
                a = np.arange(3 * 4 * 5 * 2, dtype='<f8').reshape(3, 4, 5, 2) * 1.5
                np.save('f.npy', np.asfortranarray(a))
                np.save('c.npy', a)
                np.save('scalar.npy', np.float32(2.5))
                np.save('line.npy', np.arange(4, dtype='<f4'))
                np.save('empty.npy', np.zeros((0, 3)))
                np.save('c16.npy', np.zeros((2, 2), dtype=complex))
                np.save('nan.npy', np.array([[1.0, 2.0], [np.nan, 4.0]]))
                np.save('inf.npy', np.array([[1.0, -np.inf]], dtype='>f4'))
                open('c.bin', 'wb').write(a.tobytes())
                """);
        double[] expected = doubles("c.bin");
        NpyArray f = NpyReader.readArray(dir.resolve("f.npy"));
        assertArrayEquals(new int[] {3, 4, 5, 2}, f.shape());
        assertBitsEqual(expected, f.values(), "F order");
        assertEquals(NpyReader.readArray(dir.resolve("c.npy")), f);

        NpyArray scalar = NpyReader.readArray(dir.resolve("scalar.npy"));
        assertEquals(0, scalar.rank());
        assertArrayEquals(new double[] {2.5}, scalar.values());
        assertArrayEquals(new double[] {0, 1, 2, 3}, NpyReader.readArray(dir.resolve("line.npy")).values());
        PointCloud empty = NpyReader.readPointCloud(dir.resolve("empty.npy"));
        assertEquals(0, empty.size());
        assertEquals(3, empty.dimension());

        fails("line.npy: a point cloud needs a 2-D array, this one has shape (4,)",
                () -> NpyReader.readPointCloud(dir.resolve("line.npy")));
        fails("c16.npy: dtype '<c16' is not supported (only <f4 <f8 >f4 >f8 <i4 <i8 >i4 >i8 are)",
                () -> NpyReader.readPointCloud(dir.resolve("c16.npy")));
        fails("nan.npy: byte 144: NaN is not allowed", () -> NpyReader.readPointCloud(dir.resolve("nan.npy")));
        fails("inf.npy: byte 132: infinite coordinate -Infinity is not allowed",
                () -> NpyReader.readPointCloud(dir.resolve("inf.npy")));
        assertTrue(Double.isNaN(NpyReader.readArray(dir.resolve("nan.npy")).value(2)), "readArray keeps NaN");
    }

    /** A version 1.0 file with the given header dict, padded as NumPy pads it, then {@code data}. */
    private Path forge(String name, String dict, byte[] data) throws IOException {
        int total = (10 + dict.length() + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) (total - 10)).put(dict.getBytes(StandardCharsets.ISO_8859_1));
        while (b.position() < total - 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n').put(data);
        return Files.write(dir.resolve(name), b.array());
    }

    @Test
    void forgedHeadersAreRefusedBeforeAllocating() throws IOException {
        forge("x.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (100000, 100000), }", new byte[4096 - 128]);
        assertEquals(4096, Files.size(dir.resolve("x.npy")));
        fails("x.npy: byte 10: header shape (100000, 100000) needs 80000000000 bytes but the file has 3968 after the header",
                () -> NpyReader.readPointCloud(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (4611686018427387904, 4), }", new byte[0]);
        fails("x.npy: byte 10: header shape (4611686018427387904, 4) is too large",
                () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<f4', 'fortran_order': False, 'shape': (0, 3000000000), }", new byte[0]);
        fails("x.npy: byte 10: header shape (0, 3000000000) has a dimension larger than 2147483647",
                () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<c16', 'fortran_order': False, 'shape': (1, 1), }", new byte[16]);
        fails("x.npy: dtype '<c16' is not supported (only <f4 <f8 >f4 >f8 <i4 <i8 >i4 >i8 are)",
                () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': [('a', '<f8')], 'fortran_order': False, 'shape': (1,), }", new byte[8]);
        fails("x.npy: byte 20: structured dtypes are not supported", () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2), }", new byte[16]);
        fails("x.npy: byte 62: shape (2) is not a tuple; a 1-D shape is written (2,)",
                () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<f8', 'fortran_order': False, }", new byte[16]);
        fails("x.npy: byte 10: the header has no key 'shape'", () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<f8', 'fortran_order': 0, 'shape': (2,), }", new byte[16]);
        fails("x.npy: byte 44: expected True or False for 'fortran_order', found '0'",
                () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<f8', 'descr': '<f8', 'fortran_order': False, 'shape': (2,), }", new byte[16]);
        fails("x.npy: byte 27: key 'descr' appears twice", () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), 'extra': 1}", new byte[16]);
        fails("x.npy: byte 66: unexpected key 'extra' in the header", () -> NpyReader.readArray(dir.resolve("x.npy")));
        forge("x.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } x", new byte[16]);
        fails("x.npy: byte 68: unexpected 'x' after the header dictionary", () -> NpyReader.readArray(dir.resolve("x.npy")));
        // Python 2 NumPy wrote long literals
        forge("x.npy", "{'descr': '<f8', 'fortran_order': False, 'shape': (1L, 2L), }", new byte[16]);
        assertArrayEquals(new int[] {1, 2}, NpyReader.readArray(dir.resolve("x.npy")).shape());
    }

    @Test
    void brokenPreamblesAndTruncations() throws Exception {
        Path garbage = Files.write(dir.resolve("g.npy"), "hello world".getBytes(StandardCharsets.US_ASCII));
        fails("g.npy: byte 0: not a .npy file (it does not start with \\x93NUMPY)", () -> NpyReader.readArray(garbage));
        Path empty = Files.write(dir.resolve("e.npy"), new byte[0]);
        fails("e.npy: byte 0: the file ends inside the .npy magic string", () -> NpyReader.readArray(empty));
        Path v4 = Files.write(dir.resolve("v.npy"), new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 4, 0, 0, 0});
        fails("v.npy: byte 6: .npy format version 4.0 is not supported (1.0, 2.0 and 3.0 are)", () -> NpyReader.readArray(v4));
        Path longHeader = Files.write(dir.resolve("h.npy"),
                new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) 0x60, (byte) 0xea, '{'});
        fails("h.npy: byte 8: header length 60000 runs past the end of the file (11 bytes)", () -> NpyReader.readArray(longHeader));
        Path hugeHeader = Files.write(dir.resolve("H.npy"),
                new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 2, 0, 0, 0, 0, (byte) 0x80});
        fails("H.npy: byte 8: header length 2147483648 is more than 1048576 bytes", () -> NpyReader.readArray(hugeHeader));
        fails("missing.npy: no such file", () -> NpyReader.readArray(dir.resolve("missing.npy")));

        python("np.save('ok.npy', np.arange(12, dtype='<f8').reshape(3, 4))");
        byte[] ok = Files.readAllBytes(dir.resolve("ok.npy"));
        for (int length = 0; length < ok.length; length++) {
            Path cut = Files.write(dir.resolve("cut.npy"), Arrays.copyOf(ok, length));
            ToposcopeException e = assertThrows(ToposcopeException.class, () -> NpyReader.readArray(cut), "length " + length);
            assertTrue(e.getMessage().startsWith("cut.npy: ") && !e.getMessage().contains("\n"), e.getMessage());
        }
        fails("cut.npy: byte 10: header shape (3, 4) needs 96 bytes but the file has 95 after the header",
                () -> NpyReader.readArray(dir.resolve("cut.npy")));
        // bytes after the data are ignored, as np.load does: several arrays may share a file
        Files.write(dir.resolve("more.npy"), Arrays.copyOf(ok, ok.length + 100));
        assertEquals(NpyReader.readArray(dir.resolve("ok.npy")), NpyReader.readArray(dir.resolve("more.npy")));
    }

    @Test
    void mutatedFilesFailWithOneLineMessagesOnly() throws Exception {
        python("np.save('ok.npy', np.arange(12, dtype='<f4').reshape(3, 4))");
        byte[] ok = Files.readAllBytes(dir.resolve("ok.npy"));
        Random random = new Random(11);
        Path m = dir.resolve("m.npy");
        for (int trial = 0; trial < 3000; trial++) {
            byte[] b = ok.clone();
            for (int k = 1 + random.nextInt(3); k > 0; k--) {
                b[random.nextInt(Math.min(b.length, 128))] = (byte) random.nextInt(256);
            }
            Files.write(m, b);
            try {
                NpyReader.readArray(m);
                NpyReader.readPointCloud(m);
            } catch (ToposcopeException e) {
                assertTrue(e.getMessage().startsWith("m.npy: ") && !e.getMessage().contains("\n"), e.getMessage());
            }
        }
    }

    @Test
    void writerOutputIsReadBitExactlyByNumPyAndByTheReader() throws Exception {
        Random random = new Random(5);
        double[] d = new double[2 * 3 * 4];
        float[] f = new float[d.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = random.nextGaussian() * Math.pow(10, random.nextInt(60) - 30);
            f[i] = (float) random.nextGaussian();
        }
        d[0] = -0.0;
        d[1] = Double.MIN_VALUE;
        Path fd = dir.resolve("d.npy");
        Path ff = dir.resolve("f.npy");
        NpyWriter.write(fd, new int[] {2, 3, 4}, d);
        NpyWriter.write(ff, new int[] {6, 4}, f);
        NpyWriter.write(dir.resolve("s.npy"), new int[0], new double[] {7});
        NpyWriter.write(dir.resolve("z.npy"), new int[] {0, 5}, new float[0]);
        String out = python("""
                for n in ['d', 'f', 's', 'z']:
                    a = np.load(n + '.npy')
                    print(n, a.dtype.str, a.shape, a.flags['C_CONTIGUOUS'])
                    open(n + '.bin', 'wb').write(a.astype('<f8').tobytes())
                """);
        assertEquals("d <f8 (2, 3, 4) True\nf <f4 (6, 4) True\ns <f8 () True\nz <f4 (0, 5) True\n", out);
        assertBitsEqual(d, doubles("d.bin"), "f8 through NumPy");
        double[] widened = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            widened[i] = f[i];
        }
        assertBitsEqual(widened, doubles("f.bin"), "f4 through NumPy");
        assertEquals(new NpyArray(new int[] {2, 3, 4}, d), NpyReader.readArray(fd));
        assertEquals(new NpyArray(new int[] {6, 4}, widened), NpyReader.readArray(ff));
        assertEquals(0, (Files.size(fd) - 8 * d.length) % 64, "header padded to 64 bytes");

        // overwriting replaces the file; no temporary file stays behind
        NpyWriter.write(fd, new int[] {1}, new double[] {1});
        assertArrayEquals(new double[] {1}, NpyReader.readArray(fd).values());
        List<String> names = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            list.forEach(p -> names.add(p.getFileName().toString()));
        }
        assertTrue(names.stream().noneMatch(n -> n.endsWith(".tmp")), names.toString());

        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> NpyWriter.write(dir.resolve("no/x.npy"), new int[] {1}, new double[] {1}));
        assertTrue(e.getMessage().startsWith("x.npy: cannot write: "), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NpyWriter.write(fd, new int[] {2, 2}, new double[3]));
    }

    @Test
    void formatHeadersHaveNoOneArrayLimitAndNumPyReadsThem() throws Exception {
        // more values than one Java array holds: the codec allows it, the array reader refuses it
        byte[] header = NpyFormat.header("<f4", 3_000_000_000L, 2);
        assertEquals(0, header.length % 64, "header padded to 64 bytes");
        Path big = Files.write(dir.resolve("big.npy"), header);
        String out = python("""
                f = open('big.npy', 'rb')
                print(np.lib.format.read_magic(f), *np.lib.format.read_array_header_1_0(f))
                """);
        assertEquals("(1, 0) (3000000000, 2) False float32\n", out);
        try (FileChannel c = FileChannel.open(big, StandardOpenOption.READ)) {
            NpyFormat.Header h = NpyFormat.readHeader(c, "big.npy");
            assertEquals(new NpyFormat.Header("<f4", false, new long[] {3_000_000_000L, 2}, header.length), h);
            h.shape()[0] = 1;
            assertEquals(3_000_000_000L, h.dimension(0), "the shape is copied out");
        }
        fails("big.npy: byte 10: header shape (3000000000, 2) needs 24000000000 bytes but the file has 0 after the header",
                () -> NpyReader.readArray(big));
        Path garbage = Files.write(dir.resolve("g.npy"), "hello world".getBytes(StandardCharsets.US_ASCII));
        try (FileChannel c = FileChannel.open(garbage, StandardOpenOption.READ)) {
            fails("g.npy: byte 0: not a .npy file (it does not start with \\x93NUMPY)", () -> NpyFormat.readHeader(c, "g.npy"));
        }
        assertThrows(IllegalArgumentException.class, () -> NpyFormat.header("<f4", 2, -1));
    }
}
