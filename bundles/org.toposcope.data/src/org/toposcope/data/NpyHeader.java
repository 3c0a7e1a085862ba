package org.toposcope.data;

import java.util.ArrayList;
import java.util.List;

import org.toposcope.core.ToposcopeException;

/**
 * The dictionary of a .npy header, parsed strictly: a Python literal dict with exactly the keys
 * 'descr' (a string), 'fortran_order' (True/False) and 'shape' (a tuple of integers), an optional
 * trailing comma, then only blanks. Errors name the byte offset in the file.
 */
record NpyHeader(String descr, boolean fortranOrder, long[] shape) {

    /** Shapes of more dimensions than this are not arrays anyone saves; the bound keeps lists small. */
    static final int MAX_DIMENSIONS = 64;

    /** Parses {@code text} (one char per header byte) that starts at byte {@code offset} of file {@code name}. */
    static NpyHeader parse(String name, String text, long offset) {
        return new Parser(name, text, offset).dict();
    }

    /** The shape as Python prints it: (), (5,), (3, 2). */
    static String format(long[] shape) {
        StringBuilder b = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            b.append(i == 0 ? "" : ", ").append(shape[i]);
        }
        return b.append(shape.length == 1 ? ",)" : ")").toString();
    }

    /** At most 40 characters of {@code s}, non-printable ones escaped, for one-line messages. */
    static String printable(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length() && i < 40; i++) {
            char c = s.charAt(i);
            b.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\x%02x", (int) c));
        }
        return s.length() > 40 ? b + "..." : b.toString();
    }

    private static final class Parser {
        private final String name;
        private final String text;
        private final long offset;
        private int at;

        Parser(String name, String text, long offset) {
            this.name = name;
            this.text = text;
            this.offset = offset;
        }

        NpyHeader dict() {
            String descr = null;
            Boolean fortran = null;
            long[] shape = null;
            expect('{');
            while (true) {
                skipBlanks();
                if (peek() == '}') {
                    break;
                }
                int keyAt = at;
                String key = string();
                expect(':');
                skipBlanks();
                switch (key) {
                    case "descr" -> {
                        if (descr != null) {
                            throw error(keyAt, "key 'descr' appears twice");
                        }
                        if (peek() == '[' || peek() == '{') {
                            throw error(at, "structured dtypes are not supported");
                        }
                        descr = string();
                    }
                    case "fortran_order" -> {
                        if (fortran != null) {
                            throw error(keyAt, "key 'fortran_order' appears twice");
                        }
                        fortran = bool();
                    }
                    case "shape" -> {
                        if (shape != null) {
                            throw error(keyAt, "key 'shape' appears twice");
                        }
                        shape = tuple();
                    }
                    default -> throw error(keyAt, "unexpected key '" + printable(key) + "' in the header");
                }
                skipBlanks();
                if (peek() == ',') {
                    at++;
                } else if (peek() != '}') {
                    throw error(at, "expected ',' or '}' in the header, found " + found());
                }
            }
            at++;
            skipBlanks();
            if (at < text.length()) {
                throw error(at, "unexpected " + found() + " after the header dictionary");
            }
            if (descr == null || fortran == null || shape == null) {
                String missing = descr == null ? "descr" : fortran == null ? "fortran_order" : "shape";
                throw error(0, "the header has no key '" + missing + "'");
            }
            return new NpyHeader(descr, fortran, shape);
        }

        private String string() {
            skipBlanks();
            int c = peek();
            if (c != '\'' && c != '"') {
                throw error(at, "expected a quoted string in the header, found " + found());
            }
            int start = ++at;
            while (at < text.length() && text.charAt(at) != c) {
                if (text.charAt(at) == '\\' || text.charAt(at) == '\n') {
                    throw error(at, "unexpected " + found() + " in a header string");
                }
                at++;
            }
            if (at == text.length()) {
                throw error(at, "unterminated string in the header");
            }
            return text.substring(start, at++);
        }

        private boolean bool() {
            if (text.startsWith("True", at)) {
                at += 4;
                return true;
            }
            if (text.startsWith("False", at)) {
                at += 5;
                return false;
            }
            throw error(at, "expected True or False for 'fortran_order', found " + found());
        }

        private long[] tuple() {
            expect('(');
            List<Long> dims = new ArrayList<>();
            boolean comma = false;
            while (true) {
                skipBlanks();
                if (peek() == ')') {
                    break;
                }
                if (dims.size() == MAX_DIMENSIONS) {
                    throw error(at, "shape has more than " + MAX_DIMENSIONS + " dimensions");
                }
                dims.add(integer());
                skipBlanks();
                comma = peek() == ',';
                if (comma) {
                    at++;
                } else if (peek() != ')') {
                    throw error(at, "expected ',' or ')' in the shape, found " + found());
                }
            }
            if (dims.size() == 1 && !comma) {
                throw error(at, "shape (" + dims.get(0) + ") is not a tuple; a 1-D shape is written (" + dims.get(0) + ",)");
            }
            at++;
            long[] shape = new long[dims.size()];
            for (int i = 0; i < shape.length; i++) {
                shape[i] = dims.get(i);
            }
            return shape;
        }

        private long integer() {
            int start = at;
            long v = 0;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                if (v > (Long.MAX_VALUE - 9) / 10) {
                    throw error(start, "shape dimension is too large");
                }
                v = v * 10 + (text.charAt(at++) - '0');
            }
            if (at == start) {
                throw error(at, "expected a non-negative integer in the shape, found " + found());
            }
            if (peek() == 'L') {
                at++; // Python 2 long literal, written by old NumPy versions
            }
            return v;
        }

        private void expect(char c) {
            skipBlanks();
            if (peek() != c) {
                throw error(at, "expected '" + c + "' in the header, found " + found());
            }
            at++;
        }

        private void skipBlanks() {
            while (at < text.length() && (text.charAt(at) == ' ' || text.charAt(at) == '\t' || text.charAt(at) == '\n'
                    || text.charAt(at) == '\r')) {
                at++;
            }
        }

        private int peek() {
            return at < text.length() ? text.charAt(at) : -1;
        }

        private String found() {
            return at < text.length() ? "'" + printable(String.valueOf(text.charAt(at))) + "'" : "the end of the header";
        }

        private ToposcopeException error(int index, String problem) {
            return new ToposcopeException(name + ": byte " + (offset + index) + ": " + problem);
        }
    }
}
