package org.toposcope.data.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.function.Function;

import org.toposcope.data.FiltrationInputs;
import org.toposcope.data.TextMatrixReader;
import org.toposcope.fuzz.FuzzFiles;
import org.toposcope.fuzz.Mutation;
import org.toposcope.fuzz.ReaderCheck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * ripser's text inputs (point clouds, full and lower distance matrices, sparse triples), comma or
 * blank separated, with comments, then token, line and byte mutations.
 */
class TextMatrixFuzz {

    /** Parsed doubles take 8 bytes for as little as 2 bytes of text, in arrays that double as they grow. */
    private final ReaderCheck check = ReaderCheck.of("text-matrix", "the file has no points", 12, 2 << 20); // plus the scanner's buffers

    enum Format {
        POINT_CLOUD(TextMatrixReader::readPointCloud), DISTANCE(TextMatrixReader::readDistanceMatrix),
        LOWER_DISTANCE(TextMatrixReader::readLowerDistance), SPARSE(TextMatrixReader::readSparse),
        GUESSED(FiltrationInputs::read);

        final Function<Path, Object> reader;

        Format(Function<Path, Object> reader) {
            this.reader = reader;
        }
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.listOf(Mutation.text());
    }

    @Property
    void ripserText(@ForAll Format format, @ForAll @IntRange(min = 0, max = 12) int points,
            @ForAll @IntRange(min = 1, max = 5) int dimension, @ForAll boolean commas, @ForAll long seed,
            @ForAll("mutations") List<Mutation> mutations) {
        String text = text(format, points, dimension, commas ? ", " : " ", new Random(seed));
        Path file = FuzzFiles.write(format == Format.GUESSED ? "input.csv" : "input.txt",
                Mutation.applyAll(text.getBytes(StandardCharsets.UTF_8), mutations));
        Object read = check.check(file, format + " n=" + points + " d=" + dimension + " " + mutations, format.reader);
        if (mutations.isEmpty() && format == Format.POINT_CLOUD) {
            assertEquals(points, ((org.toposcope.core.model.PointCloud) read).size());
        }
    }

    static String text(Format format, int n, int d, String sep, Random random) {
        StringBuilder s = new StringBuilder("# generated\n");
        double[][] x = new double[n][d];
        for (double[] row : x) {
            for (int k = 0; k < d; k++) {
                row[k] = Math.round(random.nextGaussian() * 1000) / 100.0;
            }
        }
        switch (format) {
            case POINT_CLOUD, GUESSED -> {
                for (double[] row : x) {
                    for (int k = 0; k < d; k++) {
                        s.append(k == 0 ? "" : sep).append(row[k]);
                    }
                    s.append('\n');
                }
            }
            case DISTANCE -> {
                for (int i = 0; i < n; i++) {
                    for (int j = 0; j < n; j++) {
                        s.append(j == 0 ? "" : sep).append(distance(x[i], x[j]));
                    }
                    s.append('\n');
                }
            }
            case LOWER_DISTANCE -> {
                for (int i = 1; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        s.append(j == 0 ? "" : sep).append(distance(x[i], x[j]));
                    }
                    s.append('\n');
                }
            }
            case SPARSE -> {
                for (int i = 1; i < n; i++) {
                    for (int j = 0; j < i; j++) {
                        if (random.nextBoolean()) {
                            s.append(i).append(sep).append(j).append(sep).append(distance(x[i], x[j])).append('\n');
                        }
                    }
                }
            }
        }
        return s.toString();
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int k = 0; k < a.length; k++) {
            sum += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.round(Math.sqrt(sum) * 1e6) / 1e6;
    }
}
