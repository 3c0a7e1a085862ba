package org.toposcope.diagrams.io;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.JsonWriter;
import com.google.gson.stream.MalformedJsonException;

/**
 * Reads and writes persistence diagrams.
 * <ul>
 * <li>CSV: header {@code dim,birth,death}, finite pairs then essential classes (death {@code inf}) of
 * each dimension in turn; numbers as {@link Double#toString}, which parses back to the same double.</li>
 * <li>JSON: {@code {"name": ..., "dimensions": [{"dim": 0, "pairs": [[b, d], ...], "essential": [b, ...]}]}}.</li>
 * <li>Read only: plain text with {@code birth death} or {@code dim birth death} per line, separated by
 * whitespace or commas, as gudhi and ripser export them; {@code inf} accepted for a death; blank lines
 * and {@code #} comments skipped.</li>
 * </ul>
 * Every problem with a file is a {@link ToposcopeException} whose one-line message starts with the file
 * and, for bad content, the line: {@code diagram.csv:7: death 0.5 < birth 1.0}.
 */
public final class DiagramFiles {

    /** Highest homology dimension a diagram file may hold. */
    public static final int MAX_DIMENSION = 3;

    private static final Pattern SEPARATORS = Pattern.compile("[\\s,]+");
    private static final Pattern JSON_LINE = Pattern.compile(" at line (\\d+) ");
    /** Possessive, so a long run of digits followed by junk fails in linear time, not by quadratic backtracking. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?+(?:\\d++(?:\\.\\d*+)?+|\\.\\d++)(?:[eE][+-]?+\\d++)?+");

    private DiagramFiles() {
    }

    // ---------------------------------------------------------------- writing

    public static void writeCsv(PersistenceDiagram d, Writer out) throws IOException {
        out.write("dim,birth,death\n");
        StringBuilder line = new StringBuilder(64);
        for (PersistenceDiagram.Dimension dim : d.dimensions()) {
            int k = dim.dimension();
            for (int i = 0; i < dim.finiteCount(); i++) {
                line.setLength(0);
                line.append(k).append(',').append(number(dim.birth(i))).append(',').append(number(dim.death(i))).append('\n');
                out.append(line);
            }
            for (double b : dim.essentialBirths()) {
                line.setLength(0);
                line.append(k).append(',').append(number(b)).append(",inf\n");
                out.append(line);
            }
        }
        out.flush();
    }

    public static void writeJson(PersistenceDiagram d, Writer out) throws IOException {
        JsonWriter json = new JsonWriter(out);
        // gson is strict about non-finite numbers; lenient output writes them as Infinity/-Infinity, which read() accepts
        json.setLenient(true);
        json.beginObject();
        json.name("name").value(d.name());
        json.name("dimensions").beginArray();
        for (PersistenceDiagram.Dimension dim : d.dimensions()) {
            json.beginObject();
            json.name("dim").value(dim.dimension());
            json.name("pairs").beginArray();
            for (int i = 0; i < dim.finiteCount(); i++) {
                json.beginArray().value(dim.birth(i)).value(dim.death(i)).endArray();
            }
            json.endArray();
            json.name("essential").beginArray();
            for (double b : dim.essentialBirths()) {
                json.value(b);
            }
            json.endArray();
            json.endObject();
        }
        json.endArray();
        json.endObject();
        json.flush();
        out.write('\n');
        out.flush();
    }

    /**
     * Writes JSON when the file name ends with {@code .json}, CSV otherwise. Atomic: the content goes to a
     * temporary file in the same folder, which then replaces {@code file} in one rename, so readers never
     * see a half-written diagram.
     */
    public static void write(PersistenceDiagram d, Path file) {
        AtomicFiles.write(file, file + ": cannot write the diagram", channel -> {
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            if (isJson(file)) {
                writeJson(d, out);
            } else {
                writeCsv(d, out);
            }
            out.flush();
        });
    }

    // ---------------------------------------------------------------- reading

    /** Reads any of the formats above; JSON is recognised by its first character, not by the name. */
    public static PersistenceDiagram read(Path file) {
        String text;
        java.nio.ByteBuffer bytes = null;
        try {
            bytes = java.nio.ByteBuffer.wrap(Files.readAllBytes(file));
            text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT).decode(bytes).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            // the decoder stops at the start of the malformed sequence
            throw new ToposcopeException(file + ": byte " + bytes.position() + ": not UTF-8 text");
        } catch (NoSuchFileException e) {
            throw new ToposcopeException(file + ": no such file");
        } catch (IOException e) {
            throw new ToposcopeException(file + ": cannot read: " + describe(e), e);
        }
        String name = stem(file);
        String trimmed = text.stripLeading();
        return trimmed.startsWith("{") ? readJson(file, name, text) : readText(file, name, text);
    }

    /** Pairs of one dimension while reading. */
    private static final class Collected {
        final DoubleList births = new DoubleList();
        final DoubleList deaths = new DoubleList();
        final DoubleList essential = new DoubleList();
    }

    private static PersistenceDiagram readText(Path file, String name, String text) {
        List<Collected> dims = new ArrayList<>();
        int columns = 0; // fixed by the header or the first data line
        boolean seenContent = false;
        try (BufferedReader in = new BufferedReader(new StringReader(text))) {
            String raw;
            int lineNo = 0;
            while ((raw = in.readLine()) != null) {
                lineNo++;
                String line = raw;
                int hash = line.indexOf('#');
                if (hash >= 0) {
                    line = line.substring(0, hash);
                }
                line = line.strip();
                if (line.isEmpty()) {
                    continue;
                }
                String[] tokens = SEPARATORS.split(line);
                if (!seenContent) {
                    seenContent = true;
                    if (isHeader(tokens)) {
                        if (tokens.length != 2 && tokens.length != 3) {
                            throw bad(file, lineNo, "header needs birth,death or dim,birth,death, found " + line);
                        }
                        columns = tokens.length;
                        continue;
                    }
                }
                if (columns == 0) {
                    if (tokens.length != 2 && tokens.length != 3) {
                        throw bad(file, lineNo, "expected 'birth death' or 'dim birth death', found " + tokens.length + " columns");
                    }
                    columns = tokens.length;
                } else if (tokens.length != columns) {
                    throw bad(file, lineNo, "expected " + columns + " columns like the lines before, found " + tokens.length);
                }
                int dim = 0;
                if (columns == 3) {
                    dim = dimension(file, lineNo, tokens[0]);
                }
                double birth = number(file, lineNo, "birth", tokens[columns - 2]);
                double death = number(file, lineNo, "death", tokens[columns - 1]);
                add(file, lineNo, dims, dim, birth, death);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringReader does not fail
        }
        return build(name, dims);
    }

    private static boolean isHeader(String[] tokens) {
        for (String t : tokens) {
            switch (t.toLowerCase(Locale.ROOT)) {
                case "dim", "dimension", "birth", "death" -> { }
                default -> {
                    return false;
                }
            }
        }
        return true;
    }

    private static PersistenceDiagram readJson(Path file, String defaultName, String text) {
        JsonReader json = new JsonReader(new StringReader(text));
        json.setLenient(true); // for Infinity / -Infinity, which writeJson produces for non-finite values
        String name = defaultName;
        List<Collected> dims = new ArrayList<>();
        try {
            json.beginObject();
            while (json.hasNext()) {
                String key = json.nextName();
                switch (key) {
                    case "name" -> name = json.nextString();
                    case "dimensions" -> {
                        json.beginArray();
                        while (json.hasNext()) {
                            readJsonDimension(file, json, dims);
                        }
                        json.endArray();
                    }
                    default -> json.skipValue();
                }
            }
            json.endObject();
            if (json.peek() != JsonToken.END_DOCUMENT) {
                throw bad(file, line(json), "unexpected content after the diagram");
            }
        } catch (MalformedJsonException | IllegalStateException | NumberFormatException e) {
            throw bad(file, line(json), "not a diagram in JSON at " + json.getPath() + ": " + firstLine(e.getMessage()));
        } catch (java.io.EOFException e) {
            throw bad(file, line(json), "the JSON ends early");
        } catch (IOException e) {
            throw bad(file, line(json), firstLine(e.getMessage()));
        }
        return build(name, dims);
    }

    private static void readJsonDimension(Path file, JsonReader json, List<Collected> dims) throws IOException {
        int dimLine = line(json);
        Integer dim = null;
        DoubleList births = new DoubleList();
        DoubleList deaths = new DoubleList();
        IntList pairLines = new IntList();
        DoubleList essential = new DoubleList();
        IntList essentialLines = new IntList();
        json.beginObject();
        while (json.hasNext()) {
            String key = json.nextName();
            switch (key) {
                case "dim" -> {
                    int at = line(json);
                    double v = json.nextDouble();
                    if (v != Math.rint(v) || v < 0 || v > MAX_DIMENSION) {
                        throw bad(file, at, "dimension " + number(v) + " is not an integer from 0 to " + MAX_DIMENSION);
                    }
                    dim = (int) v;
                }
                case "pairs" -> {
                    json.beginArray();
                    while (json.hasNext()) {
                        int at = line(json);
                        json.beginArray();
                        double b = json.nextDouble();
                        double d = json.nextDouble();
                        if (json.hasNext()) {
                            throw bad(file, at, "a pair has more than [birth, death]");
                        }
                        json.endArray();
                        births.add(b);
                        deaths.add(d);
                        pairLines.add(at);
                    }
                    json.endArray();
                }
                case "essential" -> {
                    json.beginArray();
                    while (json.hasNext()) {
                        essentialLines.add(line(json));
                        essential.add(json.nextDouble());
                    }
                    json.endArray();
                }
                default -> json.skipValue();
            }
        }
        json.endObject();
        if (dim == null) {
            throw bad(file, dimLine, "a dimension without \"dim\"");
        }
        while (dims.size() <= dim) { // an empty dimension is still a dimension
            dims.add(new Collected());
        }
        for (int i = 0; i < births.size(); i++) {
            add(file, pairLines.get(i), dims, dim, births.get(i), deaths.get(i));
        }
        for (int i = 0; i < essential.size(); i++) {
            add(file, essentialLines.get(i), dims, dim, essential.get(i), Double.POSITIVE_INFINITY);
        }
    }

    /** The line gson's reader is at, parsed from its description: gson has no public accessor for it. */
    private static int line(JsonReader json) {
        Matcher m = JSON_LINE.matcher(json.toString());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static void add(Path file, int lineNo, List<Collected> dims, int dim, double birth, double death) {
        if (Double.isNaN(birth) || Double.isNaN(death)) {
            throw bad(file, lineNo, "NaN is not a birth or death");
        }
        if (Double.isInfinite(birth)) {
            throw bad(file, lineNo, "birth must be finite, not " + number(birth));
        }
        if (death < birth) {
            throw bad(file, lineNo, "death " + number(death) + " < birth " + number(birth));
        }
        while (dims.size() <= dim) {
            dims.add(new Collected());
        }
        Collected c = dims.get(dim);
        if (death == Double.POSITIVE_INFINITY) {
            c.essential.add(birth);
        } else {
            c.births.add(birth);
            c.deaths.add(death);
        }
    }

    private static PersistenceDiagram build(String name, List<Collected> dims) {
        List<PersistenceDiagram.Dimension> out = new ArrayList<>(dims.size());
        for (int k = 0; k < dims.size(); k++) {
            Collected c = dims.get(k);
            out.add(new PersistenceDiagram.Dimension(k, c.births.toArray(), c.deaths.toArray(), c.essential.toArray()));
        }
        return new PersistenceDiagram(name, out);
    }

    private static int dimension(Path file, int lineNo, String token) {
        double v = number(file, lineNo, "dimension", token);
        if (v != Math.rint(v) || v < 0 || v > MAX_DIMENSION) {
            throw bad(file, lineNo, "dimension '" + token + "' is not an integer from 0 to " + MAX_DIMENSION);
        }
        return (int) v;
    }

    private static double number(Path file, int lineNo, String what, String token) {
        switch (token.toLowerCase(Locale.ROOT)) {
            case "inf", "+inf", "infinity", "+infinity" -> {
                return Double.POSITIVE_INFINITY;
            }
            case "-inf", "-infinity" -> {
                return Double.NEGATIVE_INFINITY;
            }
            default -> { }
        }
        // Double.parseDouble would also take "0x1p3", "1d" or "NaN"; accept only plain decimal numbers
        if (!DECIMAL.matcher(token).matches()) {
            throw bad(file, lineNo, what + " '" + token + "' is not a number");
        }
        return Double.parseDouble(token);
    }

    private static String number(double v) {
        if (v == Double.POSITIVE_INFINITY) {
            return "inf";
        }
        if (v == Double.NEGATIVE_INFINITY) {
            return "-inf";
        }
        return Double.toString(v);
    }

    private static ToposcopeException bad(Path file, int lineNo, String problem) {
        // quoted content (a JSON key, a token) may hold line breaks or control characters: keep the message one line
        return new ToposcopeException(file + ":" + lineNo + ": " + problem.replaceAll("[\\p{Cntrl}\\u0085\\u2028\\u2029]", "?"));
    }

    private static boolean isJson(Path file) {
        return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json");
    }

    private static String stem(Path file) {
        String n = file.getFileName().toString();
        int dot = n.lastIndexOf('.');
        return dot > 0 ? n.substring(0, dot) : n;
    }

    private static String describe(Exception e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        String msg = t.getMessage();
        return t.getClass().getSimpleName() + (msg == null ? "" : " " + firstLine(msg));
    }

    private static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** Growable double array: diagrams are read without boxing. */
    private static final class DoubleList {
        private double[] a = new double[16];
        private int size;

        void add(double v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        double get(int i) {
            return a[i];
        }

        int size() {
            return size;
        }

        double[] toArray() {
            return java.util.Arrays.copyOf(a, size);
        }
    }

    private static final class IntList {
        private int[] a = new int[16];
        private int size;

        void add(int v) {
            if (size == a.length) {
                a = java.util.Arrays.copyOf(a, size * 2);
            }
            a[size++] = v;
        }

        int get(int i) {
            return a[i];
        }
    }
}
