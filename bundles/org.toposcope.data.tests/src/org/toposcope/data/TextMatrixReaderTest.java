package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.model.SparseDistances;

class TextMatrixReaderTest {

    private static final double R2 = Math.sqrt(2);
    /** The unit square's lower triangle: d(1,0), d(2,0), d(2,1), d(3,0), d(3,1), d(3,2). */
    private static final double[] SQUARE = {1, R2, 1, 1, R2, 1};

    @TempDir
    Path dir;

    private Path file(String name, String text) throws IOException {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    private static void fails(String message, Executable read) {
        ToposcopeException e = assertThrows(ToposcopeException.class, read);
        assertEquals(message, e.getMessage());
    }

    // ---- point-cloud

    @Test
    void pointCloudWithCommasBlanksCommentsAndBlankLines() throws IOException {
        Path f = file("cloud.txt", "\ufeff# the unit square\n0,0\n\n1, 0\r\n  1 ,\t1,\n# done\n0\t1");
        PointCloud c = TextMatrixReader.readPointCloud(f);
        assertEquals(new PointCloud("cloud.txt", 4, 2, new double[] {0, 0, 1, 0, 1, 1, 0, 1}, Provenance.anonymous(4)), c);
    }

    @Test
    void pointCloudNumberSyntax() throws IOException {
        PointCloud c = TextMatrixReader.readPointCloud(file("n.txt", "-1.5 +2 .5 3. 1e3 -2.5E-3 0.1 -0\n"));
        assertArrayEquals(new double[] {-1.5, 2, .5, 3, 1000, -0.0025, 0.1, -0.0}, c.coordinates());
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(c.get(0, 7)));
    }

    @Test
    void emptyFileIsAnEmptyCloud() throws IOException {
        PointCloud c = TextMatrixReader.readPointCloud(file("empty.txt", "# nothing\n\n"));
        assertEquals(0, c.size());
        assertEquals(0, c.dimension());
        assertEquals(0, TextMatrixReader.readPointCloud(file("zero.txt", "")).size());
    }

    @Test
    void pointCloudErrorsNameFileLineAndProblem() throws IOException {
        fails("cloud.txt:7: row has 2 values, expected 3",
                () -> TextMatrixReader.readPointCloud(file("cloud.txt", "# h\n1 2 3\n\n4 5 6\n#\n7 8 9\n1 2\n")));
        fails("long.txt:2: row has 5 values, expected 3",
                () -> TextMatrixReader.readPointCloud(file("long.txt", "1 2 3\n1 2 3 4 x\n")));
        fails("cloud.txt:3: 'abc' is not a number",
                () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1 2\n3 4\n5 abc\n")));
        fails("cloud.txt:5: NaN is not allowed",
                () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1\n2\n3\n4\nnan\n")));
        fails("cloud.txt:1: infinite coordinate '-inf' is not allowed",
                () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1 -inf\n")));
        fails("cloud.txt:1: '1e400' is out of range", () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1e400\n")));
        fails("cloud.txt:2: empty value before ','", () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1,2\n1,,2\n")));
        fails("cloud.txt:1: empty value before ','", () -> TextMatrixReader.readPointCloud(file("cloud.txt", ",1,2\n")));
        fails("cloud.txt:1: '1.2.3' is not a number", () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1.2.3\n")));
        fails("cloud.txt:1: '1e' is not a number", () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1e\n")));
        fails("cloud.txt:1: '0x10' is not a number", () -> TextMatrixReader.readPointCloud(file("cloud.txt", "0x10\n")));
        fails("cloud.txt:1: '1f' is not a number", () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1f\n")));
        fails("cloud.txt:1: '1#' is not a number", () -> TextMatrixReader.readPointCloud(file("cloud.txt", "1# trailing\n")));
        fails("missing.txt: no such file", () -> TextMatrixReader.readPointCloud(dir.resolve("missing.txt")));
    }

    @Test
    void binaryGarbageIsAOneLineError() throws IOException {
        byte[] bytes = {1, (byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 0, '\n'};
        Path f = Files.write(dir.resolve("g.bin"), bytes);
        fails("g.bin:1: '\\x01\\x93NUMPY\\x00' is not a number", () -> TextMatrixReader.readPointCloud(f));
        Path noBreaks = Files.write(dir.resolve("long.bin"), new byte[1 << 20]);
        fails("long.bin:1: value '" + "\\x00".repeat(40) + "...' is longer than 400 characters",
                () -> TextMatrixReader.readPointCloud(noBreaks));
    }

    // ---- distance

    @Test
    void fullDistanceMatrixKeepsTheLowerTriangle() throws IOException {
        String s = Double.toString(R2);
        Path f = file("d.txt", "# square\n0 1 " + s + " 1\n1,0,1," + s + "\n" + s + " 1 0 1\n\n1 " + s + " 1 0\n");
        assertEquals(new LowerDistanceMatrix("d.txt", 4, SQUARE), TextMatrixReader.readDistanceMatrix(f));
    }

    @Test
    void distanceMatrixToleratesRoundingAndTakesInfinityAsNoEdge() throws IOException {
        Path f = file("d.txt", "0 1.0000000000000002 inf\n1 0 2\ninf 2 0\n");
        LowerDistanceMatrix m = TextMatrixReader.readDistanceMatrix(f);
        assertArrayEquals(new double[] {1, Double.POSITIVE_INFINITY, 2}, m.values());
        assertEquals(1, new LowerDistanceMatrix("one", 1, new double[0]).size());
        assertEquals(1, TextMatrixReader.readDistanceMatrix(file("one.txt", "0\n")).size());
    }

    @Test
    void distanceMatrixErrors() throws IOException {
        fails("d.txt:2: distance matrix is not symmetric: d(1,0)=2.0 but d(0,1)=3.0",
                () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 3\n2 0\n")));
        fails("d.txt:2: distance matrix is not symmetric: d(1,0)=1.0 but d(0,1)=Infinity",
                () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 inf\n1 0\n")));
        fails("d.txt:1: negative distance -1.0", () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 -1\n-1 0\n")));
        fails("d.txt:2: diagonal entry d(1,1)=0.5 is not 0",
                () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 1\n1 0.5\n")));
        fails("d.txt:2: row has 3 values, expected 2", () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 1\n1 0 0\n")));
        fails("d.txt:2: row has 1 values, expected 2", () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 1\n1\n")));
        fails("d.txt:3: distance matrix has 2 rows, expected 3",
                () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 1 1\n\n1 0 1\n")));
        fails("d.txt:3: distance matrix has more than 2 rows (the first row has 2 values)",
                () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 1\n1 0\n1 1\n")));
        fails("d.txt:1: NaN is not allowed", () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 NaN\n")));
        fails("d.txt: the file has no points", () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "# empty\n")));
        // a whole matrix on one line announces 16 columns: refused before allocating 16 x 16
        fails("d.txt:1: the first row has 16 values, so the matrix needs 256 numbers, but the file has only 31 bytes",
                () -> TextMatrixReader.readDistanceMatrix(file("d.txt", "0 1 2 1 1 0 1 2 2 1 0 1 1 2 1 0")));
    }

    // ---- lower-distance

    @Test
    void lowerDistanceIsOneStreamOfNumbersWhateverTheLineBreaks() throws IOException {
        String s = Double.toString(R2);
        LowerDistanceMatrix expected = new LowerDistanceMatrix("l.txt", 4, SQUARE);
        for (String text : new String[] {"\n1\n" + s + " 1\n1 " + s + " 1\n", "1\n" + s + " 1\n1 " + s + " 1",
                "1, " + s + ", 1, 1, " + s + ", 1\n", "1 " + s + "\n1 1\n" + s + " 1\n", "# lower\n1\n\n" + s + ",1\n1," + s + ",1,\n"}) {
            assertEquals(expected, TextMatrixReader.readLowerDistance(file("l.txt", text)), text);
        }
        assertArrayEquals(new double[] {Double.POSITIVE_INFINITY},
                TextMatrixReader.readLowerDistance(file("l.txt", "inf")).values());
    }

    @Test
    void lowerDistanceErrors() throws IOException {
        fails("l.txt:3: 5 distances do not form a lower triangle: 3 points need 3, 4 points need 6",
                () -> TextMatrixReader.readLowerDistance(file("l.txt", "1\n2 3\n4 5\n")));
        fails("l.txt:2: negative distance -2.0", () -> TextMatrixReader.readLowerDistance(file("l.txt", "1\n-2 3\n")));
        fails("l.txt:1: NaN is not allowed", () -> TextMatrixReader.readLowerDistance(file("l.txt", "nan")));
        fails("l.txt: the file has no points", () -> TextMatrixReader.readLowerDistance(file("l.txt", "\n\n")));
    }

    // ---- sparse

    @Test
    void sparseTripletsWithRepeatsAndIsolatedPoints() throws IOException {
        Path f = file("s.txt", "# i j d\n0 1 1\n1,2,1.5\n2 0 inf\n1 0 1\n5 5 0\n");
        SparseDistances s = TextMatrixReader.readSparse(f);
        assertEquals(new SparseDistances("s.txt", 6, new int[] {0, 1, 2}, new int[] {1, 2, 0},
                new double[] {1, 1.5, Double.POSITIVE_INFINITY}), s);
    }

    @Test
    void sparseErrors() throws IOException {
        fails("s.txt:2: row has 2 values, expected 3 (i j distance)", () -> TextMatrixReader.readSparse(file("s.txt", "0 1 1\n1 2\n")));
        fails("s.txt:1: row has 4 values, expected 3 (i j distance)", () -> TextMatrixReader.readSparse(file("s.txt", "0 1 1 1\n")));
        fails("s.txt:1: row has 1 values, expected 3 (i j distance)", () -> TextMatrixReader.readSparse(file("s.txt", "0\n")));
        fails("s.txt:1: '1.0' is not a point index (0 to 2147483646)", () -> TextMatrixReader.readSparse(file("s.txt", "1.0 2 3\n")));
        fails("s.txt:1: '-1' is not a point index (0 to 2147483646)", () -> TextMatrixReader.readSparse(file("s.txt", "0 -1 3\n")));
        fails("s.txt:1: '2147483647' is not a point index (0 to 2147483646)",
                () -> TextMatrixReader.readSparse(file("s.txt", "0 2147483647 3\n")));
        fails("s.txt:1: negative distance -3.0", () -> TextMatrixReader.readSparse(file("s.txt", "0 1 -3\n")));
        fails("s.txt:1: NaN is not allowed", () -> TextMatrixReader.readSparse(file("s.txt", "0 1 NaN\n")));
        fails("s.txt:2: d(1,1)=0.5 but a point's distance to itself is 0",
                () -> TextMatrixReader.readSparse(file("s.txt", "0 1 1\n1 1 0.5\n")));
        fails("s.txt:4: pair (2,1) has distance 0.5 but line 2 gave 1.0",
                () -> TextMatrixReader.readSparse(file("s.txt", "0 1 1\n1 2 1\n0 2 1\n2 1 0.5\n")));
        fails("s.txt: the file has no points", () -> TextMatrixReader.readSparse(file("s.txt", "")));
    }

    @Test
    void largeFilesReadBitExactly() throws IOException {
        // 1e6 numbers as NumPy's savetxt writes them (%.18e, 19 significant digits); the speed of this read is a
        // benchmark's business, not a unit test's (a time limit here failed on a loaded machine)
        StringBuilder b = new StringBuilder();
        double[] expected = new double[1_000_000];
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < expected.length; i++) {
            String s = String.format(java.util.Locale.ROOT, "%.18e", random.nextGaussian());
            expected[i] = Double.parseDouble(s);
            b.append(s).append(i % 10 == 9 ? '\n' : ' ');
        }
        Path f = file("big.txt", b.toString());
        PointCloud c = TextMatrixReader.readPointCloud(f);
        assertEquals(100_000, c.size());
        assertArrayEquals(expected, c.coordinates());
    }
}
