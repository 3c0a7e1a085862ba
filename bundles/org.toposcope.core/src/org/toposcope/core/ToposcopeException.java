package org.toposcope.core;

/**
 * A failure the user can act on. The message is one line that names the input and the problem; front
 * ends print it as is, without a stack trace.
 */
public class ToposcopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToposcopeException(String message) {
        super(message);
    }

    public ToposcopeException(String message, Throwable cause) {
        super(message, cause);
    }
}
