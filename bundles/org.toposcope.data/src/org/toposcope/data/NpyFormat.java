package org.toposcope.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.SeekableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import org.toposcope.core.ToposcopeException;

/**
 * The .npy header codec shared by every reader and writer of .npy files: the header NumPy writes for
 * a C-order array, and the checked header of a file (magic, version 1.0 to 3.0, header length
 * against the file's size, strictly parsed dict). It sets no limit on the array's size, so arrays
 * read in chunks may hold more values than one Java array; {@link NpyReader} adds that limit.
 */
public final class NpyFormat {

    /** A checked .npy header: dtype, order, shape and where the data start. Immutable. */
    public record Header(String descr, boolean fortranOrder, long[] shape, long dataOffset) {

        public Header {
            shape = shape.clone();
        }

        @Override
        public long[] shape() {
            return shape.clone();
        }

        /** The length of dimension {@code axis}, without copying the shape. */
        public long dimension(int axis) {
            return shape[axis];
        }

        /** The number of dimensions. */
        public int rank() {
            return shape.length;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Header h && h.descr.equals(descr) && h.fortranOrder == fortranOrder && Arrays.equals(h.shape, shape)
                    && h.dataOffset == dataOffset;
        }

        @Override
        public int hashCode() {
            return (descr.hashCode() * 31 + Arrays.hashCode(shape)) * 31 + Long.hashCode(dataOffset) + (fortranOrder ? 1 : 0);
        }

        @Override
        public String toString() {
            return "Header[" + descr + (fortranOrder ? " Fortran order " : " ") + NpyHeader.format(shape) + " at " + dataOffset + "]";
        }
    }

    /** Headers are a few hundred bytes; NumPy itself refuses more than 10000 by default. */
    public static final int MAX_HEADER_LENGTH = 1 << 20;

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private NpyFormat() {
    }

    /**
     * The preamble and header dict of a C-order array of {@code descr} and {@code shape}, padded with
     * blanks to a multiple of 64 bytes and ending in '\n' (format 1.0, or 2.0 if the dict is that long).
     */
    public static byte[] header(String descr, long... shape) {
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in shape " + Arrays.toString(shape));
            }
        }
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + NpyHeader.format(shape) + ", }";
        int version = (10 + dict.length() + 1 + 63) / 64 * 64 - 10 <= 0xffff ? 1 : 2;
        int prefix = version == 1 ? 10 : 12;
        int total = (prefix + dict.length() + 1 + 63) / 64 * 64;
        ByteBuffer b = ByteBuffer.allocate(total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(MAGIC).put((byte) version).put((byte) 0);
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

    /**
     * The checked header of the .npy file in {@code channel} (read from byte 0); errors are one-line
     * {@link ToposcopeException}s "name: byte N: problem". The dtype and the data's length are not checked.
     */
    public static Header readHeader(SeekableByteChannel channel, String name) throws IOException {
        long size = channel.size();
        ByteBuffer preamble = ByteBuffer.allocate((int) Math.min(size, 12));
        readFully(channel, preamble, 0);
        preamble.flip();
        for (int i = 0; i < MAGIC.length; i++) {
            if (i == preamble.limit()) {
                throw error(name, i, "the file ends inside the .npy magic string");
            }
            if (preamble.get(i) != MAGIC[i]) {
                throw error(name, 0, "not a .npy file (it does not start with \\x93NUMPY)");
            }
        }
        if (preamble.limit() < 8) {
            throw error(name, preamble.limit(), "the file ends before the .npy format version");
        }
        int major = preamble.get(6) & 0xff;
        int minor = preamble.get(7) & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw error(name, 6, ".npy format version " + major + "." + minor + " is not supported (1.0, 2.0 and 3.0 are)");
        }
        int headerOffset = major == 1 ? 10 : 12;
        if (preamble.limit() < headerOffset) {
            throw error(name, preamble.limit(), "the file ends inside the header length");
        }
        preamble.order(ByteOrder.LITTLE_ENDIAN);
        long headerLength = major == 1 ? preamble.getShort(8) & 0xffff : preamble.getInt(8) & 0xffffffffL;
        if (headerLength > MAX_HEADER_LENGTH) {
            throw error(name, 8, "header length " + headerLength + " is more than " + MAX_HEADER_LENGTH + " bytes");
        }
        if (headerOffset + headerLength > size) {
            throw error(name, 8, "header length " + headerLength + " runs past the end of the file (" + size + " bytes)");
        }
        ByteBuffer headerBytes = ByteBuffer.allocate((int) headerLength);
        readFully(channel, headerBytes, headerOffset);
        // latin-1 maps each byte to one char, so string indices are byte offsets (also for 3.0's UTF-8)
        String text = new String(headerBytes.array(), 0, headerBytes.position(), StandardCharsets.ISO_8859_1);
        NpyHeader dict = NpyHeader.parse(name, text, headerOffset);
        return new Header(dict.descr(), dict.fortranOrder(), dict.shape(), headerOffset + headerLength);
    }

    /** Fills {@code buffer}'s remaining bytes from {@code position} on (the buffer is not flipped). */
    public static void readFully(SeekableByteChannel channel, ByteBuffer buffer, long position) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            channel.position(at);
            int n = channel.read(buffer);
            if (n < 0) {
                // lengths are checked against the header first; only a file shrinking under us gets here
                throw new IOException("file ended at byte " + at + " while reading");
            }
            at += n;
        }
    }

    /** Writes all of {@code buffer}'s remaining bytes. */
    public static void writeFully(WritableByteChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }

    private static ToposcopeException error(String name, long byteOffset, String problem) {
        return new ToposcopeException(name + ": byte " + byteOffset + ": " + problem);
    }
}
