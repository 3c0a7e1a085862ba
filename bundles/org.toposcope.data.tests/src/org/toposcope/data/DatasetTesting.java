package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.function.Executable;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;

/** Helpers of the data-set reader tests: Python, parameters, error checks, corrupting files. */
final class DatasetTesting {

    static final String PYTHON = "/usr/bin/python3";

    private DatasetTesting() {
    }

    /** Runs a Python script in {@code dir} with numpy imported as np; returns its stripped output. */
    static String python(Path dir, String script, String... args) throws IOException, InterruptedException {
        assertTrue(Files.isExecutable(Path.of(PYTHON)), PYTHON + " is needed for the reference values");
        List<String> command = new ArrayList<>(List.of(PYTHON, "-c", "import numpy as np\n" + script));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "python timed out");
        assertEquals(0, p.exitValue(), out);
        return out.strip();
    }

    static Parameters params(DatasetReader reader, String... keyValues) {
        Map<String, String> m = new HashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put(keyValues[i], keyValues[i + 1]);
        }
        return Parameters.resolve(reader, m);
    }

    static Dataset open(DatasetReader reader, Path path, String... keyValues) {
        return reader.open(path, params(reader, keyValues));
    }

    /** The failure is a one-line ToposcopeException whose message is exactly {@code message}. */
    static void fails(String message, Executable e) {
        ToposcopeException x = assertThrows(ToposcopeException.class, e);
        assertEquals(message, x.getMessage());
    }

    /** The failure is a one-line ToposcopeException starting with {@code start}. */
    static String failsWith(String start, Executable e) {
        ToposcopeException x = assertThrows(ToposcopeException.class, e);
        assertTrue(x.getMessage().startsWith(start), "expected '" + start + "...', got: " + x.getMessage());
        assertFalse(x.getMessage().contains("\n"), x.getMessage());
        return x.getMessage();
    }

    /** Opens and reads all of {@code path}; anything but success or a one-line ToposcopeException naming {@code name} fails. */
    static void openAndReadOrOneLineError(DatasetReader reader, Path path, String name, String... keyValues) {
        try (Dataset d = open(reader, path, keyValues)) {
            for (int first = 0; first < d.size(); first += 64) {
                d.read(first, 64);
            }
        } catch (ToposcopeException e) {
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
            assertTrue(e.getMessage().contains(name), "the message should name " + name + ": " + e.getMessage());
        } catch (RuntimeException | Error e) {
            fail(path.getFileName() + " (" + reader.id() + "): " + e, e);
        }
    }

    /**
     * Truncates {@code file} at several lengths and flips bytes at random places (restoring it after), checking
     * that each broken version opens and reads or fails in one line naming {@code name}.
     */
    static void survivesDamage(DatasetReader reader, Path path, Path file, String name, long seed, String... keyValues)
            throws IOException {
        byte[] good = Files.readAllBytes(file);
        Random random = new Random(seed);
        try {
            for (int cut : new int[] {0, 1, 3, 7, 15, good.length / 3, good.length / 2, good.length - 1}) {
                if (cut < good.length) {
                    Files.write(file, java.util.Arrays.copyOf(good, cut));
                    openAndReadOrOneLineError(reader, path, name, keyValues);
                }
            }
            for (int trial = 0; trial < 12; trial++) {
                byte[] bad = good.clone();
                int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++) {
                    int at = trial < 6 ? random.nextInt(Math.min(bad.length, 64)) : random.nextInt(bad.length);
                    bad[at] = (byte) random.nextInt(256);
                }
                Files.write(file, bad);
                openAndReadOrOneLineError(reader, path, name, keyValues);
            }
        } finally {
            Files.write(file, good);
        }
    }

    static String sha256(float[] values) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b.array()));
    }

    /** The ids of the readers that recognise {@code path}. */
    static List<String> recognisedBy(Path path) {
        return Datasets.readers().stream().filter(r -> r.canRead(path)).map(DatasetReader::id).toList();
    }

    /** Every image of {@code d}, read in batches of {@code batch}. */
    static float[] all(Dataset d, int batch) {
        int[] s = d.imageShape();
        int image = s[0] * s[1] * s[2];
        float[] out = new float[d.size() * image];
        for (int first = 0; first < d.size(); first += batch) {
            ImageBatch b = d.read(first, batch);
            assertEquals(first, b.firstImage());
            System.arraycopy(b.values(), 0, out, first * image, b.values().length);
        }
        return out;
    }
}
