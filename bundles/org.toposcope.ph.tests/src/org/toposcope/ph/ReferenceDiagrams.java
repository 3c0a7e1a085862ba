package org.toposcope.ph;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs the real ripser binary and gudhi (through /usr/bin/python3) and parses their diagrams. */
final class ReferenceDiagrams {

    /** One interval; death is +inf for an essential class. */
    record Interval(int dim, double birth, double death) {
    }

    private static final Pattern HEADER = Pattern.compile("persistence intervals in dim (\\d+):");
    private static final Pattern INTERVAL = Pattern.compile("\\s*\\[([^,]+),\\s*([^)]*)\\)\\s*");

    private ReferenceDiagrams() {
    }

    static List<Interval> ripser(Path input, String format, int maxDim, String threshold) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("ripser", "--format", format, "--dim", Integer.toString(maxDim)));
        if (!threshold.equals("enclosing")) {
            cmd.addAll(List.of("--threshold", threshold));
        }
        cmd.add(input.toString());
        List<Interval> out = new ArrayList<>();
        int dim = -1;
        for (String line : run(cmd, input.getParent())) {
            Matcher h = HEADER.matcher(line);
            if (h.matches()) {
                dim = Integer.parseInt(h.group(1));
                continue;
            }
            Matcher m = INTERVAL.matcher(line);
            if (m.matches() && dim >= 0) {
                String d = m.group(2).trim();
                out.add(new Interval(dim, Double.parseDouble(m.group(1)), d.isEmpty() ? Double.POSITIVE_INFINITY : Double.parseDouble(d)));
            }
        }
        return out;
    }

    /** Writes the manifest for gudhi_rips.py, runs it once, and returns the intervals per case name. */
    static java.util.Map<String, List<Interval>> gudhi(Path dir, List<String> manifestLines) throws IOException, InterruptedException {
        Path manifest = dir.resolve("manifest.txt");
        Files.write(manifest, manifestLines, StandardCharsets.UTF_8);
        Path script = Path.of(System.getProperty("toposcope.ph.scripts", "scripts"), "gudhi_rips.py");
        run(List.of("/usr/bin/python3", script.toString(), manifest.toString(), dir.toString()), dir);
        java.util.Map<String, List<Interval>> result = new java.util.HashMap<>();
        for (String line : manifestLines) {
            String name = line.split(" ")[0];
            List<Interval> intervals = new ArrayList<>();
            for (String row : Files.readAllLines(dir.resolve(name + ".gudhi"))) {
                String[] t = row.trim().split(" ");
                intervals.add(new Interval(Integer.parseInt(t[0]), Double.parseDouble(t[1]),
                        t[2].equals("inf") ? Double.POSITIVE_INFINITY : Double.parseDouble(t[2])));
            }
            result.put(name, intervals);
        }
        return result;
    }

    private static List<String> run(List<String> cmd, Path dir) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> lines = new ArrayList<>();
        try (var reader = p.inputReader()) {
            String line;
            while ((line = reader.readLine()) != null) {
                lines.add(line);
            }
        }
        if (!p.waitFor(600, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", cmd) + " failed: " + String.join("\n", lines));
        }
        return lines;
    }

    static String format(double v) {
        return String.format(Locale.ROOT, "%.17g", v);
    }
}
