package org.toposcope.spark;

import java.util.function.Supplier;

import org.toposcope.core.ToposcopeException;

/** Spark reports a failed task as a wall of nested stack traces; the user gets the one line that says why. */
final class Failures {

    private static final String MARK = ToposcopeException.class.getName() + ": ";

    private Failures() {
    }

    static <T> T oneLine(Supplier<T> action) {
        try {
            return action.get();
        } catch (ToposcopeException e) {
            throw e;
        } catch (Exception e) {
            // Spark's Scala code throws the checked SparkException undeclared
            throw new ToposcopeException(reason(e), e);
        }
    }

    /** The message of a ToposcopeException among the causes, or found in Spark's text of a remote one, else the first line. */
    static String reason(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ToposcopeException) {
                return c.getMessage();
            }
        }
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage();
            int at = m == null ? -1 : m.indexOf(MARK);
            if (at >= 0) {
                String rest = m.substring(at + MARK.length());
                int end = rest.indexOf('\n');
                return (end < 0 ? rest : rest.substring(0, end)).strip();
            }
        }
        Throwable root = t;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        String m = String.valueOf(root.getMessage());
        int end = m.indexOf('\n');
        return "Spark: " + root.getClass().getSimpleName() + ": " + (end < 0 ? m : m.substring(0, end)).strip();
    }
}
