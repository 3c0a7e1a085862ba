package org.toposcope.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;

import org.toposcope.core.AtomicFiles;

/**
 * Writes little-endian C-order .npy files (format 1.0, or 2.0 when the header needs it) that NumPy and
 * {@link NpyReader} read back bit-exactly. A file appears complete or not at all: the bytes go to a
 * temporary file in the same folder, are forced to disk, and are then renamed over the target
 * atomically.
 */
public final class NpyWriter {

    private static final int CHUNK = 1 << 20;

    private NpyWriter() {
    }

    /** Writes {@code values} (C order) as a {@code <f4} array of {@code shape}. */
    public static void write(Path file, int[] shape, float[] values) {
        checkShape(shape, values.length);
        write(file, "<f4", shape, values.length, 4, (buffer, from, count) -> {
            for (int i = 0; i < count; i++) {
                buffer.putFloat(values[from + i]);
            }
        });
    }

    /** Writes {@code values} (C order) as a {@code <f8} array of {@code shape}. */
    public static void write(Path file, int[] shape, double[] values) {
        checkShape(shape, values.length);
        write(file, "<f8", shape, values.length, 8, (buffer, from, count) -> {
            for (int i = 0; i < count; i++) {
                buffer.putDouble(values[from + i]);
            }
        });
    }

    /** Writes {@code array} as a {@code <f8} array. */
    public static void write(Path file, NpyArray array) {
        write(file, array.shape(), array.values());
    }

    private interface Source {
        void put(ByteBuffer buffer, int from, int count);
    }

    private static void checkShape(int[] shape, int length) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
            // past int range the count only needs to stay "too large", unless a 0 empties it
            count = count > Integer.MAX_VALUE ? (d == 0 ? 0 : count) : count * d;
        }
        if (count != length) {
            throw new IllegalArgumentException(length + " values do not fill shape " + Arrays.toString(shape));
        }
    }

    /** The preamble and header dict, padded with blanks to a multiple of 64 bytes and ending in '\n'. */
    static byte[] header(String descr, int[] shape) {
        StringBuilder shapeText = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            shapeText.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        shapeText.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + shapeText + ", }";
        int version = (10 + dict.length() + 1 + 63) / 64 * 64 - 10 <= 0xffff ? 1 : 2;
        int prefix = version == 1 ? 10 : 12;
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) version).put((byte) 0);
        if (version == 1) {
            b.putShort((short) (total - prefix));
        } else {
            b.putInt(total - prefix);
        }
        b.put(dict.getBytes(StandardCharsets.US_ASCII));
        while (b.remaining() > 1) {
            b.put((byte) ' ');
        }
        b.put((byte) '\n');
        return b.array();
    }

    private static void write(Path file, String descr, int[] shape, int count, int itemBytes, Source source) {
        AtomicFiles.write(file, Inputs.name(file) + ": cannot write", channel -> {
            writeFully(channel, ByteBuffer.wrap(header(descr, shape)));
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int perChunk = CHUNK / itemBytes;
            for (int from = 0; from < count; from += perChunk) {
                buffer.clear();
                source.put(buffer, from, Math.min(perChunk, count - from));
                buffer.flip();
                writeFully(channel, buffer);
            }
        });
    }

    private static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
