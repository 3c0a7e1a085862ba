package org.toposcope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.activations.ActivationsWriter;
import org.toposcope.activations.Manifest;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.data.NpyArray;
import org.toposcope.data.NpyReader;

/** {@code toposcope masks} on real Fashion-MNIST images, then {@code pointcloud --strategy foreground-top-k} with those masks. */
class MasksCommandTest {

    private static final Path IMAGES = Path.of("/usr/share/datasets/fashion-mnist/t10k-images-idx3-ubyte.gz");
    private static final int N = 24;
    private static final int C = 2;
    private static final int MAP = 7;

    @TempDir
    Path dir;

    @Test
    void masksThenForegroundTopKPointCloud() throws IOException {
        Path masksFile = dir.resolve("masks.npy");
        CliRun m = CliRun.of("masks", "--data", IMAGES.toString(), "--limit", String.valueOf(N), "--out", masksFile.toString());
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().startsWith("wrote " + N + " masks of 28 x 28 ("), m.out());
        NpyArray masks = NpyReader.readArray(masksFile);
        assertArrayEquals(new int[] {N, 28, 28}, masks.shape());
        double foreground = Arrays.stream(masks.values()).sum() / masks.values().length;
        assertTrue(foreground > 0.1 && foreground < 0.7, "foreground fraction " + foreground);

        // an activations folder for the same N images: C x 7 x 7 random maps (each position sees a 4 x 4 cell)
        Random r = new Random(5);
        float[] conv = new float[N * C * MAP * MAP];
        for (int i = 0; i < conv.length; i++) {
            conv[i] = (float) r.nextGaussian();
        }
        int[] labels = new int[N];
        Path folder = dir.resolve("acts");
        Manifest manifest = new Manifest(N, new int[] {1, 28, 28}, List.of(new Manifest.Layer("conv", "conv.npy", new int[] {C, MAP, MAP})),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Optional.empty(), new Manifest.Source("test", null, null),
                new Manifest.Source("fashion", null, null), N, N, 0, "none", "test");
        try (ActivationsWriter w = ActivationsWriter.create(folder, manifest)) {
            w.accept(Map.of("conv", new LayerActivations("conv", new int[] {N, C, MAP, MAP}, conv, 0, labels)));
            w.commit();
        }
        Path cloud = dir.resolve("fg.npy");
        CliRun p = CliRun.of("pointcloud", "--activations", folder.toString(), "--layer", "conv", "--strategy", "foreground-top-k",
                "--param", "masks=" + masksFile, "--param", "k=2", "--out", cloud.toString());
        assertEquals(0, p.code(), p.err());
        NpyArray rows = NpyReader.readArray(cloud);
        assertArrayEquals(new int[] {2 * N, C}, rows.shape());
        List<String> provenance = Files.readAllLines(dir.resolve("fg.provenance.csv"));
        assertEquals(2 * N + 1, provenance.size());
        for (int i = 0; i < N; i++) {
            // expected: the two cells of most mask, first in row-major order on ties, computed here from the file
            double[] score = new double[MAP * MAP];
            for (int y = 0; y < 28; y++) {
                for (int x = 0; x < 28; x++) {
                    score[(y / 4) * MAP + x / 4] += masks.values()[i * 784 + y * 28 + x];
                }
            }
            int best = argmax(score, -1);
            int second = argmax(score, best);
            for (int j = 0; j < 2; j++) {
                int q = j == 0 ? best : second;
                String[] f = provenance.get(1 + 2 * i + j).split(",");
                assertEquals(List.of(String.valueOf(i), String.valueOf(q / MAP), String.valueOf(q % MAP)), List.of(f[0], f[2], f[3]),
                        "row " + (2 * i + j));
                for (int c = 0; c < C; c++) {
                    assertEquals(conv[(i * C + c) * MAP * MAP + q], rows.values()[(2 * i + j) * C + c], 0);
                }
            }
        }
    }

    private static int argmax(double[] v, int skip) {
        int best = -1;
        for (int q = 0; q < v.length; q++) {
            if (q != skip && (best < 0 || v[q] > v[best])) {
                best = q;
            }
        }
        return best;
    }

    @Test
    void badOptionsAreOneLineErrorsAndWriteNothing() throws IOException {
        Path out = dir.resolve("m.npy");
        CliRun margin = CliRun.of("masks", "--data", IMAGES.toString(), "--limit", "3", "--margin", "14", "--out", out.toString());
        assertEquals(1, margin.code());
        assertTrue(margin.err().contains("a margin of 14 pixels does not fit 28 x 28 images"), margin.err());
        assertEquals(1, margin.err().strip().lines().count(), margin.err());
        CliRun missing = CliRun.of("masks", "--data", dir.resolve("nothing").toString(), "--out", out.toString());
        assertEquals(1, missing.code());
        assertTrue(missing.err().contains("nothing: no such data file or folder"), missing.err());
        CliRun usage = CliRun.of("masks", "--data", IMAGES.toString());
        assertEquals(2, usage.code());
        assertFalse(Files.exists(out));
        try (var s = Files.list(dir)) {
            assertEquals(0, s.count());
        }
    }
}
