package org.toposcope.ui.experiment;

import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.toposcope.core.Progress;

/**
 * The core's {@link Progress} on an Eclipse {@link IProgressMonitor}: each task the algorithms begin becomes the
 * monitor's sub-task (with its count of units), units are passed on, and cancelling the monitor (Progress view,
 * {@code Job.cancel()}) is what the algorithms see as cancelled. Called from the job's thread only.
 */
final class MonitorProgress implements Progress {

    private final IProgressMonitor monitor;
    private final Consumer<String> onBegin;
    private String task = "";
    private long total;
    private long done;
    private long totalWorked;
    private long lastLabel = System.nanoTime();

    /** @param onBegin told of every task begun (on the job's thread), e.g. to log or to test */
    MonitorProgress(IProgressMonitor monitor, Consumer<String> onBegin) {
        this.monitor = monitor;
        this.onBegin = onBegin;
    }

    @Override
    public void begin(String task, long totalWork) {
        this.task = task;
        this.total = totalWork;
        this.done = 0;
        monitor.subTask(label());
        onBegin.accept(task);
    }

    @Override
    public void worked(long units) {
        done += units;
        totalWorked += units;
        monitor.worked((int) Math.min(Integer.MAX_VALUE, units));
        long now = System.nanoTime();
        // runs report tens of thousands of units; the label needs no more than ten updates a second
        if (now - lastLabel > 100_000_000L || done >= total) {
            lastLabel = now;
            monitor.subTask(label());
        }
    }

    @Override
    public boolean isCancelled() {
        return monitor.isCanceled();
    }

    /** Units reported since the run started, over all tasks. */
    long totalWorked() {
        return totalWorked;
    }

    private String label() {
        return total > 0 ? task + " (" + done + " / " + total + ")" : task;
    }
}
