package org.toposcope.ph.rips;

import java.util.Arrays;

/**
 * A binary min-heap of simplices keyed by (rank ascending, index descending): the top is the pivot
 * of a coboundary column in the reverse filtration. Parallel primitive arrays keep it allocation-free
 * once grown.
 */
final class EntryHeap {

    private int[] ranks = new int[64];
    private long[] indices = new long[64];
    private int size;

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    void clear() {
        size = 0;
    }

    int topRank() {
        return ranks[0];
    }

    long topIndex() {
        return indices[0];
    }

    void push(int rank, long index) {
        if (size == ranks.length) {
            ranks = Arrays.copyOf(ranks, size * 2);
            indices = Arrays.copyOf(indices, size * 2);
        }
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(rank, index, ranks[parent], indices[parent])) {
                break;
            }
            ranks[i] = ranks[parent];
            indices[i] = indices[parent];
            i = parent;
        }
        ranks[i] = rank;
        indices[i] = index;
    }

    void pop() {
        int last = --size;
        if (last == 0) {
            return;
        }
        int rank = ranks[last];
        long index = indices[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            if (child + 1 < last && before(ranks[child + 1], indices[child + 1], ranks[child], indices[child])) {
                child++;
            }
            if (!before(ranks[child], indices[child], rank, index)) {
                break;
            }
            ranks[i] = ranks[child];
            indices[i] = indices[child];
            i = child;
        }
        ranks[i] = rank;
        indices[i] = index;
    }

    /**
     * Removes entries that cancel in pairs (Z/2) and returns whether a pivot remains; it stays on top.
     */
    boolean settlePivot() {
        while (size > 0) {
            int rank = ranks[0];
            long index = indices[0];
            pop();
            if (size == 0 || indices[0] != index) {
                push(rank, index);
                return true;
            }
            pop(); // equal simplices cancel mod 2
        }
        return false;
    }

    /** Pops the pivot after {@link #settlePivot()} returned true. */
    void popPivot() {
        pop();
    }

    static boolean before(int rankA, long indexA, int rankB, long indexB) {
        return rankA < rankB || (rankA == rankB && indexA > indexB);
    }
}
