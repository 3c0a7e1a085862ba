package org.toposcope.core;

/** Thrown by {@link Progress#checkCancelled()} when the user asked to stop. */
public final class CancelledException extends ToposcopeException {
    private static final long serialVersionUID = 1L;

    public CancelledException() {
        super("cancelled");
    }
}
