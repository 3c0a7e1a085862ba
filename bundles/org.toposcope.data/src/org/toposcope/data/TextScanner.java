package org.toposcope.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.toposcope.core.ToposcopeException;

/**
 * Reads rows of numbers from a text file, byte by byte, without building a String per line: a file
 * without line breaks (or binary garbage) then costs a fixed buffer, never memory in its length.
 * Values are separated by blanks and at most one comma; a row ends at a line break; blank lines and
 * lines whose first non-blank character is {@code #} are skipped. Every problem is a
 * {@link ToposcopeException} "name:line: problem".
 */
final class TextScanner implements AutoCloseable {

    /** Longer tokens are not numbers anyone writes; the bound keeps garbage from growing a buffer. */
    static final int MAX_TOKEN = 400;

    private final InputStream in;
    private final String name;
    private final long size;
    private final byte[] buffer = new byte[1 << 16];
    private int position;
    private int limit;
    private boolean endOfInput;
    private int line = 1;
    private int rowLine;
    private boolean inRow;
    private final byte[] token = new byte[MAX_TOKEN];
    private int tokenLength;

    private TextScanner(InputStream in, String name, long size) {
        this.in = in;
        this.name = name;
        this.size = size;
    }

    /** Opens a file; its size is known (-1 for pipes and devices) so callers can bound allocations. */
    static TextScanner open(Path file) {
        String name = Inputs.name(file);
        try {
            long size = Files.isRegularFile(file) ? Files.size(file) : -1;
            TextScanner s = new TextScanner(Files.newInputStream(file), name, size);
            s.skipByteOrderMark();
            return s;
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
    }

    String name() {
        return name;
    }

    /** The file's length in bytes, or -1 when it is not a regular file. */
    long size() {
        return size;
    }

    /** The line the current (or last) row is on; rows are single lines. */
    int rowLine() {
        return rowLine;
    }

    /** "name:line: problem" for the current row. */
    ToposcopeException error(String problem) {
        return error(rowLine, problem);
    }

    ToposcopeException error(int atLine, String problem) {
        return new ToposcopeException(name + ":" + atLine + ": " + problem);
    }

    /**
     * Moves to the next row that holds values, skipping what is left of the current one, blank lines
     * and comments; false at the end of the input.
     */
    boolean nextRow() {
        if (inRow) {
            skipRestOfLine();
            inRow = false;
        }
        while (true) {
            int c = peek();
            if (c < 0) {
                return false;
            }
            if (c == '\n') {
                position++;
                line++;
            } else if (isBlank(c)) {
                position++;
            } else if (c == '#') {
                skipRestOfLine();
            } else {
                inRow = true;
                rowLine = line;
                return true;
            }
        }
    }

    /** Whether the current row has another value; at its end, consumes the line break. */
    boolean hasValue() {
        if (!inRow) {
            return false;
        }
        skipBlanks();
        int c = peek();
        if (c < 0 || c == '\n') {
            if (c == '\n') {
                position++;
                line++;
            }
            inRow = false;
            return false;
        }
        return true;
    }

    /** Skips one value of the current row without parsing it (to count a row that is too long). */
    void skipValue() {
        readToken();
    }

    /** The next value as a finite or infinite double; NaN, words and out-of-range numbers are errors. */
    double nextDouble() {
        readToken();
        return parseToken();
    }

    /** The next value as a point index 0 .. Integer.MAX_VALUE - 1 (so that size = index + 1 fits). */
    int nextIndex() {
        readToken();
        long v = 0;
        boolean ok = tokenLength > 0 && tokenLength <= 10;
        for (int i = 0; ok && i < tokenLength; i++) {
            int d = token[i] - '0';
            ok = d >= 0 && d <= 9;
            v = v * 10 + d;
        }
        if (!ok || v >= Integer.MAX_VALUE) {
            throw error(shownToken() + " is not a point index (0 to " + (Integer.MAX_VALUE - 1) + ")");
        }
        return (int) v;
    }

    /** The current token, quoted and made printable, for messages. */
    String shownToken() {
        StringBuilder b = new StringBuilder(tokenLength + 2).append('\'');
        int shown = Math.min(tokenLength, 40);
        for (int i = 0; i < shown; i++) {
            int c = token[i] & 0xff;
            if (c >= 0x20 && c < 0x7f) {
                b.append((char) c);
            } else {
                b.append(String.format("\\x%02x", c));
            }
        }
        if (shown < tokenLength) {
            b.append("...");
        }
        return b.append('\'').toString();
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
    }

    private void readToken() {
        int c = peek();
        if (c == ',') {
            throw error("empty value before ','");
        }
        tokenLength = 0;
        while (c >= 0 && c != ',' && c != '\n' && !isBlank(c)) {
            if (tokenLength == MAX_TOKEN) {
                throw error("value " + shownToken() + " is longer than " + MAX_TOKEN + " characters");
            }
            token[tokenLength++] = (byte) c;
            position++;
            c = peek();
        }
        // the separator: blanks and at most one comma; a comma at the end of a row is tolerated
        skipBlanks();
        if (peek() == ',') {
            position++;
            skipBlanks();
            if (peek() == ',') {
                throw error("empty value before ','");
            }
        }
    }

    private double parseToken() {
        byte[] t = token;
        int n = tokenLength;
        int i = 0;
        boolean negative = false;
        if (i < n && (t[i] == '+' || t[i] == '-')) {
            negative = t[i] == '-';
            i++;
        }
        if (i < n && isLetter(t[i])) {
            if (wordIs(i, "inf") || wordIs(i, "infinity")) {
                return negative ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
            }
            if (wordIs(i, "nan")) {
                throw error("NaN is not allowed");
            }
            throw notANumber();
        }
        // up to 18 significant digits in a long; beyond, the value lies in [w, w + 1) * 10^q
        long mantissa = 0;
        int significant = 0;
        int exponent = 0;
        boolean digits = false;
        boolean truncated = false;
        for (; i < n && isDigit(t[i]); i++) {
            digits = true;
            if (significant < 18) {
                mantissa = mantissa * 10 + (t[i] - '0');
                significant += mantissa == 0 ? 0 : 1;
            } else {
                truncated |= t[i] != '0';
                exponent++;
            }
        }
        if (i < n && t[i] == '.') {
            for (i++; i < n && isDigit(t[i]); i++) {
                digits = true;
                if (significant < 18) {
                    mantissa = mantissa * 10 + (t[i] - '0');
                    significant += mantissa == 0 ? 0 : 1;
                    exponent--;
                } else {
                    truncated |= t[i] != '0';
                }
            }
        }
        if (!digits) {
            throw notANumber();
        }
        if (i < n && (t[i] == 'e' || t[i] == 'E')) {
            i++;
            boolean negativeExponent = false;
            if (i < n && (t[i] == '+' || t[i] == '-')) {
                negativeExponent = t[i] == '-';
                i++;
            }
            if (i == n) {
                throw notANumber();
            }
            int e = 0;
            for (; i < n && isDigit(t[i]); i++) {
                e = Math.min(e * 10 + (t[i] - '0'), 100_000);
            }
            exponent += negativeExponent ? -e : e;
        }
        if (i != n) {
            throw notANumber();
        }
        double value = DecimalToDouble.convert(mantissa, exponent);
        // a truncated mantissa is decided when both ends of [w, w + 1) * 10^q round alike
        if (truncated && value != DecimalToDouble.convert(mantissa + 1, exponent)) {
            value = Double.NaN;
        }
        if (Double.isNaN(value)) {
            // the syntax checked above is a subset of Java's, which rounds correctly in every case
            value = Math.abs(Double.parseDouble(new String(t, 0, n, StandardCharsets.ISO_8859_1)));
        }
        if (Double.isInfinite(value)) {
            throw error(shownToken() + " is out of range");
        }
        return negative ? -value : value;
    }

    private ToposcopeException notANumber() {
        return error(shownToken() + " is not a number");
    }

    private boolean wordIs(int from, String word) {
        if (tokenLength - from != word.length()) {
            return false;
        }
        for (int k = 0; k < word.length(); k++) {
            if (Character.toLowerCase((char) (token[from + k] & 0xff)) != word.charAt(k)) {
                return false;
            }
        }
        return true;
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isLetter(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z');
    }

    private static boolean isBlank(int c) {
        return c == ' ' || c == '\t' || c == '\r' || c == '\f' || c == 0x0b;
    }

    private void skipBlanks() {
        int c;
        while ((c = peek()) >= 0 && isBlank(c)) {
            position++;
        }
    }

    private void skipRestOfLine() {
        while (true) {
            if (position == limit && !fill()) {
                return;
            }
            if (buffer[position++] == '\n') {
                line++;
                return;
            }
        }
    }

    private void skipByteOrderMark() {
        if (peek() == 0xef && limit - position >= 3 && (buffer[position + 1] & 0xff) == 0xbb
                && (buffer[position + 2] & 0xff) == 0xbf) {
            position += 3;
        }
    }

    private int peek() {
        if (position == limit && !fill()) {
            return -1;
        }
        return buffer[position] & 0xff;
    }

    private boolean fill() {
        if (endOfInput) {
            return false;
        }
        try {
            // readNBytes returns 0 only at the end of the input
            int read = in.readNBytes(buffer, 0, buffer.length);
            position = 0;
            limit = read;
            endOfInput = read == 0;
            return read > 0;
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
    }
}
