package org.toposcope.data;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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

    private static void write(Path file, String descr, int[] shape, int count, int itemBytes, Source source) {
        AtomicFiles.write(file, Inputs.name(file) + ": cannot write", channel -> {
            NpyFormat.writeFully(channel, ByteBuffer.wrap(NpyFormat.header(descr, Arrays.stream(shape).asLongStream().toArray())));
            ByteBuffer buffer = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
            int perChunk = CHUNK / itemBytes;
            for (int from = 0; from < count; from += perChunk) {
                buffer.clear();
                source.put(buffer, from, Math.min(perChunk, count - from));
                buffer.flip();
                NpyFormat.writeFully(channel, buffer);
            }
        });
    }
}
