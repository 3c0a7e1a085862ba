package org.toposcope.activations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.toposcope.core.ToposcopeException;

/**
 * The .npy header of the arrays an activations folder holds: written for a known final shape before
 * the rows are streamed after it, and read back (versions 1.0 to 3.0) to check a file against the
 * manifest before any row is read.
 */
final class NpyFiles {

    record Header(String descr, boolean fortranOrder, long[] shape, long dataOffset) {
    }

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Pattern DESCR = Pattern.compile("['\"]descr['\"]\\s*:\\s*['\"]([^'\"]*)['\"]");
    private static final Pattern FORTRAN = Pattern.compile("['\"]fortran_order['\"]\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("['\"]shape['\"]\\s*:\\s*\\(([^)]*)\\)");

    private NpyFiles() {
    }

    /** Preamble and dict, padded with blanks to a multiple of 64 bytes, ending in a newline (format 1.0, or 2.0 if long). */
    static byte[] header(String descr, long[] shape) {
        StringBuilder s = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            s.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        s.append(shape.length == 1 ? ",)" : ")");
        String dict = "{'descr': '" + descr + "', 'fortran_order': False, 'shape': " + s + ", }";
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

    static Header read(FileChannel channel, String name) throws IOException {
        ByteBuffer preamble = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        readFully(channel, preamble, 0, name);
        for (int i = 0; i < MAGIC.length; i++) {
            if (preamble.get(i) != MAGIC[i]) {
                throw new ToposcopeException(name + ": byte 0: not a .npy file (no \\x93NUMPY magic)");
            }
        }
        int major = preamble.get(6);
        long length;
        int prefix;
        if (major == 1) {
            length = preamble.getShort(8) & 0xffff;
            prefix = 10;
        } else if (major == 2 || major == 3) {
            length = preamble.getInt(8) & 0xffffffffL;
            prefix = 12;
        } else {
            throw new ToposcopeException(name + ": byte 6: unknown .npy format version " + major);
        }
        if (length > (1 << 20) || prefix + length > channel.size()) {
            throw new ToposcopeException(name + ": byte 8: header length " + length + " does not fit the file");
        }
        ByteBuffer text = ByteBuffer.allocate((int) length);
        readFully(channel, text, prefix, name);
        String dict = new String(text.array(), major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(dict);
        Matcher f = FORTRAN.matcher(dict);
        Matcher s = SHAPE.matcher(dict);
        if (!d.find() || !f.find() || !s.find()) {
            throw new ToposcopeException(name + ": byte " + prefix + ": header lacks descr, fortran_order or shape");
        }
        String[] parts = s.group(1).split(",");
        int rank = 0;
        long[] shape = new long[parts.length];
        for (String part : parts) {
            String t = part.trim();
            if (t.isEmpty()) {
                continue;
            }
            try {
                shape[rank++] = Long.parseLong(t.endsWith("L") ? t.substring(0, t.length() - 1) : t);
            } catch (NumberFormatException e) {
                throw new ToposcopeException(name + ": byte " + prefix + ": shape (" + s.group(1) + ") is not a tuple of integers");
            }
        }
        return new Header(d.group(1), f.group(1).equals("True"), java.util.Arrays.copyOf(shape, rank), prefix + length);
    }

    static void readFully(FileChannel channel, ByteBuffer buffer, long position, String name) throws IOException {
        long at = position;
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, at);
            if (n < 0) {
                throw new ToposcopeException(name + ": byte " + at + ": file ends early");
            }
            at += n;
        }
        buffer.flip();
    }

    static void writeFully(FileChannel channel, ByteBuffer buffer) throws IOException {
        while (buffer.hasRemaining()) {
            channel.write(buffer);
        }
    }
}
