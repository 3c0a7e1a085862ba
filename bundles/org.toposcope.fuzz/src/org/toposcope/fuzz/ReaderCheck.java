package org.toposcope.fuzz;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;

import org.toposcope.core.ToposcopeException;

/**
 * The contract every reader is fuzzed against: a file either reads, or fails with the reader's own
 * {@link ToposcopeException} whose one-line message starts with the file and names the line or byte
 * where the problem is (or is one of the reader's few whole-file problems, such as an empty file); never
 * another exception, a hang ({@link #TIMEOUT_SECONDS}), or an allocation beyond a bound proportional to
 * the file's length (a header cannot make a reader allocate what the file does not hold).
 */
public final class ReaderCheck {

    /** A case taking longer than this is a hang. */
    public static final long TIMEOUT_SECONDS = 20;

    /** System property: true prints each distinct message shape once instead of failing on its form. */
    public static final String SURVEY_PROPERTY = "toposcope.fuzz.survey";

    /** After the file name and a colon: a line ({@code :7:}, {@code :7:3:}, {@code  line 7:}) or a byte offset. */
    private static final Pattern LOCATED = Pattern.compile("^(\\d+(:\\d+)?: | byte \\d+: | line \\d+: ).*");

    private static final Set<String> SHAPES = ConcurrentHashMap.newKeySet();
    private static ExecutorService worker = newWorker();

    private final String reader;
    private final Pattern wholeFile;
    private final double bytesPerFileByte;
    private final long marginBytes;

    private ReaderCheck(String reader, Pattern wholeFile, double bytesPerFileByte, long marginBytes) {
        this.reader = reader;
        this.wholeFile = wholeFile;
        this.bytesPerFileByte = bytesPerFileByte;
        this.marginBytes = marginBytes;
    }

    /**
     * A check for {@code reader}; {@code wholeFileProblems} matches (after "file: ") the messages about
     * the whole file that have no position; allocation is bounded by
     * {@code bytesPerFileByte * length + marginBytes}.
     */
    public static ReaderCheck of(String reader, String wholeFileProblems, double bytesPerFileByte, long marginBytes) {
        return new ReaderCheck(reader, Pattern.compile(wholeFileProblems), bytesPerFileByte, marginBytes);
    }

    /**
     * Reads {@code file} with {@code read} in a worker thread and checks the outcome; returns the value
     * read, or null when the reader refused the file correctly. Any other outcome throws AssertionError.
     */
    public <T> T check(Path file, String caseName, Function<Path, T> read) {
        return check(List.of(file), caseName, () -> read.apply(file));
    }

    /**
     * As {@link #check(Path, String, Function)} for a reader of several files, any of which a message
     * may name; allocation is bounded by their total length.
     */
    public <T> T check(List<Path> files, String caseName, Supplier<T> read) {
        long length = files.stream().mapToLong(ReaderCheck::length).sum();
        long limit = (long) (bytesPerFileByte * length) + marginBytes;
        Future<Outcome<T>> future = worker.submit(() -> {
            long before = Allocation.current();
            long start = System.nanoTime();
            T value = null;
            Throwable thrown = null;
            try {
                value = read.get();
            } catch (Throwable t) { // the contract is about every throwable, errors included
                thrown = t;
            }
            return new Outcome<>(value, thrown, System.nanoTime() - start, Allocation.current() - before);
        });
        Outcome<T> outcome;
        try {
            outcome = future.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            worker.shutdownNow();
            worker = newWorker();
            FuzzStats.record(reader, caseName, TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS), 0, false, true);
            throw new AssertionError(reader + ": " + caseName + ": no answer within " + TIMEOUT_SECONDS + " s (a hang)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        } catch (ExecutionException e) {
            throw new AssertionError(e.getCause());
        }
        String problem = problem(files, length, outcome, limit);
        FuzzStats.record(reader, caseName, outcome.nanos, outcome.allocated, outcome.thrown == null, problem != null);
        if (problem != null) {
            AssertionError error = new AssertionError(reader + ": " + caseName + ": " + problem);
            if (outcome.thrown != null) {
                error.initCause(outcome.thrown);
            }
            throw error;
        }
        return outcome.value;
    }

    private String problem(List<Path> files, long length, Outcome<?> outcome, long limit) {
        if (outcome.allocated > limit) {
            return "allocated " + outcome.allocated + " bytes for " + length + " bytes of input (limit " + limit + ")"
                    + (outcome.thrown == null ? "" : "; then: " + outcome.thrown);
        }
        Throwable t = outcome.thrown;
        if (t == null) {
            return null;
        }
        if (!(t instanceof ToposcopeException)) {
            return "threw " + t + " instead of a ToposcopeException:\n" + stackTrace(t);
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            return "a ToposcopeException without a message";
        }
        if (m.matches("(?s).*[\\n\\r\\u0085\\u2028\\u2029].*")) {
            return "a message of more than one line: " + m;
        }
        String rest = null;
        for (Path file : files) {
            String name = file.getFileName().toString();
            if (m.startsWith(file + ":")) {
                rest = m.substring(file.toString().length() + 1);
            } else if (m.startsWith(name + ":")) {
                rest = m.substring(name.length() + 1);
            } else if (m.startsWith(name + "/") && m.indexOf(": ") > 0) { // an entry of an archive: file/entry: ...
                rest = m.substring(m.indexOf(':') + 1);
            }
        }
        if (rest == null) {
            return "the message does not start with the file's name: " + m;
        }
        if (LOCATED.matcher(rest).matches() || wholeFile.matcher(rest.strip()).matches()) {
            return null;
        }
        if (Boolean.getBoolean(SURVEY_PROPERTY)) {
            if (SHAPES.add(reader + ":" + rest.replaceAll("-?\\d+(\\.\\d+)?", "N"))) {
                System.out.println("survey " + reader + ": " + m);
            }
            return null;
        }
        return "the message names neither a line nor a byte offset: " + m;
    }

    private static long length(Path file) {
        try {
            return Files.size(file);
        } catch (java.io.IOException e) {
            return 0; // a missing file is a case too
        }
    }

    private static String stackTrace(Throwable t) {
        StringWriter out = new StringWriter();
        t.printStackTrace(new PrintWriter(out));
        return out.toString();
    }

    private static ExecutorService newWorker() {
        return Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "fuzz-reader");
            t.setDaemon(true);
            return t;
        });
    }

    private record Outcome<T>(T value, Throwable thrown, long nanos, long allocated) {
    }
}
