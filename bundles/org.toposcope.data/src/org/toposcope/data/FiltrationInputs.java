package org.toposcope.data;

import java.nio.file.Path;
import java.util.Locale;

import org.toposcope.core.ToposcopeException;

/**
 * Reads an input of persistent homology in one of ripser's formats (or .npy): the entry point of
 * {@code toposcope ph INPUT --format ...}. See {@link TextMatrixReader} and {@link NpyReader} for
 * what each format accepts.
 */
public final class FiltrationInputs {

    /** The input formats, by the names ripser's {@code --format} uses (plus npy). */
    public enum Format {
        /** One point per line, coordinates separated by commas and/or blanks. */
        POINT_CLOUD("point-cloud"),
        /** A full, symmetric distance matrix, one row per line. */
        DISTANCE("distance"),
        /** The strict lower triangle, read as one stream of n(n-1)/2 numbers. */
        LOWER_DISTANCE("lower-distance"),
        /** {@code i j d} lines, 0-based indices. */
        SPARSE("sparse"),
        /** A 2-D NumPy array, rows are points. */
        NPY("npy");

        private final String id;

        Format(String id) {
            this.id = id;
        }

        /** The command-line name, e.g. "lower-distance". */
        public String id() {
            return id;
        }

        /** The format of command-line name {@code name}; an unknown name is a ToposcopeException. */
        public static Format fromName(String name) {
            for (Format f : values()) {
                if (f.id.equals(name)) {
                    return f;
                }
            }
            StringBuilder known = new StringBuilder();
            for (Format f : values()) {
                known.append(known.length() == 0 ? "" : ", ").append(f.id);
            }
            throw new ToposcopeException("unknown input format '" + name + "'; known formats are " + known);
        }

        /** npy for a file named *.npy (any case), else point-cloud. */
        public static Format guess(Path file) {
            return Inputs.name(file).toLowerCase(Locale.ROOT).endsWith(".npy") ? NPY : POINT_CLOUD;
        }

        @Override
        public String toString() {
            return id;
        }
    }

    private FiltrationInputs() {
    }

    /** Reads {@code file} in {@code format}; every problem is a one-line {@link ToposcopeException}. */
    public static FiltrationInput read(Path file, Format format) {
        return switch (format) {
            case POINT_CLOUD -> new FiltrationInput.Cloud(TextMatrixReader.readPointCloud(file));
            case DISTANCE -> new FiltrationInput.Distances(TextMatrixReader.readDistanceMatrix(file));
            case LOWER_DISTANCE -> new FiltrationInput.Distances(TextMatrixReader.readLowerDistance(file));
            case SPARSE -> new FiltrationInput.Sparse(TextMatrixReader.readSparse(file));
            case NPY -> new FiltrationInput.Cloud(NpyReader.readPointCloud(file));
        };
    }

    /** Reads {@code file} in the format {@link Format#guess guessed} from its name. */
    public static FiltrationInput read(Path file) {
        return read(file, Format.guess(file));
    }
}
