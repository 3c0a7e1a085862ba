package org.toposcope.ph.rips;

import java.util.Arrays;
import java.util.stream.IntStream;

/** A growable list of simplices as parallel (rank, index) arrays. */
final class SimplexList {

    int[] ranks;
    long[] indices;
    int size;

    SimplexList(int capacity) {
        ranks = new int[Math.max(16, capacity)];
        indices = new long[Math.max(16, capacity)];
    }

    void add(int rank, long index) {
        if (size == ranks.length) {
            int grown = (int) Math.min(Integer.MAX_VALUE - 8L, size * 3L / 2 + 16);
            if (grown <= size) {
                throw new IllegalStateException("more than " + size + " simplices");
            }
            ranks = Arrays.copyOf(ranks, grown);
            indices = Arrays.copyOf(indices, grown);
        }
        ranks[size] = rank;
        indices[size++] = index;
    }

    void addAll(SimplexList other) {
        for (int i = 0; i < other.size; i++) {
            add(other.ranks[i], other.indices[i]);
        }
    }

    /**
     * Sorts into reduction order: rank descending, then index ascending. A counting sort on ranks (they
     * are dense integers), then each equal-rank run by index, in parallel when it pays.
     */
    void sortForReduction(int rankCount) {
        int[] start = new int[rankCount + 1];
        for (int i = 0; i < size; i++) {
            start[rankCount - 1 - ranks[i]]++; // bucket 0 holds the highest rank
        }
        int sum = 0;
        for (int b = 0; b <= rankCount; b++) {
            int c = start[b];
            start[b] = sum;
            sum += c;
        }
        long[] sorted = new long[size];
        int[] next = Arrays.copyOf(start, rankCount);
        for (int i = 0; i < size; i++) {
            sorted[next[rankCount - 1 - ranks[i]]++] = indices[i];
        }
        int[] sortedRanks = new int[size];
        IntStream buckets = IntStream.range(0, rankCount);
        if (size > 1 << 16) {
            buckets = buckets.parallel();
        }
        buckets.forEach(b -> {
            int from = start[b];
            int to = start[b + 1];
            if (to - from > 1) {
                Arrays.sort(sorted, from, to);
            }
            Arrays.fill(sortedRanks, from, to, rankCount - 1 - b);
        });
        indices = sorted;
        ranks = sortedRanks;
    }
}
