package org.toposcope.cli;

import java.io.PrintStream;
import java.util.Locale;

import org.toposcope.core.Progress;

/**
 * Progress as one line on stderr, rewritten in place at most five times a second; silent when stderr
 * is not a terminal, so logs and pipes stay clean.
 */
final class StderrProgress implements Progress {

    private static final long INTERVAL_NANOS = 200_000_000L;

    private final PrintStream err;
    private final boolean enabled;
    private String task = "";
    private long total;
    private long done;
    private long lastPrint;
    private int lastWidth;
    private volatile boolean cancelled;

    StderrProgress(PrintStream err, boolean enabled) {
        this.err = err;
        this.enabled = enabled;
    }

    /** Enabled when the process has a console (stdin/stdout attached to a terminal). */
    static StderrProgress forTerminal() {
        return new StderrProgress(System.err, System.console() != null);
    }

    @Override
    public void begin(String task, long totalWork) {
        this.task = task;
        this.total = totalWork;
        this.done = 0;
        print(true);
    }

    @Override
    public void worked(long units) {
        done += units;
        print(false);
    }

    @Override
    public boolean isCancelled() {
        return cancelled || Thread.currentThread().isInterrupted();
    }

    /** Asks the running work to stop at its next check (Ctrl-C). */
    void cancel() {
        cancelled = true;
    }

    /** Clears the line; call when the work is over. */
    void finish() {
        if (enabled && lastWidth > 0) {
            err.print("\r" + " ".repeat(lastWidth) + "\r");
            err.flush();
            lastWidth = 0;
        }
    }

    private void print(boolean force) {
        if (!enabled) {
            return;
        }
        long now = System.nanoTime();
        if (!force && now - lastPrint < INTERVAL_NANOS) {
            return;
        }
        lastPrint = now;
        String line = total > 0 ? String.format(Locale.ROOT, "%s %3d%%", task, Math.min(100, done * 100 / total)) : task;
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
        err.flush();
        lastWidth = line.length();
    }
}
