package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LowerDistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.SparseDistances;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.data.FiltrationInputs.Format;

class FiltrationInputsTest {

    @TempDir
    Path dir;

    @Test
    void formatsByNameAndGuess() {
        for (Format f : Format.values()) {
            assertEquals(f, Format.fromName(f.id()));
        }
        assertEquals(Format.LOWER_DISTANCE, Format.fromName("lower-distance"));
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> Format.fromName("dipha"));
        assertEquals("unknown input format 'dipha'; known formats are point-cloud, distance, lower-distance, sparse, npy",
                e.getMessage());
        assertEquals(Format.NPY, Format.guess(Path.of("acts/layer1.NPY")));
        assertEquals(Format.POINT_CLOUD, Format.guess(Path.of("cloud.txt")));
        assertEquals(Format.POINT_CLOUD, Format.guess(Path.of("npy")));
    }

    @Test
    void readDispatchesEveryFormatAndComputeCallsTheMatchingOverload() throws IOException {
        Path cloud = Files.writeString(dir.resolve("c.txt"), "0 0\n1 0\n");
        Path full = Files.writeString(dir.resolve("d.txt"), "0 1\n1 0\n");
        Path lower = Files.writeString(dir.resolve("l.txt"), "1\n2 3\n");
        Path sparse = Files.writeString(dir.resolve("s.txt"), "0 4 1\n");
        NpyWriter.write(dir.resolve("c.npy"), new int[] {3, 2}, new double[6]);
        List<String> calls = new ArrayList<>();
        FiltrationBackend backend = new FiltrationBackend() {
            @Override
            public String id() {
                return "recording";
            }

            @Override
            public String description() {
                return "records which overload was called";
            }

            @Override
            public List<ParameterSpec> parameters() {
                return List.of();
            }

            @Override
            public PersistenceDiagram compute(PointCloud c, Parameters p, Progress progress) {
                calls.add("cloud " + c.name() + " " + c.size());
                return null;
            }

            @Override
            public PersistenceDiagram compute(LowerDistanceMatrix m, Parameters p, Progress progress) {
                calls.add("matrix " + m.name() + " " + m.size());
                return null;
            }

            @Override
            public PersistenceDiagram compute(SparseDistances s, Parameters p, Progress progress) {
                calls.add("sparse " + s.name() + " " + s.size());
                return null;
            }
        };
        FiltrationInputs.read(cloud, Format.POINT_CLOUD).compute(backend, null, null);
        FiltrationInputs.read(full, Format.DISTANCE).compute(backend, null, null);
        FiltrationInputs.read(lower, Format.LOWER_DISTANCE).compute(backend, null, null);
        FiltrationInputs.read(sparse, Format.SPARSE).compute(backend, null, null);
        FiltrationInputs.read(dir.resolve("c.npy")).compute(backend, null, null);
        assertEquals(List.of("cloud c.txt 2", "matrix d.txt 2", "matrix l.txt 3", "sparse s.txt 5", "cloud c.npy 3"), calls);
        FiltrationInput in = FiltrationInputs.read(lower, Format.LOWER_DISTANCE);
        assertTrue(in instanceof FiltrationInput.Distances d && d.matrix().get(0, 2) == 2, in.toString());
    }

    @Test
    void garbageInEveryFormatFailsWithOneLineMessagesQuickly() throws IOException {
        Random random = new Random(13);
        Path f = dir.resolve("junk");
        long start = System.nanoTime();
        for (int trial = 0; trial < 400; trial++) {
            byte[] bytes = new byte[random.nextInt(3000)];
            random.nextBytes(bytes);
            if (trial % 2 == 0) { // mostly digits and separators, so parsing gets deep before failing
                byte[] alphabet = "0123456789.,-e \n\n#infa".getBytes(StandardCharsets.US_ASCII);
                for (int i = 0; i < bytes.length; i++) {
                    bytes[i] = alphabet[Math.floorMod(bytes[i], alphabet.length)];
                }
            }
            Files.write(f, bytes);
            for (Format format : Format.values()) {
                try {
                    FiltrationInputs.read(f, format);
                } catch (ToposcopeException e) {
                    assertTrue(e.getMessage().startsWith("junk:") && !e.getMessage().contains("\n"), e.getMessage());
                }
            }
        }
        assertTrue(System.nanoTime() - start < 30_000_000_000L, "garbage took too long");
    }

    /** Optional: ripser (if installed) reads our plain files as the same number of points. */
    @Test
    void ripserAgreesOnPlainFiles() throws Exception {
        Path ripser = Path.of("/usr/bin/ripser");
        assumeTrue(Files.isExecutable(ripser), "ripser is not installed");
        String r2 = Double.toString(Math.sqrt(2));
        Path cloud = Files.writeString(dir.resolve("c.txt"), "0,0\n1,0\n1,1\n0,1\n0.5,0.5\n");
        Path full = Files.writeString(dir.resolve("d.txt"), "0 1 " + r2 + " 1\n1 0 1 " + r2 + "\n" + r2 + " 1 0 1\n1 " + r2 + " 1 0\n");
        Path lower = Files.writeString(dir.resolve("l.txt"), "\n1\n" + r2 + " 1\n1 " + r2 + " 1\n");
        Path flat = Files.writeString(dir.resolve("f.txt"), "1 " + r2 + " 1 1 " + r2 + " 1\n");
        Path sparse = Files.writeString(dir.resolve("s.txt"), "0 1 1\n1 2 1\n2 3 1\n3 0 1\n");
        assertEquals("point cloud with 5 points in dimension 2", ripser(ripser, "point-cloud", cloud).get(0));
        assertEquals(5, FiltrationInputs.read(cloud, Format.POINT_CLOUD).size());
        for (Path p : new Path[] {full, lower, flat}) {
            Format format = p == full ? Format.DISTANCE : Format.LOWER_DISTANCE;
            List<String> out = ripser(ripser, format.id(), p);
            assertTrue(out.get(1).startsWith("distance matrix with 4 points"), out.toString());
            assertEquals(4, FiltrationInputs.read(p, format).size());
        }
        assertTrue(ripser(ripser, "sparse", sparse).get(0).startsWith("sparse distance matrix with 4 points"));
        assertEquals(4, FiltrationInputs.read(sparse, Format.SPARSE).size());
    }

    private static List<String> ripser(Path ripser, String format, Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(ripser.toString(), "--format", format, file.toString()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        return out.lines().toList();
    }
}
