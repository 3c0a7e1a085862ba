package org.toposcope.spark;

import java.util.Locale;
import java.util.Map;

import org.toposcope.core.ToposcopeException;
import org.toposcope.experiment.Plan;

/**
 * The memory check of the Vietoris–Rips backend (a double, an int and neighbour-list room per pair of points),
 * made on the driver against an executor's heap before anything is submitted: a task that cannot fit would
 * otherwise fail only after the cluster has loaded models and read images, and then be retried.
 */
final class TaskMemory {

    /** Bytes per pair of points, as {@code VietorisRipsBackend.checkFits} counts them. */
    static final long BYTES_PER_PAIR = 8 + 4 + 16;

    private TaskMemory() {
    }

    /** At most how many points one layer's cloud has under the plan's strategy and subsampling. */
    static long points(Plan plan) {
        Map<String, Object> s = plan.strategy().parameters().asMap();
        long points = plan.images();
        if (s.get("count") instanceof Integer c) {
            points = c;
        } else if (s.get("k") instanceof Integer k) {
            points = (long) k * plan.images();
        }
        Map<String, Object> f = plan.filtration().parameters().asMap();
        if (f.containsKey("subsample") && !"none".equals(f.get("subsample")) && f.get("subsample-size") instanceof Integer size) {
            points = Math.min(points, size);
        }
        return points;
    }

    static long bytes(long points) {
        return points * (points - 1) / 2 * BYTES_PER_PAIR;
    }

    /** Refuses the plan in one line when a layer's complex would need more than 80% of {@code executorBytes}. */
    static void check(Plan plan, long executorBytes, String what) {
        long n = points(plan);
        long need = bytes(n);
        if (n > 46_340 || need > executorBytes * 0.8) {
            throw new ToposcopeException(String.format(Locale.ROOT,
                    "%s: layers of up to %d points need about %.1f GB per task for a Vietoris–Rips complex, more than %s's %.1f GB;"
                            + " subsample (filtration parameters subsample, subsample-size) or give executors more memory",
                    plan.spec().file(), n, need / 1e9, what, executorBytes / 1e9));
        }
    }
}
