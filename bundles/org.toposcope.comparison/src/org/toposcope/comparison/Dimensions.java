package org.toposcope.comparison;

import java.util.Locale;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.Parameters;

/** Which homology dimensions a diagram distance uses. BOTH = sum of the H0 and H1 distances. */
public enum Dimensions {
    H0, H1, BOTH;

    /** "h0", "h1" or "both", in any case. */
    public static Dimensions parse(String text) {
        if (text != null) {
            switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "h0":
                return H0;
            case "h1":
                return H1;
            case "both":
                return BOTH;
            default:
                break;
            }
        }
        throw new ToposcopeException("homology dimensions '" + text + "': expected h0, h1 or both");
    }

    /** The highest homology dimension a diagram must hold for this choice. */
    int highest() {
        return this == H0 ? 0 : 1;
    }

    /** The metric's distance between two diagrams over these dimensions (H0 first, then H1, for BOTH). */
    double distance(PersistenceDiagram a, PersistenceDiagram b, DiagramMetric metric, Parameters parameters) {
        return switch (this) {
        case H0 -> metric.distance(a.dimension(0), b.dimension(0), parameters);
        case H1 -> metric.distance(a.dimension(1), b.dimension(1), parameters);
        case BOTH -> metric.distance(a.dimension(0), b.dimension(0), parameters)
                + metric.distance(a.dimension(1), b.dimension(1), parameters);
        };
    }

    /** Refuses a diagram computed below the dimensions asked for, which would silently compare empty parts. */
    void check(String what, PersistenceDiagram diagram) {
        if (diagram == null) {
            throw new ToposcopeException(what + ": no diagram");
        }
        if (diagram.maxDimension() < highest()) {
            throw new ToposcopeException(what + ": diagram " + diagram.name() + " has no H" + highest()
                    + " (computed up to H" + diagram.maxDimension() + ")");
        }
    }
}
