package org.toposcope.core;

/**
 * A failure the user can act on. The message is one line that names the input and the problem; front
 * ends print it as is, without a stack trace. Control characters (a line break in a name read from a
 * file, say) are escaped so that the message stays one line whatever its parts contain.
 */
public class ToposcopeException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ToposcopeException(String message) {
        super(oneLine(message));
    }

    public ToposcopeException(String message, Throwable cause) {
        super(oneLine(message), cause);
    }

    private static String oneLine(String message) {
        if (message == null || message.chars().noneMatch(Character::isISOControl)) {
            return message;
        }
        StringBuilder b = new StringBuilder(message.length() + 8);
        message.chars().forEach(c -> b.append(Character.isISOControl(c) ? String.format("\\x%02x", c) : String.valueOf((char) c)));
        return b.toString();
    }
}
