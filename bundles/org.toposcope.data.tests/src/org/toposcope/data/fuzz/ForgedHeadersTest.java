package org.toposcope.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.Consumer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.data.IdxReader;
import org.toposcope.data.NpyReader;
import org.toposcope.data.NpzDatasetReader;
import org.toposcope.fuzz.Allocation;
import org.toposcope.fuzz.FuzzFiles;

/**
 * Headers that claim terabytes (or just more than a 100 MB heap) in files of a few kilobytes fail fast,
 * with a one-line error at the header, having allocated no more than the file's length plus 2 MiB.
 */
class ForgedHeadersTest {

    /** Far below the 100 MB heap of issue 11, and independent of the heap the tests run with. */
    private static final long MARGIN = 2 << 20;

    @TempDir
    Path dir;

    @Test
    void idxHeadersClaimingTerabytes() throws Exception {
        // 65536 x 65536 x 256 doubles = 8 TiB; then 2^31 - 9 bytes, the largest array, in a 1 KiB file
        byte[] terabytes = idx((byte) 0x0e, 65536, 65536, 256);
        byte[] almost2g = idx((byte) 0x08, 1, Integer.MAX_VALUE - 8);
        for (byte[] file : new byte[][] {terabytes, almost2g}) {
            refusedCheaply(write("forged.idx", file), IdxReader::read, "forged.idx: byte ");
            refusedCheaply(write("forged.idx.gz", FuzzFiles.gzip(file)), IdxReader::read, "forged.idx.gz: ");
        }
        refusedCheaply(write("huge.idx", idx((byte) 0x0e, Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE)),
                IdxReader::read, "huge.idx: byte 4: shape (2147483647, 2147483647, 2147483647) of double is too large");
    }

    @Test
    void npyHeadersClaimingTerabytes() throws Exception {
        for (String shape : new String[] {"(1099511627776,)", "(1048576, 1048576)", "(2147483639,)", "(100000000,)",
            "(9223372036854775807,)", "(4294967296, 4294967296, 4294967296)"}) {
            for (int version = 1; version <= 3; version++) {
                byte[] file = npy(version, "<f8", shape);
                refusedCheaply(write("forged.npy", file), NpyReader::readArray, "forged.npy: ");
                refusedCheaply(write("forged.npy", file), NpyReader::readPointCloud, "forged.npy: ");
                byte[] npz = NpyFuzz.zip(Map.of("images.npy", npy(version, "|u1", shape.replace(",)", ", 3, 32, 32)")),
                        "labels.npy", npy(1, "|u1", "(10,)")), true);
                NpzDatasetReader reader = new NpzDatasetReader();
                refusedCheaply(write("forged.npz", npz), f -> reader.open(f, Parameters.defaults(reader)), "forged.npz");
            }
        }
    }

    private static void refusedCheaply(Path file, Consumer<Path> read, String messageStart) throws Exception {
        long length = Files.size(file);
        long before = Allocation.current();
        long start = System.nanoTime();
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> read.accept(file));
        long millis = (System.nanoTime() - start) / 1_000_000;
        long allocated = Allocation.current() - before;
        String m = e.getMessage();
        assertTrue(m.startsWith(messageStart) && !m.contains("\n"), m);
        assertTrue(allocated < length + MARGIN, allocated + " bytes allocated for a " + length + "-byte file: " + m);
        assertTrue(millis < 1000, millis + " ms: " + m);
        System.out.printf("forged %s (%d bytes): refused in %d ms, %d bytes allocated: %s%n", file.getFileName(), length,
                millis, allocated, m);
    }

    private Path write(String name, byte[] bytes) throws Exception {
        return Files.write(dir.resolve(name), bytes);
    }

    /** An IDX header with the given dimensions, then 1 KiB of data. */
    private static byte[] idx(byte type, int... dims) {
        ByteBuffer b = ByteBuffer.allocate(4 + 4 * dims.length + 1024);
        b.put((byte) 0).put((byte) 0).put(type).put((byte) dims.length);
        for (int d : dims) {
            b.putInt(d);
        }
        return b.array();
    }

    /** A .npy header with the given shape, then 1 KiB of data. */
    private static byte[] npy(int version, String descr, String shape) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int lengthBytes = version == 1 ? 2 : 4;
        int unpadded = 8 + lengthBytes + dict.length() + 1;
        String header = dict + " ".repeat((64 - unpadded % 64) % 64) + "\n";
        ByteBuffer b = ByteBuffer.allocate(8 + lengthBytes + header.length() + 1024).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) header.length());
        } else {
            b.putInt(header.length());
        }
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }
}
