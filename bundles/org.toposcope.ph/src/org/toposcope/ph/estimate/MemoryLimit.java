package org.toposcope.ph.estimate;

import java.util.Locale;

import org.toposcope.core.ToposcopeException;

/** Parses the {@code max-memory} parameter: {@code auto} (what this JVM can still use) or a size such as 512m, 2g, 1.5GB. */
public final class MemoryLimit {

    public static final String AUTO = "auto";

    private MemoryLimit() {
    }

    /** The JVM's maximum heap minus what is in use now (garbage included). */
    public static long available() {
        Runtime r = Runtime.getRuntime();
        return r.maxMemory() - (r.totalMemory() - r.freeMemory());
    }

    /** Bytes allowed: for {@code auto}, the JVM's maximum heap minus what is in use now. */
    public static long parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals(AUTO)) {
            return available();
        }
        String digits = t.endsWith("b") ? t.substring(0, t.length() - 1) : t;
        double unit = 1;
        if (!digits.isEmpty()) {
            switch (digits.charAt(digits.length() - 1)) {
                case 'k' -> unit = 1L << 10;
                case 'm' -> unit = 1L << 20;
                case 'g' -> unit = 1L << 30;
                case 't' -> unit = 1L << 40;
                default -> unit = 1;
            }
            if (unit > 1) {
                digits = digits.substring(0, digits.length() - 1);
            }
        }
        double v;
        try {
            v = Double.parseDouble(digits.trim());
        } catch (NumberFormatException e) {
            v = Double.NaN;
        }
        if (!(v > 0) || Double.isInfinite(v)) {
            throw new ToposcopeException("max-memory '" + text + "' is not auto or a size such as 512m, 2g or 1.5GB");
        }
        return (long) Math.min(Long.MAX_VALUE, v * unit);
    }
}
