package org.toposcope.ui.views;

import java.util.function.Consumer;
import java.util.function.Function;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Control;
import org.toposcope.core.CancelledException;
import org.toposcope.core.Progress;

/**
 * Runs reading or drawing work in an Eclipse Job and hands the result (or a one-line error) back to the UI
 * thread, unless the control it is meant for was disposed meanwhile.
 */
final class Background {

    private Background() {
    }

    static <T> Job run(String name, Control owner, Function<Progress, T> work, Consumer<T> onUi, Consumer<String> onError) {
        Job job = new Job(name) {
            @Override
            protected IStatus run(IProgressMonitor monitor) {
                Progress progress = progress(monitor);
                try {
                    T result = work.apply(progress);
                    ui(owner, () -> onUi.accept(result));
                } catch (CancelledException e) {
                    return Status.CANCEL_STATUS;
                } catch (RuntimeException e) {
                    ui(owner, () -> onError.accept(oneLine(e)));
                } finally {
                    monitor.done();
                }
                return Status.OK_STATUS;
            }
        };
        job.setUser(false);
        job.schedule();
        return job;
    }

    /** The first line of an exception's message: what the user sees, never a stack trace. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        return m.lines().findFirst().orElse(m);
    }

    private static void ui(Control owner, Runnable r) {
        if (owner.isDisposed()) {
            return;
        }
        owner.getDisplay().asyncExec(() -> {
            if (!owner.isDisposed()) {
                r.run();
            }
        });
    }

    /** An IProgressMonitor seen as the core's Progress (totals above int range are scaled). */
    static Progress progress(IProgressMonitor monitor) {
        return new Progress() {
            private long scale = 1;

            @Override
            public void begin(String task, long totalWork) {
                scale = 1;
                while (totalWork / scale > Integer.MAX_VALUE) {
                    scale *= 2;
                }
                monitor.beginTask(task, totalWork < 0 ? IProgressMonitor.UNKNOWN : (int) (totalWork / scale));
            }

            @Override
            public void worked(long units) {
                monitor.worked((int) Math.min(Integer.MAX_VALUE, units / scale));
            }

            @Override
            public boolean isCancelled() {
                return monitor.isCanceled();
            }
        };
    }
}
