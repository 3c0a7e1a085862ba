package org.toposcope.comparison;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import org.toposcope.core.CancelledException;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;

/**
 * Runs independent numbered tasks on a few threads. Each result lands in its own slot, so the numbers do
 * not depend on the thread count or the schedule; the caller's {@link Progress} is used from the calling
 * thread only (front ends' monitors need not be thread-safe), one unit per finished task. When tasks fail,
 * the error thrown is that of the lowest failing index, as with one thread.
 */
final class Parallel {

    /** One task: computes entry {@code index}; {@code inner} is for nested SPI calls and only reports cancellation. */
    @FunctionalInterface
    interface Task {
        double compute(int index, Progress inner);
    }

    private static final Integer FAILED = -1;

    private Parallel() {
    }

    static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    static double[] run(String taskName, int count, int threads, Task task, Progress progress) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be >= 1, not " + threads);
        }
        double[] results = new double[count];
        progress.begin(taskName, count);
        int used = Math.min(threads, count);
        if (used <= 1) {
            Progress inner = new Nested(progress::isCancelled);
            for (int i = 0; i < count; i++) {
                progress.checkCancelled();
                results[i] = task.compute(i, inner);
                progress.worked(1);
            }
            return results;
        }
        AtomicInteger next = new AtomicInteger();
        // the lowest failing index: tasks below it still run, so the error reported is the one a single thread meets
        AtomicInteger firstFailed = new AtomicInteger(count);
        Throwable[] failures = new Throwable[count];
        BlockingQueue<Integer> finished = new LinkedBlockingQueue<>();
        Nested inner = new Nested(null);
        Thread[] workers = new Thread[used];
        for (int t = 0; t < used; t++) {
            workers[t] = new Thread(() -> {
                for (int i = next.getAndIncrement(); i < count && i < firstFailed.get() && !inner.stopped;
                        i = next.getAndIncrement()) {
                    try {
                        results[i] = task.compute(i, inner);
                        finished.add(i); // the queue's hand-over publishes results[i] to the caller
                    } catch (Throwable e) {
                        failures[i] = e; // published to the caller by join()
                        firstFailed.accumulateAndGet(i, Math::min);
                        finished.add(FAILED);
                        return;
                    }
                }
            }, taskName + " worker " + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        try {
            for (int done = 0; done < count && firstFailed.get() == count;) {
                Integer i = finished.poll(100, TimeUnit.MILLISECONDS);
                if (progress.isCancelled()) {
                    inner.stopped = true;
                    throw new CancelledException();
                }
                if (i != null && !i.equals(FAILED)) {
                    done++;
                    progress.worked(1);
                }
            }
        } catch (InterruptedException e) {
            inner.stopped = true;
            Thread.currentThread().interrupt();
            throw new CancelledException();
        } finally {
            join(workers);
        }
        int failed = firstFailed.get();
        if (failed < count) {
            Throwable e = failures[failed];
            if (e instanceof RuntimeException r) {
                throw r;
            }
            if (e instanceof Error error) {
                throw error;
            }
            throw new ToposcopeException(taskName + ": " + e, e);
        }
        return results;
    }

    /** Waits for the workers to finish the task they are in, so nothing runs on after we return or throw. */
    private static void join(Thread[] workers) {
        boolean interrupted = false;
        for (Thread w : workers) {
            while (w.isAlive()) {
                try {
                    w.join();
                } catch (InterruptedException e) {
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Progress for nested calls: their own begin/worked are dropped, cancellation is the caller's. */
    static final class Nested implements Progress {
        private final BooleanSupplier cancelled;
        volatile boolean stopped;

        Nested(BooleanSupplier cancelled) {
            this.cancelled = cancelled;
        }

        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long units) {
        }

        @Override
        public boolean isCancelled() {
            return stopped || (cancelled != null && cancelled.getAsBoolean());
        }
    }
}
