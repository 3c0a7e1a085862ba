package org.toposcope.ui;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.eclipse.swt.SWT;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;

/** Helpers for tests on the UI thread: spin the event loop while waiting, screenshots. */
final class UiTesting {

    private UiTesting() {
    }

    /** Runs the event loop until {@code condition} holds, failing after {@code seconds}. */
    static void waitUntil(BooleanSupplier condition, int seconds, Supplier<String> what) {
        Display display = Display.getCurrent();
        long until = System.currentTimeMillis() + seconds * 1000L;
        while (!condition.getAsBoolean()) {
            if (System.currentTimeMillis() > until) {
                fail("timed out after " + seconds + " s waiting for " + what.get());
            }
            // a timer wakes sleep() even when the awaited work finishes without posting an event
            display.timerExec(50, () -> { });
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    /** Runs {@code work} on another thread while this (UI) thread keeps dispatching events. */
    static <T> T offUiThread(Callable<T> work, int seconds) throws Exception {
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
        waitUntil(() -> !t.isAlive(), seconds, () -> "background work");
        if (failure.get() != null) {
            throw failure.get();
        }
        return result.get();
    }

    static void drainEvents(int millis) {
        Display display = Display.getCurrent();
        long until = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < until) {
            display.timerExec(20, () -> { });
            if (!display.readAndDispatch()) {
                display.sleep();
            }
        }
    }

    static Path screenshotDir() throws Exception {
        Path dir = Path.of(System.getProperty("toposcope.screenshots", "target/screenshots"));
        Files.createDirectories(dir);
        return dir;
    }

    /** Saves the shell's screen area as PNG under target/screenshots. */
    static Path screenshot(Shell shell, String name) throws Exception {
        Display display = shell.getDisplay();
        Rectangle r = shell.getBounds();
        Image image = new Image(display, r.width, r.height);
        GC gc = new GC(display);
        try {
            gc.copyArea(image, r.x, r.y);
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
