package org.toposcope.models.internal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.toposcope.core.ToposcopeException;

/**
 * Tells model files apart by their bytes before any engine sees them, so that pickled Python objects
 * are refused without being interpreted: only the first bytes and the zip central directory are read
 * (java.util.zip) to decide. A TorchScript archive's entries are then checked against their CRC-32s.
 */
public final class ModelFiles {

    /** What a model file is, judged from its first bytes and, for zips, its entry names. */
    public enum Kind {
        /** A zip with {@code <root>/code/...} and {@code <root>/constants.pkl}: torch.jit.save. */
        TORCHSCRIPT,
        /** Pickled Python objects: a {@code .pkl} file, a legacy torch.save, or a torch.save zip without code. */
        PICKLE,
        /** Anything else (ONNX protobuf, text, garbage): for the engine to judge. */
        OTHER
    }

    public static final String EXPORT_HINT = "export it with tools/export_for_toposcope.py (TorchScript .pt or .onnx) and load that file";

    private static final byte[] ZIP_LOCAL = {'P', 'K', 3, 4};
    private static final byte[] ZIP_EMPTY = {'P', 'K', 5, 6};
    private static final int PICKLE_PROTO = 0x80;
    private static final Pattern OLD_GLOBAL = Pattern.compile("c[A-Za-z_][\\w.]*\n");

    private ModelFiles() {
    }

    /** The name used in messages. */
    public static String name(Path file) {
        Path n = file.getFileName();
        return n == null ? file.toString() : n.toString();
    }

    /** Classifies the file; a missing, unreadable, empty, or corrupt zip file is a one-line error. */
    public static Kind kind(Path file) {
        String name = name(file);
        String lower = name.toLowerCase(Locale.ROOT);
        byte[] head = head(file, name);
        if (head.length == 0) {
            throw new ToposcopeException(name + ": empty file");
        }
        if (lower.endsWith(".pkl") || lower.endsWith(".pickle")) {
            return Kind.PICKLE;
        }
        if ((head[0] & 0xff) == PICKLE_PROTO && head.length > 1 && head[1] >= 2 && head[1] <= 5) {
            return Kind.PICKLE;
        }
        if (oldProtocolPickle(file, name, head)) {
            return Kind.PICKLE;
        }
        if (startsWith(head, ZIP_LOCAL) || startsWith(head, ZIP_EMPTY)) {
            return zipKind(file, name);
        }
        return Kind.OTHER;
    }

    /** Refuses pickles with the reason and what to do instead. */
    public static ToposcopeException pickleRefusal(Path file, String what) {
        return new ToposcopeException(name(file) + ": refused: " + what
                + "; unpickling runs arbitrary Python code, so Toposcope never does it: " + EXPORT_HINT);
    }

    /** A description of the first bytes, for "not a ... file" messages. */
    public static String describeHead(Path file) {
        byte[] head = head(file, name(file));
        int n = Math.min(8, head.length);
        return "it starts with bytes " + HexFormat.ofDelimiter(" ").formatHex(head, 0, n);
    }

    private static Kind zipKind(Path file, String name) {
        boolean code = false;
        boolean constants = false;
        boolean data = false;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            Enumeration<? extends ZipEntry> entries = zip.entries();
            while (entries.hasMoreElements()) {
                String entry = entries.nextElement().getName();
                int slash = entry.indexOf('/');
                String inRoot = slash < 0 ? entry : entry.substring(slash + 1);
                code |= inRoot.startsWith("code/");
                constants |= inRoot.equals("constants.pkl");
                data |= inRoot.equals("data.pkl");
            }
            if (code && constants) {
                verifyChecksums(zip, name);
                return Kind.TORCHSCRIPT;
            }
        } catch (ZipException e) {
            throw new ToposcopeException(name + ": corrupt or truncated zip archive (" + oneLine(e.getMessage()) + ")", e);
        } catch (IOException e) {
            throw ioError(name, e);
        }
        if (data) {
            return Kind.PICKLE;
        }
        return Kind.OTHER;
    }

    /** libtorch does not check CRCs, so a damaged weight would load silently: check them here (~1 GB/s). */
    private static void verifyChecksums(ZipFile zip, String name) throws IOException {
        byte[] buffer = new byte[1 << 16];
        CRC32 crc = new CRC32();
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
            ZipEntry entry = entries.nextElement();
            if (entry.isDirectory() || entry.getCrc() < 0) {
                continue;
            }
            crc.reset();
            try (InputStream in = zip.getInputStream(entry)) {
                int n;
                while ((n = in.read(buffer)) > 0) {
                    crc.update(buffer, 0, n);
                }
            } catch (EOFException e) {
                // the inflater ran out of compressed bytes: the entry's data is cut short or damaged
                throw new ToposcopeException(name + ": corrupt zip entry " + entry.getName() + " (" + oneLine(e.getMessage()) + ")", e);
            }
            if (crc.getValue() != entry.getCrc()) {
                throw new ToposcopeException(name + ": corrupt zip entry " + entry.getName() + " (CRC-32 mismatch)");
            }
        }
    }

    private static byte[] head(Path file, String name) {
        try (InputStream in = Files.newInputStream(file)) {
            return in.readNBytes(16);
        } catch (IOException e) {
            throw ioError(name, e);
        }
    }

    /**
     * Protocols 0 and 1 have no PROTO opcode: such a pickle starts with GLOBAL ("c" module newline),
     * MARK, EMPTY_DICT or EMPTY_LIST and ends with STOP ("."); no zip or ONNX protobuf (first byte 0x08) does.
     */
    private static boolean oldProtocolPickle(Path file, String name, byte[] head) {
        boolean start = switch (head[0]) {
            case '(', '}', ']', ')' -> true;
            case 'c' -> OLD_GLOBAL.matcher(new String(head, StandardCharsets.ISO_8859_1)).lookingAt();
            default -> false;
        };
        if (!start) {
            return false;
        }
        try (SeekableByteChannel channel = Files.newByteChannel(file)) {
            ByteBuffer last = ByteBuffer.allocate(1);
            channel.position(channel.size() - 1).read(last);
            return last.get(0) == '.';
        } catch (IOException e) {
            throw ioError(name, e);
        }
    }

    private static boolean startsWith(byte[] head, byte[] magic) {
        if (head.length < magic.length) {
            return false;
        }
        for (int i = 0; i < magic.length; i++) {
            if (head[i] != magic[i]) {
                return false;
            }
        }
        return true;
    }

    static ToposcopeException ioError(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ToposcopeException(name + ": no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new ToposcopeException(name + ": permission denied", e);
        }
        return new ToposcopeException(name + ": cannot read: " + oneLine(e.getMessage()), e);
    }

    /**
     * The informative line of an engine's message: PyTorch puts a TorchScript traceback before the
     * "RuntimeError: ..." line that says what went wrong.
     */
    public static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "no detail given";
        }
        String text = message;
        int error = text.lastIndexOf("Error: ");
        if (error >= 0 && text.lastIndexOf('\n', error) >= 0) {
            int lineStart = text.lastIndexOf('\n', error) + 1;
            text = text.substring(lineStart);
        }
        for (String line : text.split("\n")) {
            String t = line.strip();
            if (!t.isEmpty()) {
                return t.length() > 400 ? t.substring(0, 400) + "..." : t;
            }
        }
        return "no detail given";
    }
}
