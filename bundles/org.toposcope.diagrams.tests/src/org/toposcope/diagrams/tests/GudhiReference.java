package org.toposcope.diagrams.tests;

import static org.junit.jupiter.api.Assertions.fail;

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
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.diagrams.io.DiagramFiles;

/**
 * Collects cases, writes their diagrams as Toposcope CSV files, and asks gudhi for the reference values
 * in one run of {@code scripts/gudhi_reference.py} under {@code /usr/bin/python3} (the system
 * interpreter, which has gudhi, POT and scipy; a {@code python3} on the PATH may be another one).
 */
final class GudhiReference {

    static final String PYTHON = "/usr/bin/python3";
    private static final String SCRIPT = "gudhi_reference.py";

    private final Path dir;
    private final List<String> lines = new ArrayList<>();
    private final Map<PersistenceDiagram, Path> written = new LinkedHashMap<>();

    GudhiReference(Path dir) {
        this.dir = dir;
    }

    /** Adds a case; {@code b} may be null for one-diagram operations. Returns its id. */
    String add(String op, PersistenceDiagram a, PersistenceDiagram b, String params) {
        String id = "c" + lines.size();
        lines.add(id + "\t" + op + "\t" + file(a) + "\t" + (b == null ? "-" : file(b).toString()) + "\t" + params);
        return id;
    }

    /** Runs gudhi on all cases; every case must have an answer. */
    Map<String, double[]> run() throws IOException, InterruptedException {
        Path cases = dir.resolve("cases.tsv");
        Files.write(cases, lines, StandardCharsets.UTF_8);
        Path script = extractScript();
        Path stdout = dir.resolve("gudhi.out");
        Path stderr = dir.resolve("gudhi.err");
        Process process = new ProcessBuilder(PYTHON, script.toString(), cases.toString())
                .redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            fail("gudhi reference script did not finish in 10 minutes");
        }
        if (process.exitValue() != 0) {
            fail(PYTHON + " " + script + " failed (exit " + process.exitValue() + "); needs python3-gudhi, python3-pot, "
                    + "python3-scipy, python3-sklearn:\n" + Files.readString(stderr));
        }
        Map<String, double[]> results = new LinkedHashMap<>();
        for (String line : Files.readAllLines(stdout)) {
            String[] t = line.split(" ");
            if (t.length > 1 && t[1].equals("ERROR")) {
                fail("gudhi failed on case " + t[0] + " (" + caseLine(t[0]) + "): " + line.substring(t[0].length() + 7));
            }
            double[] v = new double[t.length - 1];
            for (int i = 1; i < t.length; i++) {
                v[i - 1] = parse(t[i]);
            }
            results.put(t[0], v);
        }
        if (results.size() != lines.size()) {
            fail("gudhi answered " + results.size() + " of " + lines.size() + " cases:\n" + Files.readString(stderr));
        }
        return results;
    }

    String caseLine(String id) {
        return lines.get(Integer.parseInt(id.substring(1)));
    }

    private Path file(PersistenceDiagram d) {
        return written.computeIfAbsent(d, x -> {
            Path f = dir.resolve("d" + written.size() + ".csv");
            DiagramFiles.write(x, f);
            return f;
        });
    }

    private static double parse(String s) {
        return switch (s) {
            case "inf" -> Double.POSITIVE_INFINITY;
            case "-inf" -> Double.NEGATIVE_INFINITY;
            case "nan" -> Double.NaN;
            default -> Double.parseDouble(s);
        };
    }

    /**
     * The script ships in this fragment ({@code bin.includes}); {@code findEntries} on the host also
     * searches attached fragments, and works for a jar and for Tycho's directory-based test runtime alike.
     */
    private Path extractScript() throws IOException {
        URL url = null;
        Bundle host = FrameworkUtil.getBundle(GudhiReference.class);
        if (host != null) {
            Enumeration<URL> found = host.findEntries("scripts", SCRIPT, false);
            if (found != null && found.hasMoreElements()) {
                url = found.nextElement();
            }
        }
        if (url == null) { // plain JVM: the working directory is the project
            Path local = Path.of("scripts", SCRIPT);
            if (Files.isRegularFile(local)) {
                return local.toAbsolutePath();
            }
            fail("cannot find scripts/" + SCRIPT + " in the test fragment");
        }
        Path target = dir.resolve(SCRIPT);
        try (InputStream in = url.openStream()) {
            Files.copy(in, target);
        }
        return target;
    }
}
