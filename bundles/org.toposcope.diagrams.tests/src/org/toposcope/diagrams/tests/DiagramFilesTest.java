package org.toposcope.diagrams.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceDiagram.Dimension;
import org.toposcope.diagrams.io.DiagramFiles;

class DiagramFilesTest {

    private Path dir;

    @BeforeEach
    void createFolder() throws IOException {
        dir = Files.createTempDirectory("toposcope-diagram-files");
    }

    @AfterEach
    void deleteFolder() throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        }
    }

    /** Awkward doubles: shortest representations, subnormals, long fractions, negatives, huge values. */
    private static PersistenceDiagram awkward() {
        Dimension h0 = new Dimension(0, new double[] {0, 0.1, 1.0 / 3, -2.5e-7}, new double[] {0.30000000000000004, 0.2, Math.PI, Double.MIN_VALUE},
                new double[] {0, Math.E});
        Dimension h1 = Dimension.empty(1);
        Dimension h2 = new Dimension(2, new double[] {1e300, 5}, new double[] {Double.MAX_VALUE, 5}, new double[] {-7.25});
        return new PersistenceDiagram("awkward", List.of(h0, h1, h2));
    }

    @Test
    void csvRoundTripsExactly() throws IOException {
        PersistenceDiagram d = awkward();
        Path f = dir.resolve("awkward.csv");
        DiagramFiles.write(d, f);
        assertEquals(d, DiagramFiles.read(f));
        // H1 has nothing, so it leaves no line, but H2 brings it back as an empty part
        assertEquals(List.of("dim,birth,death", "0,0.0,0.30000000000000004", "0,0.1,0.2", "0,0.3333333333333333,3.141592653589793",
                "0,-2.5E-7,4.9E-324", "0,0.0,inf", "0,2.718281828459045,inf", "2,1.0E300,1.7976931348623157E308", "2,5.0,5.0",
                "2,-7.25,inf"), Files.readAllLines(f));
    }

    @Test
    void jsonRoundTripsExactlyAndHasTheDocumentedShape() throws IOException {
        PersistenceDiagram d = awkward();
        Path f = dir.resolve("x.json");
        DiagramFiles.write(d, f);
        PersistenceDiagram back = DiagramFiles.read(f);
        assertEquals(d, back);
        assertEquals("awkward", back.name(), "the name comes from the JSON, not the file");
        String json = Files.readString(f).replace(" ", "").strip();
        assertTrue(json.startsWith("{\"name\":\"awkward\",\"dimensions\":[{\"dim\":0,\"pairs\":[[0.0,0.30000000000000004],[0.1,0.2],"), json);
        assertTrue(json.contains("\"essential\":[0.0,2.718281828459045]},{\"dim\":1,\"pairs\":[],\"essential\":[]}"), json);
    }

    @Test
    void randomDiagramsRoundTripInBothFormats() {
        RandomDiagrams r = new RandomDiagrams(3);
        for (int k = 0; k < 20; k++) {
            Dimension h0 = r.continuous(r.nextInt(50), r.nextInt(3));
            Dimension h1 = RandomDiagrams.inDimension(1, r.quantized(r.nextInt(9), 1));
            PersistenceDiagram d = new PersistenceDiagram("r" + k, List.of(h0, h1, Dimension.empty(2)));
            Path csv = dir.resolve("r" + k + ".csv");
            Path json = dir.resolve("r" + k + ".json");
            DiagramFiles.write(d, csv);
            DiagramFiles.write(d, json);
            // a trailing empty dimension leaves no line in CSV, so only JSON brings H2 back
            assertEquals(List.of(h0, h1), DiagramFiles.read(csv).dimensions());
            assertEquals(d, DiagramFiles.read(json));
        }
    }

    @Test
    void writeReplacesAnExistingFileAndLeavesNoTemporaryFiles() throws IOException {
        Path f = dir.resolve("d.csv");
        Files.writeString(f, "old content that is longer than the new one, to see it is replaced, not overwritten in place\n".repeat(20));
        PersistenceDiagram d = new PersistenceDiagram("d", List.of(new Dimension(0, new double[] {1}, new double[] {2}, new double[0])));
        DiagramFiles.write(d, f);
        assertEquals(List.of("dim,birth,death", "0,1.0,2.0"), Files.readAllLines(f));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(f), files.toList());
        }
    }

    @Test
    void aFailedWriteDeletesItsTemporaryFileAndNamesTheFile() throws IOException {
        Path target = dir.resolve("taken.csv");
        Files.createDirectory(target);
        Files.writeString(target.resolve("inside"), "x"); // a non-empty directory cannot be replaced by a file
        PersistenceDiagram d = RandomDiagrams.diagram("d", new RandomDiagrams(1).continuous(5, 1));
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> DiagramFiles.write(d, target));
        assertTrue(e.getMessage().startsWith(target + ": cannot write the diagram"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(target), files.toList(), "the temporary file is gone");
        }
        Path noFolder = dir.resolve("missing/d.json");
        ToposcopeException e2 = assertThrows(ToposcopeException.class, () -> DiagramFiles.write(d, noFolder));
        assertTrue(e2.getMessage().startsWith(noFolder + ": cannot write the diagram"), e2.getMessage());
    }

    @Test
    void readsGudhiAndRipserStyleText() throws IOException {
        PersistenceDiagram two = read("two.txt", "# gudhi: birth death\n0 1.5\n\n0.25\t inf  # essential\n  1e-3 2E1\n");
        assertEquals("two", two.name());
        assertEquals(1, two.dimensions().size());
        Dimension h0 = two.dimension(0);
        assertArrayEquals(new double[] {0, 0.001}, h0.births());
        assertArrayEquals(new double[] {1.5, 20}, h0.deaths());
        assertArrayEquals(new double[] {0.25}, h0.essentialBirths());

        PersistenceDiagram three = read("three.txt", "2 0.5 0.75\n0,0,inf\n0 0.1 0.2\n");
        assertEquals(3, three.dimensions().size());
        assertEquals(Dimension.empty(1), three.dimension(1));
        assertArrayEquals(new double[] {0.5}, three.dimension(2).births());
        assertArrayEquals(new double[] {0.1}, three.dimension(0).births());
        assertArrayEquals(new double[] {0}, three.dimension(0).essentialBirths());

        PersistenceDiagram headed = read("headed.csv", "birth,death\n1,2\n");
        assertArrayEquals(new double[] {2}, headed.dimension(0).deaths());
    }

    @Test
    void emptyFilesAreEmptyDiagrams() throws IOException {
        assertEquals(new PersistenceDiagram("e", List.of()), read("e.csv", ""));
        assertEquals(new PersistenceDiagram("c", List.of()), read("c.txt", "# nothing\n\n   \n"));
        assertEquals(new PersistenceDiagram("h", List.of()), read("h.csv", "dim,birth,death\n"));
    }

    @Test
    void badInputNamesFileAndLine() throws IOException {
        assertBad("a.csv", "dim,birth,death\n0,1,2\n0,x,3\n", ":3: birth 'x' is not a number");
        assertBad("b.txt", "1 2\n\n# c\n1 2 3\n", ":4: expected 2 columns like the lines before, found 3");
        assertBad("c.txt", "1 2 3 4\n", ":1: expected 'birth death' or 'dim birth death', found 4 columns");
        assertBad("d.txt", "0 nan 1\n", ":1: birth 'nan' is not a number");
        assertBad("e.txt", "0 2 1\n", ":1: death 1.0 < birth 2.0");
        assertBad("f.txt", "-1 0 1\n", ":1: dimension '-1' is not an integer from 0 to 3");
        assertBad("g.txt", "4 0 1\n", ":1: dimension '4' is not an integer from 0 to 3");
        assertBad("h.txt", "0.5 0 1\n", ":1: dimension '0.5' is not an integer from 0 to 3");
        assertBad("i.txt", "0 inf inf\n", ":1: birth must be finite, not inf");
        assertBad("j.csv", "dim,birth,death\n0,1\n", ":2: expected 3 columns like the lines before, found 2");
        assertBad("k.txt", "0 1 NaN\n", ":1: death 'NaN' is not a number");
        assertBad("l.json", "{\"name\": \"x\",\n \"dimensions\": [\n {\"dim\": 0, \"pairs\": [[0, 1],\n [3, 2]]}]}\n",
                ":4: death 2.0 < birth 3.0");
        assertBad("m.json", "{\"dimensions\": [{\"dim\": 7, \"pairs\": []}]}", ":1: dimension 7.0 is not an integer from 0 to 3");
        assertBad("n.json", "{\"dimensions\": [\n{\"dim\": 0, \"pairs\": [[0, \"a\"]]}]}", ":2: not a diagram in JSON");
        assertBad("o.json", "{\"dimensions\": [{\"pairs\": [[0, 1]]}]}", ":1: a dimension without \"dim\"");
        assertBad("p.json", "{\"dimensions\": [\n", ":2: the JSON ends early");
        Path missing = dir.resolve("missing.csv");
        assertEquals(missing + ": no such file", assertThrows(ToposcopeException.class, () -> DiagramFiles.read(missing)).getMessage());
    }

    /** Found by DiagramFilesFuzz (issue 11). */
    @Test
    void fuzzFindingsAreOneLineErrorsInLinearTime() throws IOException {
        // a long run of digits before junk took seconds of regex backtracking (6.6 s for 6,200 digits)
        long start = System.nanoTime();
        assertBad("q.txt", "0 " + "9".repeat(200_000) + "x 1\n", ":1: birth '");
        assertTrue(System.nanoTime() - start < 2_000_000_000L, (System.nanoTime() - start) / 1e9 + " s");
        // a JSON key holding a line break made a two-line message
        assertBad("r.json", "{\"na\nme\": 1, \"dimensions\": [\n{\"dim\": 0, \"pairs\": [[0, \"a\"]]}]}", ": not a diagram in JSON");
        Path f = dir.resolve("s.txt"); // malformed UTF-8 named no position
        Files.write(f, new byte[] {'0', ' ', '1', ' ', '2', '\n', '0', ' ', (byte) 0xc3, '(', ' ', '1', '\n'});
        assertEquals(f + ": byte 8: not UTF-8 text", assertThrows(ToposcopeException.class, () -> DiagramFiles.read(f)).getMessage());
    }

    @Test
    void writersWorkOnAnyWriter() throws IOException {
        PersistenceDiagram d = new PersistenceDiagram("w", List.of(new Dimension(0, new double[] {0.5}, new double[] {1}, new double[] {2})));
        StringWriter csv = new StringWriter();
        DiagramFiles.writeCsv(d, csv);
        assertEquals("dim,birth,death\n0,0.5,1.0\n0,2.0,inf\n", csv.toString());
        StringWriter json = new StringWriter();
        DiagramFiles.writeJson(d, json);
        assertEquals("{\"name\":\"w\",\"dimensions\":[{\"dim\":0,\"pairs\":[[0.5,1.0]],\"essential\":[2.0]}]}", json.toString().strip());
    }

    private PersistenceDiagram read(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        return DiagramFiles.read(f);
    }

    private void assertBad(String name, String content, String expectedSuffix) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, content, StandardCharsets.UTF_8);
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> DiagramFiles.read(f));
        assertTrue(e.getMessage().startsWith(f + ":"), e.getMessage());
        assertTrue(e.getMessage().contains(expectedSuffix), () -> "expected '" + expectedSuffix + "' in: " + e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }
}
