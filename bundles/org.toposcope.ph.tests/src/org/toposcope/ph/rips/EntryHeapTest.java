package org.toposcope.ph.rips;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

/** The coboundary heap yields pivots in filtration order with Z/2 cancellation, also across compactions. */
class EntryHeapTest {

    @Test
    void packedAndUnpackedHeapsReturnTheOddEntriesInPivotOrder() {
        // 3 million pushes over 200,000 distinct simplices: the packed heap compacts several times
        check(new EntryHeap(1000, 200_000), 3_000_000, 1000, 200_000, 1);
        check(new EntryHeap(Integer.MAX_VALUE, Long.MAX_VALUE), 200_000, 1000, 50_000, 2);
    }

    private static void check(EntryHeap heap, int pushes, int ranks, int indices, long seed) {
        Random r = new Random(seed);
        // the reference: parity of each (rank, index), ordered as pivots are (rank ascending, index descending)
        TreeMap<Long, Integer> parity = new TreeMap<>();
        long[] rankOf = new long[indices];
        for (int i = 0; i < indices; i++) {
            rankOf[i] = r.nextInt(ranks); // a simplex has one rank
        }
        for (int p = 0; p < pushes; p++) {
            int index = r.nextInt(indices);
            int rank = (int) rankOf[index];
            heap.push(rank, index);
            parity.merge(rank * (long) indices + (indices - 1 - index), 1, (a, b) -> a ^ b);
        }
        List<long[]> expected = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : parity.entrySet()) {
            if (e.getValue() == 1) {
                expected.add(new long[] {e.getKey() / indices, indices - 1 - e.getKey() % indices});
            }
        }
        for (long[] pivot : expected) {
            assertEquals(true, heap.settlePivot());
            assertEquals(pivot[0], heap.topRank());
            assertEquals(pivot[1], heap.topIndex());
            heap.popPivot();
        }
        assertFalse(heap.settlePivot(), "nothing left after the odd entries");
    }
}
