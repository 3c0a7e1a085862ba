package org.toposcope.cli;

import java.io.PrintWriter;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Ctrl-C (SIGINT) and SIGTERM as a cancel of the running command. The JVM runs shutdown hooks on those
 * signals and exits when they return: the hook asks the work to stop and waits until the command has
 * ended (cleaned up, said "cancelled"), but at most {@link #GRACE_MILLIS}, so the process ends within 2 s
 * (the JVM's exit after the hooks took up to 0.9 s on a busy
 * machine). Work still running then is cut off like a kill, which leaves only hidden temporary files:
 * every output is written to a temporary name and moved into place.
 */
final class Interruption implements AutoCloseable {

    /** How long the hook waits for the command to end by itself. */
    static final long GRACE_MILLIS = 1000;

    private final Thread hook;

    private Interruption(Thread hook) {
        this.hook = hook;
    }

    /**
     * Cancels {@code progress} on SIGINT/SIGTERM (and sets {@code interrupted}) and waits for {@code ended} (counted down once the command
     * returned and its messages were flushed) before the JVM may exit.
     */
    static Interruption install(StderrProgress progress, CountDownLatch ended, AtomicBoolean interrupted, PrintWriter err) {
        Thread hook = new Thread(() -> {
            interrupted.set(true);
            progress.cancel();
            try {
                if (!ended.await(GRACE_MILLIS, TimeUnit.MILLISECONDS)) {
                    err.println("toposcope: cancelled");
                    err.flush();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "toposcope-cancel");
        Runtime.getRuntime().addShutdownHook(hook);
        return new Interruption(hook);
    }

    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down: the hook is running and waits for the command's end
        }
    }
}
