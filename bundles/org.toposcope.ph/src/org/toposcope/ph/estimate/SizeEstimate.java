package org.toposcope.ph.estimate;

import java.util.Locale;

/**
 * The predicted size of a Vietoris–Rips computation, made before any of it is allocated.
 *
 * @param name           the input's name, for messages
 * @param points         vertices
 * @param maxDimension   highest homology dimension asked for
 * @param threshold      largest edge length used for the prediction
 * @param simplices      predicted simplices per dimension 0 .. maxDimension + 1 (the top dimension's are
 *                       only enumerated, as cofacets, never stored)
 * @param exactEdges     whether the edge count is exact (all pairs measured) rather than sampled
 * @param peakBytes      predicted peak heap use of the run
 * @param seconds        rough predicted run time on this machine class (2 cores)
 * @param estimateSeconds time the estimate itself took
 */
public record SizeEstimate(String name, int points, int maxDimension, double threshold, double[] simplices,
        boolean exactEdges, long peakBytes, double seconds, double estimateSeconds) {

    public SizeEstimate {
        simplices = simplices.clone();
    }

    @Override
    public double[] simplices() {
        return simplices.clone();
    }

    public double simplices(int dim) {
        return dim < simplices.length ? simplices[dim] : 0;
    }

    /** One line: "1024 points, threshold 1.4: 4.2e5 edges, 7.1e7 triangles, ...; about 2.1 GB, 1 min". */
    public String summary() {
        StringBuilder s = new StringBuilder();
        s.append(points).append(" points, threshold ").append(number(threshold)).append(':');
        for (int d = 1; d < simplices.length; d++) {
            s.append(d == 1 ? " " : ", ").append(count(simplices[d])).append(' ').append(noun(d));
        }
        s.append("; about ").append(bytes(peakBytes)).append(", ").append(duration(seconds));
        return s.toString();
    }

    /**
     * The lines {@code toposcope ph --estimate} prints: with {@code removedEdges} >= 0, what the collapse removes and
     * the estimate over the collapsed graph the run will reduce (null: the run keeps every edge). The first estimate,
     * over the whole graph, bounds it and is the one a refusal uses.
     */
    public String report(double removedEdges, SizeEstimate afterCollapse) {
        StringBuilder s = new StringBuilder();
        s.append(String.format(Locale.ROOT, "%s: %d points up to H%d, threshold %s%n", name, points, maxDimension,
                number(threshold)));
        for (int d = 0; d < simplices.length; d++) {
            s.append(String.format(Locale.ROOT, "  dimension %d: %s %s%s%s%n", d, count(simplices[d]), noun(d),
                    d == 1 ? (exactEdges ? " (exact)" : " (sampled)") : d > 1 ? " (estimated)" : "",
                    d == maxDimension + 1 ? ", enumerated as cofacets only" : ""));
        }
        if (removedEdges >= 0) {
            s.append(String.format(Locale.ROOT, "  edge collapse removes %s of %s edges%n", count(removedEdges), count(simplices(1))));
        }
        s.append(String.format(Locale.ROOT, "  peak memory: about %s%n", bytes(peakBytes)));
        s.append(String.format(Locale.ROOT, "  time: roughly %s%n", duration(seconds)));
        if (removedEdges >= 0) {
            if (afterCollapse == null) {
                s.append(String.format(Locale.ROOT, "  the run keeps every edge: the collapse removes too few%n"));
            } else {
                StringBuilder counts = new StringBuilder();
                for (int d = 1; d < afterCollapse.simplices.length; d++) {
                    counts.append(d == 1 ? "" : ", ").append(count(afterCollapse.simplices[d])).append(' ').append(noun(d));
                }
                s.append(String.format(Locale.ROOT, "  after the collapse: %s; peak memory about %s, time roughly %s%n", counts,
                        bytes(afterCollapse.peakBytes), duration(afterCollapse.seconds)));
            }
        }
        s.append(String.format(Locale.ROOT, "  (estimated in %.2f s)%n", estimateSeconds));
        return s.toString();
    }

    static String noun(int d) {
        return switch (d) {
            case 0 -> "vertices";
            case 1 -> "edges";
            case 2 -> "triangles";
            case 3 -> "tetrahedra";
            default -> d + "-simplices";
        };
    }

    static String count(double c) {
        if (c < 1e5) {
            return String.format(Locale.ROOT, "%d", Math.round(c));
        }
        return String.format(Locale.ROOT, "%.1e", c);
    }

    static String number(double t) {
        return Double.isInfinite(t) ? "inf" : String.format(Locale.ROOT, "%.4g", t);
    }

    public static String bytes(double b) {
        if (b >= 1e12) {
            return String.format(Locale.ROOT, "%.1f TB", b / 1e12);
        }
        if (b >= 1e9) {
            return String.format(Locale.ROOT, "%.1f GB", b / 1e9);
        }
        if (b >= 1e6) {
            return String.format(Locale.ROOT, "%.0f MB", b / 1e6);
        }
        return String.format(Locale.ROOT, "%.0f kB", b / 1e3);
    }

    static String duration(double s) {
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", s);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%.0f min", s / 60);
        }
        if (s < 86400 * 3) {
            return String.format(Locale.ROOT, "%.0f h", s / 3600);
        }
        return String.format(Locale.ROOT, "%.0f days", s / 86400);
    }
}
