package org.toposcope.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * Runs the reference scripts of the tests under {@code /usr/bin/python3}: Debian's numpy, scipy, sklearn,
 * gudhi and torch import only there, and a {@code python3} earlier on the PATH may be another interpreter.
 */
public final class SystemPython {

    public static final String PATH = "/usr/bin/python3";
    private static final long MINUTES = 5;

    private SystemPython() {
    }

    /**
     * Runs {@code script} with {@code arguments}; returns its standard output lines. A failure, or a run
     * longer than five minutes, throws an AssertionError carrying the script's standard error.
     */
    public static List<String> run(Path script, String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(PATH, script.toString()));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(script.toAbsolutePath().getParent(), "python", ".out");
        Path err = Files.createTempFile(script.toAbsolutePath().getParent(), "python", ".err");
        try {
            Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!process.waitFor(MINUTES, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish in " + MINUTES + " minutes");
            }
            if (process.exitValue() != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + process.exitValue() + "):\n"
                        + Files.readString(err));
            }
            return Files.readAllLines(out);
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Writes {@code script} to {@code dir}/reference.py and runs it; for scripts kept in the test's source. */
    public static List<String> runText(Path dir, String script, String... arguments) throws IOException, InterruptedException {
        Path file = dir.resolve("reference.py");
        Files.writeString(file, script);
        return run(file, arguments);
    }

    /**
     * Copies {@code scripts/NAME}, shipped in the test fragment that holds {@code anchor}, into {@code dir}:
     * findEntries on the fragment's host also searches its attached fragments.
     */
    public static Path shipped(Class<?> anchor, String name, Path dir) throws IOException {
        Bundle host = FrameworkUtil.getBundle(anchor);
        Enumeration<URL> found = host == null ? null : host.findEntries("scripts", name, false);
        if (found == null || !found.hasMoreElements()) {
            throw new AssertionError("cannot find scripts/" + name + " beside " + anchor.getName());
        }
        Path script = dir.resolve(name);
        try (InputStream in = found.nextElement().openStream()) {
            Files.copy(in, script);
        }
        return script;
    }

    /**
     * Runs {@code script} once on a table of cases (one tab-separated line each, starting with the case's
     * id) and returns each id's answer: the rest of the script's output line {@code "ID ANSWER"}. An
     * answer starting with ERROR, or a missing one, throws an AssertionError.
     */
    public static Map<String, String> runCases(Path script, List<String> cases) throws IOException, InterruptedException {
        Path table = Files.createTempFile(script.toAbsolutePath().getParent(), "cases", ".tsv");
        Files.write(table, cases, StandardCharsets.UTF_8);
        Map<String, String> answers = new LinkedHashMap<>();
        for (String line : run(script, table.toString())) {
            String[] t = line.split(" ", 2);
            if (t.length < 2 || t[1].startsWith("ERROR")) {
                throw new AssertionError(script.getFileName() + " failed on case " + line);
            }
            answers.put(t[0], t[1]);
        }
        if (answers.size() != cases.size()) {
            throw new AssertionError(script.getFileName() + " answered " + answers.size() + " of " + cases.size() + " cases");
        }
        return answers;
    }

    /**
     * Writes a row-major matrix as one whitespace-separated row per line, in Java's shortest round-trip
     * form of each double, which Python's {@code float()} reads back exactly.
     */
    public static Path writeRows(Path file, int rows, int columns, double[] values) throws IOException {
        StringBuilder s = new StringBuilder();
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < columns; c++) {
                s.append(c == 0 ? "" : " ").append(values[r * columns + c]);
            }
            s.append('\n');
        }
        Files.writeString(file, s, StandardCharsets.UTF_8);
        return file;
    }

    /** Parses one line of whitespace-separated numbers. */
    public static double[] numbers(String line) {
        String[] t = line.trim().split("\\s+");
        double[] v = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            v[i] = Double.parseDouble(t[i]);
        }
        return v;
    }
}
