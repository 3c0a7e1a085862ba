package org.toposcope.ph.rips;

import java.util.Arrays;

/**
 * A binary min-heap of simplices keyed by (rank ascending, index descending): the top is the pivot
 * of a coboundary column in the reverse filtration. When rank and index fit in 63 bits together, each
 * entry is one packed long (one comparison, one array); otherwise parallel arrays. Allocation-free
 * once grown.
 */
final class EntryHeap {

    private final boolean packed;
    private final int shift;
    private final long mask;
    private long[] keys;
    private int[] ranks;
    private long[] indices;
    private int size;

    /** A heap for simplices of ranks below {@code rankCount} and indices below {@code indexBound}. */
    EntryHeap(int rankCount, long indexBound) {
        int indexBits = 64 - Long.numberOfLeadingZeros(Math.max(1, indexBound));
        int rankBits = 32 - Integer.numberOfLeadingZeros(Math.max(1, rankCount));
        packed = indexBits + rankBits <= 63;
        shift = indexBits;
        mask = (1L << indexBits) - 1;
        if (packed) {
            keys = new long[64];
        } else {
            ranks = new int[64];
            indices = new long[64];
        }
    }

    void clear() {
        size = 0;
    }

    /** Entries in the heap, duplicates included. */
    int size() {
        return size;
    }

    /** Entries the heap holds without growing. */
    int capacity() {
        return packed ? keys.length : ranks.length;
    }

    int topRank() {
        return packed ? (int) (keys[0] >>> shift) : ranks[0];
    }

    long topIndex() {
        return packed ? mask - (keys[0] & mask) : indices[0];
    }

    void push(int rank, long index) {
        if (packed) {
            pushKey(((long) rank << shift) | (mask - index));
        } else {
            pushPair(rank, index);
        }
    }

    void pop() {
        if (packed) {
            popKey();
        } else {
            popPair();
        }
    }

    /**
     * Removes entries that cancel in pairs (Z/2) and returns whether a pivot remains; it stays on top.
     */
    boolean settlePivot() {
        if (packed) {
            while (size > 0) {
                long key = keys[0];
                popKey();
                if (size == 0 || keys[0] != key) {
                    pushKey(key);
                    return true;
                }
                popKey(); // equal simplices cancel mod 2
            }
            return false;
        }
        while (size > 0) {
            int rank = ranks[0];
            long index = indices[0];
            popPair();
            if (size == 0 || indices[0] != index) {
                pushPair(rank, index);
                return true;
            }
            popPair();
        }
        return false;
    }

    /** Pops the pivot after {@link #settlePivot()} returned true. */
    void popPivot() {
        pop();
    }

    private void pushKey(long key) {
        if (size == keys.length) {
            grow();
        }
        long[] k = keys;
        int i = size++;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            long p = k[parent];
            if (p <= key) {
                break;
            }
            k[i] = p;
            i = parent;
        }
        k[i] = key;
    }

    /**
     * Before growing a large heap, cancels equal entries in pairs (coefficients are Z/2): long
     * reductions pile up duplicates, and dropping them bounds memory by the column's true support.
     */
    private void grow() {
        if (size >= COMPACT_FROM) {
            compact();
            if (size <= keys.length / 2) {
                return;
            }
        }
        keys = Arrays.copyOf(keys, size + (size >> 1) + 16);
    }

    /**
     * Cancels equal entries in pairs, leaving the column's support; a sorted array is itself a valid
     * min-heap, so no re-heapify is needed. Unpacked heaps (rank and index wider than 63 bits) are left as they are.
     */
    void compact() {
        if (!packed || size < 2) {
            return;
        }
        Arrays.sort(keys, 0, size);
        int kept = 0;
        for (int i = 0; i < size;) {
            int j = i;
            while (j < size && keys[j] == keys[i]) {
                j++;
            }
            if (((j - i) & 1) == 1) {
                keys[kept++] = keys[i];
            }
            i = j;
        }
        size = kept;
    }

    private static final int COMPACT_FROM = 1 << 20;

    private void popKey() {
        long[] k = keys;
        int last = --size;
        if (last == 0) {
            return;
        }
        long key = k[last];
        int i = 0;
        while (true) {
            int child = 2 * i + 1;
            if (child >= last) {
                break;
            }
            long c = k[child];
            if (child + 1 < last && k[child + 1] < c) {
                c = k[++child];
            }
            if (c >= key) {
                break;
            }
            k[i] = c;
            i = child;
        }
        k[i] = key;
    }

    private void pushPair(int rank, long index) {
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

    private void popPair() {
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

    private static boolean before(int rankA, long indexA, int rankB, long indexB) {
        return rankA < rankB || (rankA == rankB && indexA > indexB);
    }
}
