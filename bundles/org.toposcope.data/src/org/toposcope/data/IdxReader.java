package org.toposcope.data;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

import org.toposcope.core.ToposcopeException;

/**
 * Reads IDX files (MNIST, Fashion-MNIST, ...), raw or gzip-compressed (recognised by the bytes 1f 8b,
 * whatever the name). An IDX file is two zero bytes, a type code, a rank, {@code rank} big-endian
 * int32 dimensions, then the elements in C order, big-endian. The declared size is checked against
 * the file's length before anything is allocated; a compressed file's data is read in chunks into an
 * array that grows only as far as the declared size, so a forged header costs at most a chunk. Bytes
 * after the data are an error. Every problem is a {@link ToposcopeException} "file: byte N: problem",
 * N counting bytes of the uncompressed IDX content.
 */
public final class IdxReader {

    /** IDX files in use have rank 1 to 4; a larger rank is more likely garbage than data. */
    public static final int MAX_RANK = 8;

    private static final int GZIP_BUFFER = 1 << 16;
    private static final int FIRST_CHUNK = 1 << 20;

    private IdxReader() {
    }

    /** The array in {@code file}, in the IDX file's own type. */
    public static IdxArray read(Path file) {
        Raw raw = readRaw(file);
        return new IdxArray(raw.shape, raw.type, ByteBuffer.wrap(raw.data));
    }

    /**
     * Images (a ubyte file of rank 3: count, rows, cols) and their labels (an integer file of rank 1,
     * values 0 to 255), as in MNIST's {@code *-images-idx3-ubyte} and {@code *-labels-idx1-ubyte}.
     */
    public static LabelledImages readImages(Path images, Path labels) {
        String imagesName = Inputs.name(images);
        String labelsName = Inputs.name(labels);
        Raw im = readRaw(images);
        if (im.type != IdxArray.UBYTE || im.shape.length != 3) {
            throw new ToposcopeException(imagesName + ": images need ubyte of rank 3 (count, rows, cols), this file has "
                    + describe(im.shape, im.type));
        }
        Raw lb = readRaw(labels);
        if (lb.shape.length != 1 || lb.type == IdxArray.FLOAT || lb.type == IdxArray.DOUBLE) {
            throw new ToposcopeException(labelsName + ": labels need integers of rank 1, this file has "
                    + describe(lb.shape, lb.type));
        }
        if (lb.shape[0] != im.shape[0]) {
            throw new ToposcopeException(labelsName + ": " + lb.shape[0] + " labels for the " + im.shape[0]
                    + " images of " + imagesName);
        }
        IdxArray array = new IdxArray(lb.shape, lb.type, ByteBuffer.wrap(lb.data));
        int[] values = new int[lb.shape[0]];
        for (int i = 0; i < values.length; i++) {
            int v = array.intValue(i);
            if (v < 0 || v > 255) {
                throw error(labelsName, lb.dataOffset + (long) i * array.elementSize(),
                        "label " + v + " of image " + i + " is not in 0..255");
            }
            values[i] = v;
        }
        return new LabelledImages(im.shape[0], im.shape[1], im.shape[2], im.data, values);
    }

    private record Raw(int[] shape, byte type, byte[] data, int dataOffset) {
    }

    /** Counts what has been read, to name byte offsets and where a compressed stream broke. */
    private static final class Source {
        final String name;
        InputStream in;
        long position;

        Source(String name) {
            this.name = name;
        }

        /** Reads up to {@code length} bytes; fewer only at the end of the stream. */
        int readUpTo(byte[] b, int offset, int length) throws IOException {
            int n = in.readNBytes(b, offset, length);
            position += n;
            return n;
        }
    }

    private static Raw readRaw(Path file) {
        String name = Inputs.name(file);
        Source source = new Source(name);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            ByteBuffer first = ByteBuffer.allocate(2);
            while (first.hasRemaining() && channel.read(first) >= 0) {
                // a channel may return fewer bytes than asked
            }
            channel.position(0);
            boolean gzip = first.position() == 2 && first.get(0) == (byte) 0x1f && first.get(1) == (byte) 0x8b;
            if (!gzip) {
                source.in = Channels.newInputStream(channel);
                return parse(source, size);
            }
            try {
                source.in = new GZIPInputStream(Channels.newInputStream(channel), GZIP_BUFFER);
                return parse(source, -1);
            } catch (EOFException e) {
                throw new ToposcopeException(name + ": truncated gzip stream (it ends after " + source.position
                        + " uncompressed bytes)", e);
            } catch (ZipException e) {
                throw new ToposcopeException(name + ": corrupt gzip stream after " + source.position
                        + " uncompressed bytes: " + e.getMessage(), e);
            }
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
    }

    /** {@code size} is the file's length when it is uncompressed, else -1. */
    private static Raw parse(Source source, long size) throws IOException {
        String name = source.name;
        byte[] head = new byte[4 * (1 + MAX_RANK)];
        int n = source.readUpTo(head, 0, 4);
        if ((n > 0 && head[0] != 0) || (n > 1 && head[1] != 0)) {
            StringBuilder magic = new StringBuilder();
            for (int i = 0; i < n; i++) {
                magic.append(i == 0 ? "" : " ").append(String.format("%02x", head[i] & 0xff));
            }
            throw error(name, 0, "not an IDX file (magic " + magic + "; IDX starts with 00 00, a type and a rank)");
        }
        if (n < 4) {
            throw error(name, n, "the file ends inside the 4-byte IDX magic");
        }
        byte type = head[2];
        int elementSize = IdxArray.elementSize(type);
        if (elementSize < 0) {
            throw error(name, 2, "unknown IDX type code " + IdxArray.typeName(type)
                    + " (known: 08 ubyte, 09 byte, 0b short, 0c int, 0d float, 0e double)");
        }
        int rank = head[3] & 0xff;
        if (rank < 1 || rank > MAX_RANK) {
            throw error(name, 3, "rank " + rank + " is not supported (1 to " + MAX_RANK + " are)");
        }
        int dataOffset = 4 + 4 * rank;
        n = source.readUpTo(head, 4, 4 * rank);
        if (n < 4 * rank) {
            throw error(name, 4 + n, "the file ends inside the " + rank + " dimensions");
        }
        ByteBuffer dims = ByteBuffer.wrap(head); // big-endian
        int[] shape = new int[rank];
        long[] longShape = new long[rank];
        boolean empty = false;
        for (int d = 0; d < rank; d++) {
            shape[d] = dims.getInt(4 + 4 * d);
            if (shape[d] < 0) {
                throw error(name, 4 + 4 * d, "dimension " + d + " is negative (" + shape[d] + ")");
            }
            longShape[d] = shape[d];
            empty |= shape[d] == 0;
        }
        String what = "shape " + NpyHeader.format(longShape) + " of " + IdxArray.typeName(type);
        long bytes = empty ? 0 : elementSize;
        try {
            for (int d = 0; d < rank && !empty; d++) {
                bytes = Math.multiplyExact(bytes, shape[d]);
            }
        } catch (ArithmeticException e) {
            throw error(name, 4, what + " is too large");
        }
        if (size >= 0) {
            long remaining = size - dataOffset;
            if (bytes > remaining) {
                throw error(name, dataOffset, what + " needs " + bytes + " bytes but the file has " + remaining
                        + " after the header");
            }
            if (bytes < remaining) {
                throw error(name, dataOffset + bytes, "the data ends here but the file has " + (remaining - bytes == 1 ? "1 byte"
                        : (remaining - bytes) + " bytes") + " more");
            }
        }
        if (bytes > Inputs.MAX_ARRAY) {
            throw error(name, 4, what + " needs " + bytes + " bytes, more than fit in one Java array");
        }
        byte[] data = size >= 0 ? allocate(name, (int) bytes) : readGrowing(source, (int) bytes, dataOffset, what);
        if (size >= 0 && source.readUpTo(data, 0, data.length) < data.length) {
            // the length was checked before; only a file shrinking under us gets here
            throw error(name, source.position, "the file ended while being read");
        }
        if (size < 0 && source.in.read() >= 0) {
            throw error(name, dataOffset + bytes, "the data ends here but the file goes on");
        }
        return new Raw(shape, type, data, dataOffset);
    }

    /** The data of a compressed file, in an array doubled as it fills, never beyond {@code bytes}. */
    private static byte[] readGrowing(Source source, int bytes, int dataOffset, String what) throws IOException {
        byte[] data = allocate(source.name, Math.min(bytes, FIRST_CHUNK));
        int filled = 0;
        while (filled < bytes) {
            if (filled == data.length) {
                int capacity = (int) Math.min(bytes, 2L * data.length);
                try {
                    data = Arrays.copyOf(data, capacity);
                } catch (OutOfMemoryError e) {
                    throw outOfMemory(source.name, capacity);
                }
            }
            int n = source.readUpTo(data, filled, data.length - filled);
            filled += n;
            if (filled < data.length) {
                throw error(source.name, dataOffset, what + " needs " + bytes + " bytes but the file has " + filled
                        + " after the header");
            }
        }
        return data;
    }

    private static byte[] allocate(String name, int bytes) {
        try {
            return new byte[bytes];
        } catch (OutOfMemoryError e) {
            throw outOfMemory(name, bytes);
        }
    }

    private static ToposcopeException outOfMemory(String name, long bytes) {
        return new ToposcopeException(name + ": not enough memory for " + bytes + " bytes; give Java a larger heap (-Xmx)");
    }

    private static String describe(int[] shape, byte type) {
        return "shape " + NpyHeader.format(Arrays.stream(shape).asLongStream().toArray()) + " of " + IdxArray.typeName(type);
    }

    private static ToposcopeException error(String name, long byteOffset, String problem) {
        return new ToposcopeException(name + ": byte " + byteOffset + ": " + problem);
    }
}
