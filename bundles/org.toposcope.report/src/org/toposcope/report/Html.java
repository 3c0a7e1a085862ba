package org.toposcope.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.regex.Pattern;

import org.toposcope.core.ToposcopeException;

/** HTML escaping and the checks on the paths a report links to. */
final class Html {

    private static final Pattern SCHEME = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*:");

    private Html() {
    }

    /** Text safe inside elements and quoted attributes. */
    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
            case '<' -> out.append("&lt;");
            case '>' -> out.append("&gt;");
            case '&' -> out.append("&amp;");
            case '"' -> out.append("&quot;");
            case '\'' -> out.append("&#39;");
            default -> out.append(c);
            }
        }
        return out.toString();
    }

    /** A relative path inside the report folder, as an escaped, percent-encoded URL. */
    static String relative(String what, String path) {
        if (path == null || path.isBlank()) {
            throw new ToposcopeException("report " + what + ": the path is empty");
        }
        String p = path.replace('\\', '/');
        if (p.startsWith("/") || SCHEME.matcher(p).find()) {
            throw new ToposcopeException("report " + what + " '" + path + "': not a path relative to the report");
        }
        try {
            return escape(new URI(null, null, p, null).toASCIIString());
        } catch (URISyntaxException e) {
            throw new ToposcopeException("report " + what + " '" + path + "': " + e.getReason());
        }
    }

    /** A link target: relative paths are encoded; absolute URLs are kept, except script ones. */
    static String href(String href) {
        if (href == null || href.isBlank()) {
            throw new ToposcopeException("report link: the target is empty");
        }
        String lower = href.strip().toLowerCase(Locale.ROOT);
        if (lower.startsWith("javascript:") || lower.startsWith("data:") || lower.startsWith("vbscript:")) {
            throw new ToposcopeException("report link '" + href + "': script and data links are not allowed");
        }
        if (SCHEME.matcher(href).find() || href.startsWith("#")) {
            return escape(href);
        }
        return relative("link", href);
    }
}
