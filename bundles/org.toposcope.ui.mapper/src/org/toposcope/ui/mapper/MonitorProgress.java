package org.toposcope.ui.mapper;

import org.eclipse.core.runtime.IProgressMonitor;
import org.toposcope.core.Progress;

/** An Eclipse job's monitor seen as the core's {@link Progress}. */
public final class MonitorProgress implements Progress {

    private final IProgressMonitor monitor;

    public MonitorProgress(IProgressMonitor monitor) {
        this.monitor = monitor;
    }

    @Override
    public void begin(String task, long totalWork) {
        monitor.beginTask(task, totalWork < 0 || totalWork > Integer.MAX_VALUE ? IProgressMonitor.UNKNOWN : (int) totalWork);
    }

    @Override
    public void worked(long units) {
        monitor.worked((int) Math.min(units, Integer.MAX_VALUE));
    }

    @Override
    public boolean isCancelled() {
        return monitor.isCanceled();
    }
}
