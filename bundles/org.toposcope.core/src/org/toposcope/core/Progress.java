package org.toposcope.core;

/**
 * Progress and cancellation for long work. Algorithms see only this interface; front ends adapt it to
 * an Eclipse {@code IProgressMonitor} or to a progress line on stderr.
 */
public interface Progress {

    /** Starts a task of {@code totalWork} units; a negative total means unknown. */
    void begin(String task, long totalWork);

    /** Reports {@code units} more units done. */
    void worked(long units);

    boolean isCancelled();

    /** Throws {@link CancelledException} when cancelled; call it between units of work. */
    default void checkCancelled() {
        if (isCancelled()) {
            throw new CancelledException();
        }
    }

    /** Progress that reports nowhere and is never cancelled. */
    static Progress none() {
        return NoProgress.INSTANCE;
    }
}

enum NoProgress implements Progress {
    INSTANCE;

    @Override
    public void begin(String task, long totalWork) {
    }

    @Override
    public void worked(long units) {
    }

    @Override
    public boolean isCancelled() {
        return false;
    }
}
