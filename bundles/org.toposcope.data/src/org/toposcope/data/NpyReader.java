package org.toposcope.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;

/**
 * Reads NumPy .npy files, format versions 1.0, 2.0 and 3.0, of dtypes {@code <f4 <f8 >f4 >f8 <i4 <i8
 * >i4 >i8} (converted to double; 64-bit integers beyond 2^53 round), in C or Fortran order. The header
 * is checked against the file's length before any array is allocated, so a forged header costs
 * nothing. Bytes after the data are ignored, as NumPy does (several arrays may be saved into one
 * file). Every problem is a {@link ToposcopeException} "file: byte N: problem".
 */
public final class NpyReader {

    /** Headers are a few hundred bytes; NumPy itself refuses more than 10000 by default. */
    public static final int MAX_HEADER_LENGTH = NpyFormat.MAX_HEADER_LENGTH;

    private static final int CHUNK = 1 << 20;

    private NpyReader() {
    }

    /**
     * A point cloud from a 2-D array (rows are points). NaN and infinite values are rejected; a (0, d)
     * array is an empty cloud. The name is the file name; provenance is anonymous.
     */
    public static PointCloud readPointCloud(Path file) {
        String name = Inputs.name(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Layout layout = layout(channel, name);
            long[] shape = layout.header.shape();
            if (shape.length != 2) {
                throw new ToposcopeException(name + ": a point cloud needs a 2-D array, this one has shape "
                        + NpyHeader.format(shape));
            }
            if (shape[0] > 0 && shape[1] == 0) {
                throw new ToposcopeException(name + ": shape " + NpyHeader.format(shape) + " has points without coordinates");
            }
            double[] values = values(channel, layout, true);
            int size = (int) shape[0];
            return new PointCloud(name, size, (int) shape[1], values, Provenance.anonymous(size));
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
    }

    /** An array of any rank, values in C order as stored (NaN and infinities included). */
    public static NpyArray readArray(Path file) {
        String name = Inputs.name(file);
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            Layout layout = layout(channel, name);
            long[] shape = layout.header.shape();
            int[] dims = new int[shape.length];
            for (int i = 0; i < dims.length; i++) {
                dims[i] = (int) shape[i];
            }
            return new NpyArray(dims, values(channel, layout, false));
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
    }

    /** The element types we read, by their NumPy descr without the byte-order character. */
    enum Type {
        F4(4), F8(8), I4(4), I8(8), U1(1);

        final int bytes;

        Type(int bytes) {
            this.bytes = bytes;
        }

        static Type of(String kindAndSize) {
            return switch (kindAndSize) {
                case "f4" -> F4;
                case "f8" -> F8;
                case "i4" -> I4;
                case "i8" -> I8;
                case "u1" -> U1;
                default -> null;
            };
        }
    }

    /** Where and how a .npy file's array is stored; checked against the file's length. */
    record Layout(String name, NpyFormat.Header header, Type type, ByteOrder order, long dataOffset, int count) {
    }

    private static Layout layout(FileChannel channel, String name) throws IOException {
        return layout(channel, name, false);
    }

    /**
     * The checked layout of the array in {@code channel}; {@code allowBytes} also admits unsigned bytes
     * ({@code |u1}), as image arrays are stored.
     */
    static Layout layout(SeekableByteChannel channel, String name, boolean allowBytes) throws IOException {
        long size = channel.size();
        NpyFormat.Header header = NpyFormat.readHeader(channel, name);
        long dataOffset = header.dataOffset();
        // shape errors name the byte the header dict starts at: 10 in format 1.0, 12 in 2.0 and 3.0
        int headerOffset = read(channel, 6, 1).get(0) == 1 ? 10 : 12;

        String descr = header.descr();
        char byteOrder = descr.isEmpty() ? '?' : descr.charAt(0);
        Type type = descr.length() == 3 ? Type.of(descr.substring(1)) : null;
        boolean byteType = type == Type.U1 && allowBytes && (byteOrder == '|' || byteOrder == '<' || byteOrder == '>');
        if (type == null || (type == Type.U1 && !byteType) || (!byteType && byteOrder != '<' && byteOrder != '>')) {
            throw new ToposcopeException(name + ": dtype '" + NpyHeader.printable(descr) + "' is not supported (only "
                    + (allowBytes ? "|u1 " : "") + "<f4 <f8 >f4 >f8 <i4 <i8 >i4 >i8 are)");
        }
        long count = 1;
        long bytes;
        try {
            for (long d : header.shape()) {
                count = Math.multiplyExact(count, d);
            }
            bytes = Math.multiplyExact(count, type.bytes);
        } catch (ArithmeticException e) {
            throw error(name, headerOffset, "header shape " + NpyHeader.format(header.shape()) + " is too large");
        }
        if (bytes > size - dataOffset) {
            throw error(name, headerOffset, "header shape " + NpyHeader.format(header.shape()) + " needs " + bytes
                    + " bytes but the file has " + (size - dataOffset) + " after the header");
        }
        if (count > Inputs.MAX_ARRAY) {
            throw error(name, headerOffset, "header shape " + NpyHeader.format(header.shape()) + " has " + count
                    + " values, more than fit in one Java array");
        }
        for (long d : header.shape()) {
            if (d > Integer.MAX_VALUE) {
                throw error(name, headerOffset, "header shape " + NpyHeader.format(header.shape())
                        + " has a dimension larger than " + Integer.MAX_VALUE);
            }
        }
        ByteOrder order = byteOrder == '<' ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
        return new Layout(name, header, type, order, dataOffset, (int) count);
    }

    /** All values in C order; with {@code finite}, a NaN or infinity is an error naming its byte. */
    static double[] values(SeekableByteChannel channel, Layout layout, boolean finite) throws IOException {
        int count = layout.count;
        double[] values = Inputs.doubles(layout.name, count);
        int itemBytes = layout.type.bytes;
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.min(CHUNK, (long) count * itemBytes)).order(layout.order);
        long position = layout.dataOffset;
        int k = 0;
        while (k < count) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), (long) (count - k) * itemBytes));
            readFully(channel, chunk, position);
            int n = chunk.limit() / itemBytes;
            switch (layout.type) {
                case F4 -> {
                    for (int i = 0; i < n; i++) {
                        values[k + i] = chunk.getFloat(i * 4);
                    }
                }
                case F8 -> {
                    for (int i = 0; i < n; i++) {
                        values[k + i] = chunk.getDouble(i * 8);
                    }
                }
                case I4 -> {
                    for (int i = 0; i < n; i++) {
                        values[k + i] = chunk.getInt(i * 4);
                    }
                }
                case I8 -> {
                    for (int i = 0; i < n; i++) {
                        values[k + i] = chunk.getLong(i * 8);
                    }
                }
                case U1 -> {
                    for (int i = 0; i < n; i++) {
                        values[k + i] = chunk.get(i) & 0xff;
                    }
                }
            }
            if (finite) {
                for (int i = 0; i < n; i++) {
                    double v = values[k + i];
                    if (!Double.isFinite(v)) {
                        throw error(layout.name, position + (long) i * itemBytes,
                                Double.isNaN(v) ? "NaN is not allowed" : "infinite coordinate " + v + " is not allowed");
                    }
                }
            }
            k += n;
            position += (long) n * itemBytes;
        }
        return layout.header.fortranOrder() && layout.header.shape().length > 1 ? toCOrder(layout.name, values, layout.header.shape())
                : values;
    }

    /** Fortran (first index fastest) to C order (last index fastest), walking the C order once. */
    private static double[] toCOrder(String name, double[] fortran, long[] shape) {
        int rank = shape.length;
        long[] strides = new long[rank];
        long stride = 1;
        for (int d = 0; d < rank; d++) {
            strides[d] = stride;
            stride *= shape[d];
        }
        double[] c = Inputs.doubles(name, fortran.length);
        int[] index = new int[rank];
        long offset = 0;
        for (int k = 0; k < c.length; k++) {
            c[k] = fortran[(int) offset];
            for (int d = rank - 1; d >= 0; d--) {
                if (++index[d] < shape[d]) {
                    offset += strides[d];
                    break;
                }
                index[d] = 0;
                offset -= strides[d] * (shape[d] - 1);
            }
        }
        return c;
    }

    /**
     * Elements {@code first .. first+count-1} (C order of a C-order array) as floats divided by {@code divisor},
     * into {@code out} from {@code offset}; reads in chunks of at most a megabyte.
     */
    static void floats(SeekableByteChannel channel, Layout layout, long first, int count, float divisor, float[] out, int offset)
            throws IOException {
        int itemBytes = layout.type.bytes;
        ByteBuffer chunk = ByteBuffer.allocate((int) Math.max(1, Math.min(CHUNK, (long) count * itemBytes))).order(layout.order);
        long position = layout.dataOffset + first * itemBytes;
        int k = 0;
        while (k < count) {
            chunk.clear();
            chunk.limit((int) Math.min(chunk.capacity(), (long) (count - k) * itemBytes));
            readFully(channel, chunk, position);
            int n = chunk.limit() / itemBytes;
            int o = offset + k;
            switch (layout.type) {
                case F4 -> {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = chunk.getFloat(i * 4) / divisor;
                    }
                }
                case F8 -> {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = (float) chunk.getDouble(i * 8) / divisor;
                    }
                }
                case I4 -> {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = chunk.getInt(i * 4) / divisor;
                    }
                }
                case I8 -> {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = chunk.getLong(i * 8) / divisor;
                    }
                }
                case U1 -> {
                    for (int i = 0; i < n; i++) {
                        out[o + i] = (chunk.get(i) & 0xff) / divisor;
                    }
                }
            }
            k += n;
            position += (long) n * itemBytes;
        }
    }

    private static ByteBuffer read(SeekableByteChannel channel, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length);
        readFully(channel, b, position);
        b.flip();
        return b;
    }

    private static void readFully(SeekableByteChannel channel, ByteBuffer b, long position) throws IOException {
        NpyFormat.readFully(channel, b, position);
    }

    private static ToposcopeException error(String name, long byteOffset, String problem) {
        return new ToposcopeException(name + ": byte " + byteOffset + ": " + problem);
    }
}
