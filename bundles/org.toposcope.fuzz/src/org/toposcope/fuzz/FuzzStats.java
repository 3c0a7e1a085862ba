package org.toposcope.fuzz;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per reader: cases checked, failures, the slowest case. Test-only bookkeeping shared by the
 * properties of one run, printed by {@link JqwikRunner} after each property.
 */
public final class FuzzStats {

    private static final Map<String, Entry> RUN = new TreeMap<>();

    private FuzzStats() {
    }

    /** One reader's figures. */
    public static final class Entry {
        long cases;
        long failures;
        long accepted;
        long slowestNanos;
        String slowestCase = "";
        long maxAllocated;

        @Override
        public String toString() {
            return String.format("%d cases (%d read, %d refused), %d failures, slowest %.1f ms (%s), most allocated %d bytes",
                    cases, accepted, cases - accepted - failures, failures, slowestNanos / 1e6, slowestCase, maxAllocated);
        }
    }

    static synchronized void begin() {
        RUN.clear();
    }

    static synchronized List<String> end() {
        List<String> lines = new ArrayList<>();
        RUN.forEach((reader, e) -> lines.add("fuzz " + reader + ": " + e));
        RUN.clear();
        return lines;
    }

    static synchronized void record(String reader, String caseName, long nanos, long allocated, boolean accepted, boolean failed) {
        Entry e = RUN.computeIfAbsent(reader, r -> new Entry());
        e.cases++;
        if (accepted) {
            e.accepted++;
        }
        if (failed) {
            e.failures++;
        }
        if (nanos > e.slowestNanos) {
            e.slowestNanos = nanos;
            e.slowestCase = caseName.length() > 120 ? caseName.substring(0, 120) + "..." : caseName;
        }
        e.maxAllocated = Math.max(e.maxAllocated, allocated);
    }
}
