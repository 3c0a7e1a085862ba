package org.toposcope.data;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;

import org.toposcope.core.ToposcopeException;

/** Helpers shared by the readers: file names for messages, I/O errors, growing primitive arrays. */
final class Inputs {

    /** The most elements a Java array reliably holds. */
    static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private Inputs() {
    }

    static String name(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    static ToposcopeException ioError(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            return new ToposcopeException(name + ": no such file", e);
        }
        if (e instanceof AccessDeniedException) {
            return new ToposcopeException(name + ": permission denied", e);
        }
        String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return new ToposcopeException(name + ": cannot read: " + detail.replace('\n', ' '), e);
    }

    /** Allocates or reports, in one line, that the heap is too small (a large array is recoverable). */
    static double[] doubles(String name, long count) {
        if (count > MAX_ARRAY) {
            throw new ToposcopeException(name + ": " + count + " values do not fit in one Java array");
        }
        try {
            return new double[(int) count];
        } catch (OutOfMemoryError e) {
            throw outOfMemory(name, count);
        }
    }

    static ToposcopeException outOfMemory(String name, long count) {
        return new ToposcopeException(name + ": not enough memory for " + count
                + " values; give Java a larger heap (-Xmx)");
    }

    static int nextCapacity(String name, int length) {
        if (length >= MAX_ARRAY) {
            throw new ToposcopeException(name + ": more than " + MAX_ARRAY + " values do not fit in one Java array");
        }
        return (int) Math.min(MAX_ARRAY, Math.max(16L, length + (length >> 1) + 16L));
    }

    /** A growing double[]; add() is allocation-free except when the array grows. */
    static final class Doubles {
        private final String name;
        private double[] values = new double[64];
        private int size;

        Doubles(String name) {
            this.name = name;
        }

        void add(double v) {
            if (size == values.length) {
                int capacity = nextCapacity(name, size);
                try {
                    values = Arrays.copyOf(values, capacity);
                } catch (OutOfMemoryError e) {
                    throw outOfMemory(name, capacity);
                }
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        double get(int i) {
            return values[i];
        }

        /** The values, without copying when the array is exactly full. */
        double[] array() {
            return values.length == size ? values : Arrays.copyOf(values, size);
        }
    }

    /** A growing int[]. */
    static final class Ints {
        private final String name;
        private int[] values = new int[64];
        private int size;

        Ints(String name) {
            this.name = name;
        }

        void add(int v) {
            if (size == values.length) {
                int capacity = nextCapacity(name, size);
                try {
                    values = Arrays.copyOf(values, capacity);
                } catch (OutOfMemoryError e) {
                    throw outOfMemory(name, capacity);
                }
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int get(int i) {
            return values[i];
        }

        int[] array() {
            return values.length == size ? values : Arrays.copyOf(values, size);
        }
    }
}
