package org.toposcope.comparison;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;

/**
 * CSV files of comparison results (RFC 4180 quoting, UTF-8, "\n" line ends). A matrix file's header row
 * is the matrix name followed by the column labels, and every further row is a row label followed by
 * its values; values are written with {@link Double#toString}, so they read back bit for bit (NaN and
 * Infinity included). Files are written atomically.
 */
public final class ComparisonFiles {

    private ComparisonFiles() {
    }

    public static void writeCsv(DistanceMatrix matrix, Path file) {
        StringBuilder s = new StringBuilder();
        s.append(field(file, matrix.name()));
        for (String label : matrix.columnLabels()) {
            s.append(',').append(field(file, label));
        }
        s.append('\n');
        for (int i = 0; i < matrix.rows(); i++) {
            s.append(field(file, matrix.rowLabels().get(i)));
            for (int j = 0; j < matrix.columns(); j++) {
                s.append(',').append(Double.toString(matrix.get(i, j)));
            }
            s.append('\n');
        }
        write(file, s);
    }

    /** Columns layer, removed, fraction_removed, diagram_distance, similarity; one row per k. */
    public static void writeCsv(SensitivityCurve curve, Path file) {
        StringBuilder s = new StringBuilder("layer,removed,fraction_removed,diagram_distance,similarity\n");
        String layer = field(file, curve.layer());
        int[] removed = curve.removed();
        double[] fraction = curve.fractionRemoved();
        double[] distance = curve.diagramDistance();
        double[] similarity = curve.similarity();
        for (int i = 0; i < removed.length; i++) {
            s.append(layer).append(',').append(removed[i]).append(',').append(fraction[i]).append(',')
                    .append(distance[i]).append(',').append(similarity[i]).append('\n');
        }
        write(file, s);
    }

    /** Reads what {@link #writeCsv(DistanceMatrix, Path)} writes; a one-line error naming file and line otherwise. */
    public static DistanceMatrix readCsv(Path file) {
        List<String> columns = null;
        String name = null;
        List<String> rows = new ArrayList<>();
        double[] values = new double[64];
        int count = 0;
        int line = 0;
        for (String text : lines(file)) {
            line++;
            if (line == 1 && text.startsWith("\uFEFF")) {
                text = text.substring(1); // a byte order mark, as spreadsheet programs write
            }
            List<String> fields = parse(file, line, text);
            if (columns == null) {
                name = fields.get(0);
                columns = fields.subList(1, fields.size());
                continue;
            }
            if (text.isEmpty()) {
                throw new ToposcopeException(file + ":" + line + ": empty line");
            }
            if (fields.size() != columns.size() + 1) {
                throw new ToposcopeException(file + ":" + line + ": " + fields.size() + " fields, expected "
                        + (columns.size() + 1) + " (a row label and " + columns.size() + " values)");
            }
            rows.add(fields.get(0));
            if (count + columns.size() > values.length) {
                long grown = Math.max((long) values.length * 2, (long) count + columns.size());
                if (grown > Integer.MAX_VALUE - 8) {
                    throw new ToposcopeException(file + ":" + line + ": too many values for one matrix");
                }
                values = Arrays.copyOf(values, (int) grown);
            }
            for (int j = 1; j < fields.size(); j++) {
                values[count++] = number(file, line, j + 1, fields.get(j));
            }
        }
        if (columns == null) {
            throw new ToposcopeException(file + ": empty file; expected a header row of column labels");
        }
        return new DistanceMatrix(name, rows, columns, Arrays.copyOf(values, count));
    }

    /** The file's lines ("\n" or "\r\n" ends); strict UTF-8, so a bad byte is reported with its line. */
    private static List<String> lines(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException | OutOfMemoryError e) {
            String message = e.getMessage() == null ? "" : " " + e.getMessage().lines().findFirst().orElse("");
            throw new ToposcopeException(file + ": cannot read: " + e.getClass().getSimpleName() + message, e);
        }
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer text = CharBuffer.allocate(bytes.length); // UTF-8 never has more chars than bytes
        CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder();
        CoderResult result = decoder.decode(in, text, true);
        if (!result.isError()) {
            result = decoder.flush(text);
        }
        if (result.isError()) {
            int line = 1;
            for (int i = 0; i < in.position(); i++) {
                line += bytes[i] == '\n' ? 1 : 0;
            }
            throw new ToposcopeException(file + ":" + line + ": not UTF-8 text (byte " + in.position() + ")");
        }
        text.flip();
        List<String> lines = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.limit(); i++) {
            if (text.get(i) == '\n') {
                int end = i > start && text.get(i - 1) == '\r' ? i - 1 : i;
                lines.add(text.subSequence(start, end).toString());
                start = i + 1;
            }
        }
        if (start < text.limit()) {
            lines.add(text.subSequence(start, text.limit()).toString());
        }
        return lines;
    }

    private static double number(Path file, int line, int column, String text) {
        // Double.parseDouble also takes "1d", "0x1p3" and surrounding blanks; we write and accept plain decimals
        boolean plain = !text.isEmpty() && text.chars().allMatch(c -> c >= '0' && c <= '9' || c == '.' || c == '-'
                || c == '+' || c == 'e' || c == 'E');
        if (plain || text.equals("NaN") || text.equals("Infinity") || text.equals("-Infinity")) {
            try {
                return Double.parseDouble(text);
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw new ToposcopeException(file + ":" + line + ": field " + column + " '" + abbreviate(text) + "' is not a number");
    }

    /** Splits one line into fields, undoing RFC 4180 quoting. */
    private static List<String> parse(Path file, int line, String text) {
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        while (true) {
            field.setLength(0);
            if (i < text.length() && text.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        throw new ToposcopeException(file + ":" + line + ": field " + (fields.size() + 1)
                                + ": quote not closed before the end of the line");
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < text.length() && text.charAt(i) != ',') {
                    throw new ToposcopeException(file + ":" + line + ": field " + (fields.size() + 1)
                            + ": text after the closing quote");
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        throw new ToposcopeException(file + ":" + line + ": field " + (fields.size() + 1)
                                + ": quote inside an unquoted field");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            if (i >= text.length()) {
                return fields;
            }
            i++; // the comma
        }
    }

    private static String field(Path file, String text) {
        if (text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            throw new ToposcopeException(file + ": cannot write label '" + abbreviate(text.replaceAll("[\r\n]", " "))
                    + "': it contains a line break");
        }
        boolean quote = text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || !text.equals(text.strip());
        return quote ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 37) + "...";
    }

    private static void write(Path file, CharSequence content) {
        ByteBuffer bytes = ByteBuffer.wrap(content.toString().getBytes(StandardCharsets.UTF_8));
        AtomicFiles.write(file, file + ": cannot write", channel -> {
            while (bytes.hasRemaining()) {
                channel.write(bytes);
            }
        });
    }
}
