package org.toposcope.comparison;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;

class ComparisonFilesTest {

    @TempDir
    Path dir;

    @Test
    void matrixRoundTripIsExact() throws IOException {
        List<String> rows = List.of("plain", "with, comma", "say \"hi\"", " padded ", "ünïcode/layer", "");
        List<String> columns = List.of("a", "b,c", "\"q\"", "x");
        Random random = new Random(3);
        double[] values = new double[rows.size() * columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
        }
        values[0] = Double.NaN;
        values[1] = Double.POSITIVE_INFINITY;
        values[2] = Double.NEGATIVE_INFINITY;
        values[3] = -0.0;
        values[4] = Double.MIN_VALUE;
        values[5] = Double.MAX_VALUE;
        values[6] = 0.1 + 0.2;
        DistanceMatrix m = new DistanceMatrix("model a, seed 1", rows, columns, values);
        Path file = dir.resolve("m.csv");
        ComparisonFiles.writeCsv(m, file);
        DistanceMatrix back = ComparisonFiles.readCsv(file);
        assertEquals(m, back); // labels, name and every value bit for bit (Arrays.equals tells -0.0 from 0.0)
        assertEquals("\"model a, seed 1\",a,\"b,c\",\"\"\"q\"\"\",x", Files.readAllLines(file).get(0));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(file), files.toList(), "no temporary file left");
        }
        DistanceMatrix empty = new DistanceMatrix("e", List.of(), List.of(), new double[0]);
        ComparisonFiles.writeCsv(empty, file);
        assertEquals(empty, ComparisonFiles.readCsv(file));
    }

    @Test
    void realMatrixRoundTrips() {
        var metric = Components.metric("sliced-wasserstein");
        DistanceMatrix m = LayerDistances.matrix("sw", Components.labels("layer", 5), Components.diagrams(7, 5), metric,
                Components.defaults(metric), Dimensions.BOTH, org.toposcope.core.Progress.none());
        Path file = dir.resolve("sw.csv");
        ComparisonFiles.writeCsv(m, file);
        assertEquals(m, ComparisonFiles.readCsv(file));
    }

    @Test
    void curveFileHasOneRowPerK() throws IOException {
        SensitivityCurve curve = new SensitivityCurve("stage1, block2", new int[] { 0, 4, 8 },
                new double[] { 0, 1 / 3.0, 2 / 3.0 }, new double[] { 0, 0.01, 0.7 }, new double[] { 1, 0.999, 0.2 });
        Path file = dir.resolve("curve.csv");
        ComparisonFiles.writeCsv(curve, file);
        assertEquals(List.of("layer,removed,fraction_removed,diagram_distance,similarity",
                "\"stage1, block2\",0,0.0,0.0,1.0",
                "\"stage1, block2\",4," + 1 / 3.0 + ",0.01,0.999",
                "\"stage1, block2\",8," + 2 / 3.0 + ",0.7,0.2"), Files.readAllLines(file));
    }

    @Test
    void malformedFilesAreOneLineNamingFileAndLine() throws IOException {
        check("name,a,b\nr1,1.0,2.0\nr2,3.0\n", ":3: 2 fields, expected 3 (a row label and 2 values)");
        check("name,a,b\nr1,1.0,x\n", ":2: field 3 'x' is not a number");
        check("name,a,b\nr1,1.0,0x1p3\n", ":2: field 3 '0x1p3' is not a number");
        check("name,a,b\nr1,1.0, 2.0\n", ":2: field 3 ' 2.0' is not a number");
        check("name,a,b\nr1,1.0,\n", ":2: field 3 '' is not a number");
        check("name,\"a,b\n", ":1: field 2: quote not closed before the end of the line");
        check("name,\"a\"b,c\n", ":1: field 2: text after the closing quote");
        check("name,a\"b\n", ":1: field 2: quote inside an unquoted field");
        check("name,a\nr1,1.0\n\nr2,2.0\n", ":3: empty line");
        check("", ": empty file; expected a header row of column labels");
        Path bytes = dir.resolve("bytes.csv");
        Files.write(bytes, new byte[] { 'n', ',', 'a', '\n', 'r', (byte) 0xff, ',', '1', '\n' });
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> ComparisonFiles.readCsv(bytes));
        assertEquals(bytes + ":2: not UTF-8 text (byte 5)", e.getMessage());
        Path missing = dir.resolve("missing.csv");
        ToposcopeException none = assertThrows(ToposcopeException.class, () -> ComparisonFiles.readCsv(missing));
        assertEquals(missing + ": cannot read: NoSuchFileException " + missing, none.getMessage());
    }

    @Test
    void labelsWithLineBreaksAreRefused() {
        DistanceMatrix m = new DistanceMatrix("m", List.of("a\nb"), List.of("c"), new double[] { 1 });
        Path file = dir.resolve("m.csv");
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> ComparisonFiles.writeCsv(m, file));
        assertEquals(file + ": cannot write label 'a b': it contains a line break", e.getMessage());
        assertEquals(false, Files.exists(file));
    }

    private void check(String content, String problem) throws IOException {
        Path file = dir.resolve("bad.csv");
        Files.writeString(file, content, StandardCharsets.UTF_8);
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> ComparisonFiles.readCsv(file),
                content.replace("\n", "|"));
        assertEquals(file + problem, e.getMessage());
    }
}
