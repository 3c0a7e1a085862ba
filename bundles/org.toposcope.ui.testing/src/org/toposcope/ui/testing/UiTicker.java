package org.toposcope.ui.testing;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.eclipse.swt.widgets.Display;

/**
 * A timer on the UI thread, every {@value #PERIOD_MS} ms from construction until {@link #stop()}: counts its ticks and
 * the longest gap between two, which show whether the UI thread kept dispatching while work ran.
 */
public final class UiTicker implements Runnable {

    public static final int PERIOD_MS = 50;

    private final Display display;
    private final AtomicInteger ticks = new AtomicInteger();
    private final AtomicLong last = new AtomicLong(System.nanoTime());
    private final AtomicLong longest = new AtomicLong();
    private volatile boolean running = true;

    public UiTicker(Display display) {
        this.display = display;
        display.timerExec(PERIOD_MS, this);
    }

    @Override
    public void run() {
        if (!running) {
            return;
        }
        long now = System.nanoTime();
        longest.accumulateAndGet((now - last.getAndSet(now)) / 1_000_000, Math::max);
        ticks.incrementAndGet();
        display.timerExec(PERIOD_MS, this);
    }

    public void stop() {
        running = false;
    }

    public int ticks() {
        return ticks.get();
    }

    public long longestGapMs() {
        return longest.get();
    }
}
