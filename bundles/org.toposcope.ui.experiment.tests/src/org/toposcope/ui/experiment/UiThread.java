package org.toposcope.ui.experiment;

import java.util.function.BooleanSupplier;

import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/** What the tests of this fragment do on the UI thread they run on: wait for a condition while dispatching events. */
final class UiThread {

    private UiThread() {
    }

    static IWorkbenchPage page() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null) {
            window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        return window.getActivePage();
    }

    /** Dispatches events until {@code done} holds; fails after {@code timeoutMs}. */
    static void spinUntil(BooleanSupplier done, long timeoutMs) {
        Display display = Display.getCurrent();
        long until = System.currentTimeMillis() + timeoutMs;
        while (!done.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out after " + timeoutMs + " ms");
            }
            if (!display.readAndDispatch()) {
                // a timer wakes sleep() so the condition is checked even when no event comes
                display.timerExec(20, () -> {
                });
                display.sleep();
            }
        }
    }

    /** Dispatches events for {@code ms}. */
    static void drain(long ms) {
        long until = System.currentTimeMillis() + ms;
        spinUntil(() -> System.currentTimeMillis() >= until, ms + 10_000);
    }
}
