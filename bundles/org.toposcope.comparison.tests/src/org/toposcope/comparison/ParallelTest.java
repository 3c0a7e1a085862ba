package org.toposcope.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;

class ParallelTest {

    @Test
    void everyTaskLandsInItsSlotAndCountsOnce() {
        for (int threads : new int[] { 1, 2, 5, 64 }) {
            AtomicLong units = new AtomicLong();
            double[] r = Parallel.run("t", 40, threads, (i, inner) -> i * 0.5,
                    LayerDistancesTest.counting(units, Long.MAX_VALUE));
            for (int i = 0; i < 40; i++) {
                assertEquals(i * 0.5, r[i], threads + " threads, slot " + i);
            }
            assertEquals(40, units.get(), threads + " threads");
        }
        assertEquals(0, Parallel.run("t", 0, 2, (i, inner) -> 1, Progress.none()).length);
    }

    @Test
    void theLowestFailingTaskIsReportedWhateverTheSchedule() {
        // task 1 fails late, task 5 at once: a second thread meets 5 first, yet 1 is what one thread would report
        Parallel.Task task = (i, inner) -> {
            if (i == 1) {
                try {
                    Thread.sleep(300);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw new ToposcopeException("task one");
            }
            if (i == 5) {
                throw new ToposcopeException("task five");
            }
            return i;
        };
        for (int threads : new int[] { 1, 2, 4 }) {
            ToposcopeException e = assertThrows(ToposcopeException.class,
                    () -> Parallel.run("t", 20, threads, task, Progress.none()));
            assertEquals("task one", e.getMessage(), threads + " threads");
        }
    }
}
