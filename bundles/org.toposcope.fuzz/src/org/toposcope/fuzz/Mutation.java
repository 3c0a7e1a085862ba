package org.toposcope.fuzz;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * One change to a valid file. Positions are taken modulo the length, so one mutation applies to any
 * file; half of them fall in the first 64 bytes, where headers are. Random bytes come from
 * {@code value} as a seed, so a failing case prints and replays exactly.
 */
public record Mutation(Kind kind, int position, int value, int length) {

    /** What a mutation does. */
    public enum Kind {
        /** Keep the first {@code position} bytes. */
        TRUNCATE,
        /** XOR one byte with {@code value}'s low byte (never 0). */
        FLIP_BYTE,
        /** Flip {@code length} random bits from {@code position} on. */
        FLIP_BITS,
        /** Write {@code value} as 4 big-endian bytes: a forged size, count or dimension. */
        FORGE_INT_BE,
        /** Write {@code value} as 4 little-endian bytes. */
        FORGE_INT_LE,
        /** Write a 8-byte little-endian {@code value} or huge number. */
        FORGE_LONG_LE,
        /** Insert {@code length} random bytes. */
        INSERT_GARBAGE,
        /** Delete {@code length} bytes. */
        DELETE,
        /** Repeat {@code length} bytes in place. */
        DUPLICATE,
        /** Append {@code length} random bytes. */
        APPEND_GARBAGE,
        /** The empty file. */
        EMPTY,
        /** {@code length * 16} random bytes instead of the file. */
        GARBAGE,
        /** Replace a number or word of text with an exotic one (NaN, inf, 1e999, huge digit strings, ...). */
        TEXT_TOKEN,
        /** Repeat one line of text, or drop it. */
        TEXT_LINE,
        /** Insert a text fragment: a separator, a quote, a control character, a long run of digits. */
        TEXT_INSERT
    }

    private static final String[] TOKENS = {"NaN", "nan", "inf", "-inf", "Infinity", "-Infinity", "+inf", "1e999",
        "-1e999", "4.9e-324", "1e-400", "0x1p3", "1_000", "--1", "1.2.3", "1e", "e5", ".", "-", "+", "", "0",
        "-0", "00000000000000000000000000001", "99999999999999999999999999999", "2147483648", "-2147483649",
        "9223372036854775808", "1,5", "1;2", "\"1\"", "'x'", "true", "null", "~", "[]", "{}", "[1,", "{a: ",
        "&anchor", "*anchor", "!!binary", "!!python/object:os.system", "%YAML 1.1", "---", "...", "? ", "- ", "|",
        ">", "#", "\t", "\u0000", "\u00e9", "\ufeff", "\\u0000"};

    private static final String[] INSERTS = {"\n", "\r\n", "\r", ",", " ", "\t", "#", ":", ": ", "- ", "\"", "'",
        "\u0000", "\u0085", "\u2028", "\ud800", "[", "]", "{", "}", "\n\n\n", "   -   ", "1 2 3 4 5 6 7 8 9\n", "nan nan\n",
        "*a", "&a ", "<<: *a\n"};

    /** Applies the mutation to a copy of {@code bytes}. */
    public byte[] apply(byte[] bytes) {
        int n = bytes.length;
        int at = n == 0 ? 0 : Math.floorMod(position, n);
        Random random = new Random(value);
        switch (kind) {
            case TRUNCATE:
                return Arrays.copyOf(bytes, n == 0 ? 0 : Math.floorMod(position, n));
            case FLIP_BYTE: {
                byte[] b = bytes.clone();
                if (n > 0) {
                    int mask = value & 0xff;
                    b[at] ^= (byte) (mask == 0 ? 0xff : mask);
                }
                return b;
            }
            case FLIP_BITS: {
                byte[] b = bytes.clone();
                for (int i = 0; i < length && n > 0; i++) {
                    int bit = random.nextInt(Math.min(n - at, 64) * 8);
                    b[at + bit / 8] ^= (byte) (1 << (bit % 8));
                }
                return b;
            }
            case FORGE_INT_BE:
                return write(bytes, at, ByteBuffer.allocate(4).order(ByteOrder.BIG_ENDIAN).putInt(value).array());
            case FORGE_INT_LE:
                return write(bytes, at, ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array());
            case FORGE_LONG_LE: {
                long big = (length % 2 == 0) ? value : ((long) value << 32) | 0xffffffffL;
                return write(bytes, at, ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(big).array());
            }
            case INSERT_GARBAGE:
                return splice(bytes, at, 0, randomBytes(random, length));
            case DELETE:
                return splice(bytes, at, Math.min(length, n - at), new byte[0]);
            case DUPLICATE:
                return splice(bytes, at, 0, Arrays.copyOfRange(bytes, at, Math.min(n, at + length)));
            case APPEND_GARBAGE:
                return splice(bytes, n, 0, randomBytes(random, length));
            case EMPTY:
                return new byte[0];
            case GARBAGE:
                return randomBytes(random, length * 16);
            case TEXT_TOKEN:
                return replaceToken(bytes, at, TOKENS[Math.floorMod(value, TOKENS.length)]);
            case TEXT_LINE:
                return line(bytes, at, length % 3 == 0);
            case TEXT_INSERT: {
                String fragment = INSERTS[Math.floorMod(value, INSERTS.length)];
                if (length > 48) {
                    fragment = "9".repeat(length * 100); // a token longer than any buffer
                }
                return splice(bytes, at, 0, fragment.getBytes(StandardCharsets.UTF_8));
            }
            default:
                throw new IllegalStateException(kind.toString());
        }
    }

    /** Applies the mutations in order. */
    public static byte[] applyAll(byte[] bytes, List<Mutation> mutations) {
        byte[] b = bytes;
        for (Mutation m : mutations) {
            b = m.apply(b);
        }
        return b;
    }

    /** Mutations of binary files (no text-specific kinds). */
    public static Arbitrary<Mutation> binary() {
        return of(Arbitraries.of(Kind.TRUNCATE, Kind.FLIP_BYTE, Kind.FLIP_BITS, Kind.FORGE_INT_BE, Kind.FORGE_INT_LE,
                Kind.FORGE_LONG_LE, Kind.INSERT_GARBAGE, Kind.DELETE, Kind.DUPLICATE, Kind.APPEND_GARBAGE, Kind.EMPTY,
                Kind.GARBAGE));
    }

    /** Mutations of text files: the binary ones, rarer, and token, line and fragment changes. */
    public static Arbitrary<Mutation> text() {
        return of(Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(Kind.TEXT_TOKEN, Kind.TEXT_LINE, Kind.TEXT_INSERT)),
                net.jqwik.api.Tuple.of(2, Arbitraries.of(Kind.TRUNCATE, Kind.FLIP_BYTE, Kind.DELETE, Kind.DUPLICATE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Kind.INSERT_GARBAGE, Kind.APPEND_GARBAGE, Kind.FLIP_BITS,
                        Kind.EMPTY, Kind.GARBAGE))));
    }

    /** Zero to three mutations; no mutation at all in about one case in eight, to check valid files read. */
    public static Arbitrary<List<Mutation>> listOf(Arbitrary<Mutation> mutation) {
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.just(List.<Mutation>of())),
                net.jqwik.api.Tuple.of(7, mutation.list().ofMinSize(1).ofMaxSize(3)));
    }

    private static Arbitrary<Mutation> of(Arbitrary<Kind> kinds) {
        Arbitrary<Integer> positions = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, 63)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, Integer.MAX_VALUE)));
        Arbitrary<Integer> values = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.of(0, 1, -1, 2, 7, 255, 256, 65535, 1 << 20, 1 << 24, 1 << 30,
                        Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MAX_VALUE - 8, 0x7f7f7f7f, 0x10000001)),
                net.jqwik.api.Tuple.of(3, Arbitraries.integers()));
        Arbitrary<Integer> lengths = Arbitraries.integers().between(1, 64);
        return Combinators.combine(kinds, positions, values, lengths).as(Mutation::new);
    }

    private static byte[] write(byte[] bytes, int at, byte[] field) {
        byte[] b = bytes.clone();
        for (int i = 0; i < field.length && at + i < b.length; i++) {
            b[at + i] = field[i];
        }
        return b;
    }

    private static byte[] splice(byte[] bytes, int at, int remove, byte[] insert) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + insert.length);
        out.write(bytes, 0, at);
        out.write(insert, 0, insert.length);
        out.write(bytes, at + remove, bytes.length - at - remove);
        return out.toByteArray();
    }

    private static byte[] randomBytes(Random random, int count) {
        byte[] b = new byte[count];
        random.nextBytes(b);
        return b;
    }

    /** Replaces the token (a run of non-separator bytes) around {@code at}. */
    private static byte[] replaceToken(byte[] bytes, int at, String token) {
        int n = bytes.length;
        int start = at;
        while (start > 0 && !separator(bytes[start - 1])) {
            start--;
        }
        int end = at;
        while (end < n && !separator(bytes[end])) {
            end++;
        }
        return splice(bytes, start, end - start, token.getBytes(StandardCharsets.UTF_8));
    }

    private static boolean separator(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == ',' || b == ':' || b == '[' || b == ']';
    }

    /** Duplicates or drops the line holding {@code at}. */
    private static byte[] line(byte[] bytes, int at, boolean drop) {
        int n = bytes.length;
        int start = at;
        while (start > 0 && bytes[start - 1] != '\n') {
            start--;
        }
        int end = at;
        while (end < n && bytes[end] != '\n') {
            end++;
        }
        end = Math.min(n, end + 1);
        return drop ? splice(bytes, start, end - start, new byte[0])
                : splice(bytes, start, 0, Arrays.copyOfRange(bytes, start, end));
    }
}
