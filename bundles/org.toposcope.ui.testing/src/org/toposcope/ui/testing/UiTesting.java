package org.toposcope.ui.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;

/**
 * What the UI tests do on the UI thread they run on: wait for a condition or a job while dispatching events, let pending
 * events run, hand work to another thread, and save screenshots under {@code -Dtoposcope.screenshots}.
 */
public final class UiTesting {

    private static final long WAKE_UP_MS = 20;

    private UiTesting() {
    }

    /** Dispatches events until {@code condition} holds; throws an {@link AssertionError} after {@code timeoutMs}. */
    public static void spinUntil(BooleanSupplier condition, long timeoutMs, Supplier<String> what) {
        Display display = Display.getCurrent();
        long until = System.currentTimeMillis() + timeoutMs;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                throw new AssertionError("timed out after " + timeoutMs + " ms waiting for " + what.get());
            }
            if (!display.readAndDispatch()) {
                // a timer wakes sleep() so the condition is checked even when the awaited work posts no event
                display.timerExec((int) WAKE_UP_MS, () -> {
                });
                display.sleep();
            }
        }
    }

    /** Dispatches events until {@code condition} holds; throws an {@link AssertionError} after {@code timeoutMs}. */
    public static void spinUntil(BooleanSupplier condition, long timeoutMs) {
        spinUntil(condition, timeoutMs, () -> "a condition");
    }

    /** Dispatches events until {@code job} has finished (its result is set); returns that result. */
    public static IStatus awaitJob(Job job, long timeoutMs) {
        spinUntil(() -> job.getResult() != null, timeoutMs, () -> "job '" + job.getName() + "' to finish");
        return job.getResult();
    }

    /** Dispatches events for {@code ms}. */
    public static void drain(long ms) {
        long until = System.currentTimeMillis() + ms;
        spinUntil(() -> System.currentTimeMillis() >= until, ms + 10_000, () -> ms + " ms to pass");
    }

    /** Runs {@code work} on another thread while this (UI) thread keeps dispatching events; rethrows its exception. */
    public static <T> T offUiThread(Callable<T> work, long timeoutMs) throws Exception {
        AtomicReference<T> result = new AtomicReference<>();
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread t = new Thread(() -> {
            try {
                result.set(work.call());
            } catch (Exception e) {
                failure.set(e);
            }
        }, "test work");
        t.start();
        spinUntil(() -> !t.isAlive(), timeoutMs, () -> "background work");
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    /** The active workbench window's page, or the first window's when none is active (a dialog may have the focus). */
    public static IWorkbenchPage page() {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        if (window == null) {
            window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
        }
        return window.getActivePage();
    }

    /** The folder screenshots go to ({@code -Dtoposcope.screenshots}, else target/screenshots), created if missing. */
    public static Path screenshotDir() throws IOException {
        Path dir = Path.of(System.getProperty("toposcope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        return dir;
    }

    /** Saves the control's (or shell's) screen area as PNG {@code name} under {@link #screenshotDir()}. */
    public static Path screenshot(Control control, String name) throws IOException {
        Display display = control.getDisplay();
        Rectangle r = control.getBounds();
        // a shell's bounds are in display coordinates already, any other control's are relative to its parent
        Point origin = control instanceof Shell || control.getParent() == null ? new Point(r.x, r.y)
                : control.getParent().toDisplay(r.x, r.y);
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, origin.x, origin.y);
        } finally {
            gc.dispose();
        }
        Path file = screenshotDir().resolve(name);
        try {
            ImageLoader loader = new ImageLoader();
            loader.data = new ImageData[] {image.getImageData()};
            loader.save(file.toString(), SWT.IMAGE_PNG);
        } finally {
            image.dispose();
        }
        return file;
    }
}
