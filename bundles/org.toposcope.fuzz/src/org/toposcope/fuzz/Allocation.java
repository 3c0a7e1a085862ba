package org.toposcope.fuzz;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Method;

/**
 * Bytes allocated by the current thread, through HotSpot's com.sun.management.ThreadMXBean (looked up
 * reflectively: the OSGi framework does not export com.sun.management to bundles).
 */
public final class Allocation {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Method ALLOCATED;

    static {
        try {
            Class<?> hotspot = ClassLoader.getSystemClassLoader().loadClass("com.sun.management.ThreadMXBean");
            ALLOCATED = hotspot.getMethod("getThreadAllocatedBytes", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Allocation() {
    }

    /** Bytes allocated so far by the calling thread. */
    public static long current() {
        try {
            return (Long) ALLOCATED.invoke(THREADS, Thread.currentThread().getId());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot measure allocation", e);
        }
    }
}
