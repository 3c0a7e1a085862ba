import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Runs the materialized command-line product the way a user does and checks issue 11's guarantees on a small
 * experiment (200 shipped images, 4 layers, a mapper):
 * <ol>
 * <li>reproducible numbers: the spec run with 1 and with 2 threads (JVM processors, PyTorch's threads) gives
 * byte-identical results.json, CSV, diagram and graph files;</li>
 * <li>crash safety: {@code toposcope run} killed with SIGKILL at random moments (at least KILLS times; the folder is
 * resumed, its cache dropped after a run that finished) never leaves a cache entry that fails its own length and
 * SHA-256, nor an index.html whose report differs from the undisturbed one; the run after the last kill completes
 * with identical numbers;</li>
 * <li>Ctrl-C: SIGINT at random moments ends the process within 2 s with a non-zero exit, "toposcope: cancelled"
 * (or nothing, if the command had not started yet), and nothing visible in the output folder, only verified cache entries (and, if the run outlived the grace period,
 * hidden temporary names that the next run, which must complete with the same numbers, removes).</li>
 * </ol>
 * Usage: {@code java ReliabilityTest.java PRODUCT_DIR WORK_DIR [KILLS [SIGINTS [SEED]]]}. Prints the seed and
 * every measurement; exit code 1 on the first broken guarantee.
 */
public final class ReliabilityTest {

    private static final String SPEC = """
            name: reliability
            seed: 7
            data: {path: sample:fashion-mnist-test, images: 200}
            models: [sample:fashion-resnet20]
            layers: [stem, stage1.block1, stage2.block1, stage3.block3]
            mapper: {layers: [stage3.block3], cover: {id: uniform, parameters: {intervals: 10, overlap: 0.3}}, clusterer: {id: dbscan, parameters: {min-samples: 3}}}
            """;
    private static final byte[] CACHE_MAGIC = "TPSCACHE".getBytes(StandardCharsets.US_ASCII);
    private static final long SIGINT_LIMIT_MS = 2000;

    private final Path product;
    private final Path work;
    private final Path spec;
    private final List<String> wrapper;
    private Map<String, byte[]> reference;

    private ReliabilityTest(Path product, Path work) throws Exception {
        this.product = product;
        this.work = work;
        this.spec = work.resolve("reliability.yaml");
        Files.writeString(spec, SPEC);
        this.wrapper = defaultSigint();
    }

    public static void main(String[] args) throws Exception {
        Path product = Path.of(args[0]).toAbsolutePath();
        Path work = Path.of(args[1]).toAbsolutePath();
        int kills = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        int sigints = args.length > 3 ? Integer.parseInt(args[3]) : 6;
        long seed = args.length > 4 ? Long.parseLong(args[4]) : System.nanoTime();
        System.out.println("reliability-test: seed " + seed + " (rerun: java ReliabilityTest.java PRODUCT WORK " + kills + " " + sigints
                + " " + seed + ")");
        deleteTree(work);
        Files.createDirectories(work);
        // a private copy of the product's configuration area: kills must not disturb the product other tests start
        copyTree(product.resolve("configuration"), work.resolve("configuration"));
        ReliabilityTest t = new ReliabilityTest(product, work);
        Random random = new Random(seed);
        try {
            double seconds = t.reproducibility();
            t.kills(random, kills, seconds);
            t.sigints(random, sigints, seconds);
        } catch (AssertionError e) {
            System.out.println("reliability-test: FAILED: " + e.getMessage());
            System.exit(1);
        }
        System.out.println("reliability-test: ok");
    }

    // --- 1. same numbers with 1 and 2 threads, run after run ---

    private double reproducibility() throws Exception {
        Path two = work.resolve("threads-2");
        long start = System.nanoTime();
        Result r = run(two, 2).waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        check(r.code == 0, "undisturbed run failed (" + r.code + "): " + r.err);
        reference = numericFiles(two);
        check(reference.containsKey("results.json") && reference.keySet().stream().anyMatch(f -> f.endsWith(".csv")),
                "the report has results.json and CSV files: " + reference.keySet());
        System.out.printf(Locale.ROOT, "reliability-test: undisturbed run, 2 threads: %.1f s, %d numeric files%n", seconds, reference.size());

        Path one = work.resolve("threads-1");
        start = System.nanoTime();
        r = run(one, 1).waitFor();
        check(r.code == 0, "1-thread run failed (" + r.code + "): " + r.err);
        double oneThread = (System.nanoTime() - start) / 1e9;
        System.out.printf(Locale.ROOT, "reliability-test: same spec, 1 thread: %.1f s%n", oneThread);
        sameAsReference(one, "the 1-thread run");
        check(manifest(one).contains("\"processors\": 1") && manifest(two).contains("\"processors\": 2"),
                "the manifests record the thread counts");
        System.out.println("reliability-test: ok 1 vs 2 threads: " + reference.size() + " files byte-identical " + reference.keySet());
        // the first start in a fresh configuration area also installs the bundles: the shorter run is the time scale of the kills
        return Math.min(seconds, oneThread);
    }

    // --- 2. SIGKILL at random moments ---

    private void kills(Random random, int wanted, double seconds) throws Exception {
        Path out = work.resolve("killed");
        int kills = 0;
        int completed = 0;
        int entriesChecked = 0;
        int halfSwapped = 0;
        long start = System.nanoTime();
        for (int attempt = 0; kills < wanted; attempt++) {
            check(attempt < wanted * 4, "too few kills landed: " + kills + " in " + attempt + " attempts");
            long delay = (long) (random.nextDouble() * seconds * 1000);
            Running p = run(out, 2);
            boolean ended = p.process.waitFor(delay, TimeUnit.MILLISECONDS);
            if (ended) {
                Result r = p.waitFor();
                check(r.code == 0, "a resumed run failed (" + r.code + "): " + r.err);
                sameAsReference(out, "a run after " + kills + " kills");
                completed++;
                // start the next kills from an empty cache, with a whole report already in the folder
                deleteTree(out.resolve(".cache"));
                continue;
            }
            p.process.destroyForcibly(); // SIGKILL
            p.waitFor();
            kills++;
            entriesChecked += verifyCache(out);
            if (Files.exists(out.resolve("index.html"))) {
                sameAsReference(out, "the report left by kill " + kills);
            } else if (visible(out).size() > 0) {
                halfSwapped++; // killed while swapping reports: no index.html, so no report claims to be whole
            }
            System.out.printf(Locale.ROOT, "reliability-test: kill %d at %.2f s: %s%n", kills, delay / 1000.0, state(out));
        }
        Result last = run(out, 2).waitFor();
        check(last.code == 0, "the run after the last kill failed (" + last.code + "): " + last.err);
        sameAsReference(out, "the run after " + kills + " kills");
        entriesChecked += verifyCache(out);
        check(hidden(out).isEmpty(), "the completed run left temporary files: " + hidden(out));
        System.out.printf(Locale.ROOT, "reliability-test: ok %d SIGKILLs (%d runs completed between them, %d kills during a report swap), "
                + "%d cache entries verified, final run identical; %.0f s%n", kills, completed, halfSwapped, entriesChecked,
                (System.nanoTime() - start) / 1e9);
    }

    // --- 3. SIGINT ---

    private void sigints(Random random, int wanted, double seconds) throws Exception {
        List<Long> stops = new ArrayList<>();
        List<Path> cutOff = new ArrayList<>();
        long start = System.nanoTime();
        for (int attempt = 0; stops.size() < wanted; attempt++) {
            check(attempt < wanted * 4, "too few SIGINTs landed: " + stops.size() + " in " + attempt + " attempts");
            Path out = work.resolve("sigint-" + attempt);
            // not in the first second: the JVM installs its signal handlers while it starts; and not in the last fifth,
            // where the run may already be done with its work when the signal comes
            long delay = 1000 + (long) (random.nextDouble() * Math.max(0, seconds * 800 - 1000));
            Running p = run(out, 2);
            if (p.process.waitFor(delay, TimeUnit.MILLISECONDS)) {
                p.waitFor();
                continue;
            }
            long sent = System.nanoTime();
            new ProcessBuilder("kill", "-INT", Long.toString(p.process.pid())).inheritIO().start().waitFor();
            boolean ended = p.process.waitFor(10, TimeUnit.SECONDS);
            long ms = (System.nanoTime() - sent) / 1_000_000;
            if (!ended) {
                p.process.destroyForcibly();
            }
            Result r = p.waitFor();
            System.out.printf(Locale.ROOT, "reliability-test: SIGINT at %.2f s: stopped after %d ms, exit %d, stderr %s%n", delay / 1000.0,
                    ms, r.code, r.err.strip().replace('\n', '|'));
            if (ended && r.code == 0 && !r.out.isBlank()) {
                // the run had finished its work before the signal came: it must then be a whole, correct report
                sameAsReference(out, "a run that finished before its SIGINT");
                continue;
            }
            check(ended && ms <= SIGINT_LIMIT_MS, "SIGINT took " + ms + " ms (limit " + SIGINT_LIMIT_MS + ")");
            check(r.code != 0, "a cancelled run exits non-zero");
            // before the command has started (the JVM's first second) the JVM simply exits: nothing to say, nothing written
            check(r.err.isBlank() || r.err.strip().equals("toposcope: cancelled"), "stderr says cancelled, and nothing else: " + r.err);
            check(r.out.isBlank(), "a cancelled run prints no report path: " + r.out);
            verifyCache(out);
            check(visible(out).isEmpty(), "a cancelled run left output: " + visible(out));
            if (!hidden(out).isEmpty()) {
                // the run outlived the grace period and was cut off: only hidden names, which the next run removes
                cutOff.add(out);
            }
            stops.add(ms);
        }
        for (Path out : cutOff) {
            Result r = run(out, 2).waitFor();
            check(r.code == 0, "the run after a cut-off cancel failed (" + r.code + "): " + r.err);
            sameAsReference(out, "the run after a cut-off cancel");
            check(hidden(out).isEmpty(), "the next run left temporary files: " + hidden(out));
        }
        System.out.printf(Locale.ROOT, "reliability-test: ok %d SIGINTs, stop times %s ms (max %d), %d cut off at the grace period "
                + "(hidden leftovers removed by the next run), %.0f s%n", stops.size(), stops,
                stops.stream().mapToLong(Long::longValue).max().orElse(0), cutOff.size(), (System.nanoTime() - start) / 1e9);
    }

    // --- checks ---

    /** The report's files that hold numbers (not figures, pages or the manifest's times), by relative path. */
    private static Map<String, byte[]> numericFiles(Path report) throws IOException {
        Map<String, byte[]> files = new TreeMap<>();
        try (Stream<Path> all = Files.walk(report)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String rel = report.relativize(p).toString();
                if (!rel.startsWith(".") && (rel.endsWith(".json") || rel.endsWith(".csv") || rel.endsWith(".graphml"))
                        && !rel.equals("manifest.json")) {
                    files.put(rel, Files.readAllBytes(p));
                }
            }
        }
        return files;
    }

    private void sameAsReference(Path report, String what) throws IOException {
        Map<String, byte[]> files = numericFiles(report);
        check(files.keySet().equals(reference.keySet()), what + " has other files: " + files.keySet() + " vs " + reference.keySet());
        for (String f : files.keySet()) {
            check(Arrays.equals(files.get(f), reference.get(f)), what + ": " + f + " differs from the undisturbed run");
        }
        check(Files.size(report.resolve("index.html")) > 0, what + ": empty index.html");
    }

    /** Every cache entry checked as the format says (magic, payload length, SHA-256), independently of the reader. */
    private static int verifyCache(Path out) throws Exception {
        Path cache = out.resolve(".cache");
        if (!Files.isDirectory(cache)) {
            return 0;
        }
        int n = 0;
        try (Stream<Path> all = Files.walk(cache)) {
            for (Path p : all.filter(Files::isRegularFile).toList()) {
                String name = p.getFileName().toString();
                if (name.equals("lock") || name.startsWith(".") && name.endsWith(".tmp")) {
                    continue; // the run lock; a temporary file a kill cut off, never read under that name
                }
                check(name.matches("[0-9a-f]{64}\\.bin"), "unexpected file in the cache: " + p);
                byte[] all2 = Files.readAllBytes(p);
                ByteBuffer b = ByteBuffer.wrap(all2);
                byte[] magic = new byte[CACHE_MAGIC.length];
                check(all2.length >= magic.length + 8 + 32, "cache entry shorter than its header: " + p);
                b.get(magic);
                long length = b.getLong();
                byte[] digest = new byte[32];
                b.get(digest);
                byte[] payload = Arrays.copyOfRange(all2, b.position(), all2.length);
                check(Arrays.equals(magic, CACHE_MAGIC) && length == payload.length
                        && Arrays.equals(digest, MessageDigest.getInstance("SHA-256").digest(payload)), "corrupt cache entry: " + p);
                n++;
            }
        }
        return n;
    }

    private static List<String> visible(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(out)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    /** Hidden things outside the cache's entries: staging folders, temporary files. */
    private static List<String> hidden(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return List.of();
        }
        try (Stream<Path> s = Files.walk(out)) {
            return s.map(p -> out.relativize(p).toString()).filter(rel -> !rel.isEmpty() && !rel.equals(".cache")
                    && !rel.matches("\\.cache/[a-z0-9-]+(/[0-9a-f]{64}\\.bin)?") && !rel.equals(".cache/lock")
                    && (rel.startsWith(".") || rel.contains("/.")))
                    .sorted().toList();
        }
    }

    private static String state(Path out) throws IOException {
        long entries = 0;
        if (Files.isDirectory(out.resolve(".cache"))) {
            try (Stream<Path> s = Files.walk(out.resolve(".cache"))) {
                entries = s.filter(p -> p.getFileName().toString().endsWith(".bin")).count();
            }
        }
        return (Files.exists(out.resolve("index.html")) ? "whole report" : "no report") + ", " + entries + " cache entries, "
                + hidden(out).size() + " hidden leftovers";
    }

    private static String manifest(Path report) throws IOException {
        return Files.readString(report.resolve("manifest.json"));
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new AssertionError(what);
        }
    }

    // --- processes ---

    private record Result(int code, String out, String err) {
    }

    private record Running(Process process, Path stdout, Path stderr) {
        Result waitFor() throws Exception {
            int code = process.waitFor();
            return new Result(code, Files.readString(stdout), Files.readString(stderr));
        }
    }

    /** {@code toposcope run} on the product with {@code threads} processors for the JVM and for PyTorch. */
    private Running run(Path out, int threads) throws IOException {
        Path launcher;
        try (Stream<Path> s = Files.list(product.resolve("plugins"))) {
            launcher = s.filter(p -> p.getFileName().toString().matches("org\\.eclipse\\.equinox\\.launcher_.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no launcher jar in " + product));
        }
        List<String> command = new ArrayList<>(wrapper);
        command.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:ActiveProcessorCount=" + threads, "-Dai.djl.pytorch.num_threads=" + threads,
                "-Dai.djl.pytorch.num_interop_threads=1", "-Dai.djl.offline=true", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-Dorg.slf4j.simpleLogger.log.ai.djl.util.cuda.CudaUtils=error",
                "-Djava.awt.headless=true", "-XX:+UseSerialGC", "-jar", launcher.toString(), "-nosplash",
                "-configuration", work.resolve("configuration").toString(),
                "-application", "org.toposcope.cli.app", "-data", "@none", "run", spec.toString(), "--out", out.toString()));
        ProcessBuilder b = new ProcessBuilder(command);
        b.environment().put("OMP_NUM_THREADS", Integer.toString(threads));
        b.environment().put("MKL_NUM_THREADS", Integer.toString(threads));
        Path log = Files.createTempFile(work, "run", ".out");
        Path err = Files.createTempFile(work, "run", ".err");
        b.redirectOutput(log.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
        return new Running(b.start(), log, err);
    }

    /**
     * A child inherits an ignored SIGINT (as background jobs of a non-interactive shell have it), and the JVM then
     * leaves it ignored: the product is started with the default disposition restored, as a terminal's Ctrl-C finds it.
     */
    private static List<String> defaultSigint() throws Exception {
        List<String> env = List.of("env", "--default-signal=INT");
        Process p = new ProcessBuilder(new ArrayList<>(List.of("env", "--default-signal=INT", "true"))).redirectErrorStream(true).start();
        if (p.waitFor() == 0) {
            return env;
        }
        return List.of("/usr/bin/python3", "-c",
                "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execv(sys.argv[1], sys.argv[1:])");
    }

    // --- files ---

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path target = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
