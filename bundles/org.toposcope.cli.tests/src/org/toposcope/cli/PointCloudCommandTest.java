package org.toposcope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.activations.ActivationsWriter;
import org.toposcope.activations.Manifest;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.data.NpyArray;
import org.toposcope.data.NpyReader;

/** {@code toposcope pointcloud} end to end on an activations folder written here; argument errors of the capture commands. */
class PointCloudCommandTest {

    private static final int N = 13;
    private static final int C = 3;
    private static final int H = 4;
    private static final int W = 5;

    @TempDir
    Path dir;

    private Path folder;
    private float[] conv;
    private int[] labels;

    @BeforeEach
    void writeFolder() {
        Random r = new Random(11);
        conv = new float[N * C * H * W];
        for (int i = 0; i < conv.length; i++) {
            conv[i] = (float) r.nextGaussian();
        }
        float[] dense = new float[N * 6];
        for (int i = 0; i < dense.length; i++) {
            dense[i] = (float) r.nextGaussian();
        }
        labels = new int[N];
        for (int i = 0; i < N; i++) {
            labels[i] = r.nextInt(10);
        }
        folder = dir.resolve("acts");
        Manifest m = new Manifest(N, new int[] {1, 8, 10},
                List.of(new Manifest.Layer("conv", "conv.npy", new int[] {C, H, W}), new Manifest.Layer("fc", "fc.npy", new int[] {6})),
                List.of("0", "1", "2", "3", "4", "5", "6", "7", "8", "9"), Optional.empty(), new Manifest.Source("test", null, null),
                new Manifest.Source("random", null, null), -1, 5, 0, "none", "test");
        try (ActivationsWriter w = ActivationsWriter.create(folder, m)) {
            for (int first = 0; first < N; first += 5) {
                int n = Math.min(5, N - first);
                int[] l = java.util.Arrays.copyOfRange(labels, first, first + n);
                w.accept(Map.of("conv", new LayerActivations("conv", new int[] {n, C, H, W},
                        java.util.Arrays.copyOfRange(conv, first * C * H * W, (first + n) * C * H * W), first, l),
                        "fc", new LayerActivations("fc", new int[] {n, 6}, java.util.Arrays.copyOfRange(dense, first * 6, (first + n) * 6), first, l)));
            }
            w.commit();
        }
    }

    private List<String> files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void topL2CloudAndProvenanceMatchADirectComputation() throws IOException {
        Path out = dir.resolve("cloud.npy");
        CliRun r = CliRun.of("pointcloud", "--activations", folder.toString(), "--layer", "conv", "--strategy", "top-l2",
                "--batch", "4", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(N + " x " + C + " point cloud of layer conv (top-l2) written to " + out, r.out().strip());
        NpyArray cloud = NpyReader.readArray(out);
        assertArrayEquals(new int[] {N, C}, cloud.shape());
        List<String> csv = Files.readAllLines(dir.resolve("cloud.provenance.csv"));
        assertEquals("image,label,row,column", csv.get(0));
        assertEquals(N + 1, csv.size());
        int p = H * W;
        for (int i = 0; i < N; i++) {
            int best = 0;
            double bestNorm = -1;
            for (int q = 0; q < p; q++) {
                double norm = 0;
                for (int c = 0; c < C; c++) {
                    double x = conv[(i * C + c) * p + q];
                    norm += x * x;
                }
                if (norm > bestNorm) {
                    bestNorm = norm;
                    best = q;
                }
            }
            for (int c = 0; c < C; c++) {
                assertEquals(conv[(i * C + c) * p + best], cloud.value(i * C + c), 0.0);
            }
            assertEquals(i + "," + labels[i] + "," + best / W + "," + best % W, csv.get(i + 1));
        }
        assertEquals(List.of("acts", "cloud.npy", "cloud.provenance.csv"), files());
    }

    @Test
    void seedAndParametersReachTheStrategy() throws IOException {
        String[] base = {"pointcloud", "--activations", folder.toString(), "--layer", "conv", "--strategy", "spatial-sample", "--param", "count=20"};
        List<NpyArray> clouds = new java.util.ArrayList<>();
        for (String seed : new String[] {"3", "3", "4"}) {
            Path out = dir.resolve("s" + clouds.size() + ".npy");
            String[] args = Stream.concat(Stream.of(base), Stream.of("--seed", seed, "--out", out.toString())).toArray(String[]::new);
            CliRun r = CliRun.of(args);
            assertEquals(0, r.code(), r.err());
            clouds.add(NpyReader.readArray(out));
        }
        assertArrayEquals(new int[] {20, C}, clouds.get(0).shape());
        assertEquals(clouds.get(0), clouds.get(1));
        assertNotEquals(clouds.get(0), clouds.get(2));

        Path pooled = dir.resolve("pooled.npy");
        CliRun r = CliRun.of("pointcloud", "--activations", folder.toString(), "--layer", "conv", "--strategy", "pooled",
                "--param", "pool=max", "--out", pooled.toString());
        assertEquals(0, r.code(), r.err());
        NpyArray max = NpyReader.readArray(pooled);
        double expected = Double.NEGATIVE_INFINITY;
        for (int q = 0; q < H * W; q++) {
            expected = Math.max(expected, conv[(2 * C + 1) * H * W + q]);
        }
        assertEquals(expected, max.value(2 * C + 1), 0.0);
        assertEquals("-1", Files.readAllLines(dir.resolve("pooled.provenance.csv")).get(1).split(",")[2]);
    }

    @Test
    void badRequestsAreOneLineErrorsAndWriteNothing() throws IOException {
        Path out = dir.resolve("never.npy");
        Map<List<String>, String> cases = new LinkedHashMap<>();
        cases.put(List.of("--layer", "fc9"), "toposcope: no layer 'fc9' (known: conv, fc)");
        cases.put(List.of("--layer", "fc", "--strategy", "pooled"), "toposcope: fc: strategy pooled needs spatial activations");
        cases.put(List.of("--layer", "conv", "--strategy", "nearest"), "toposcope: no PointCloudStrategy with id 'nearest' (known: ");
        cases.put(List.of("--layer", "conv", "--seed", "2"), "toposcope: strategy top-l2 takes no seed");
        cases.put(List.of("--layer", "conv", "--param", "k=2"), "toposcope: top-l2: unknown parameter 'k' (known: relu, normalise)");
        cases.put(List.of("--layer", "conv", "--strategy", "random-spatial", "--param", "k=21"),
                "toposcope: conv: random-spatial asks for k = 21 positions per image but the feature map has 20");
        for (var c : cases.entrySet()) {
            String[] args = Stream.concat(Stream.of("pointcloud", "--activations", folder.toString(), "--out", out.toString()),
                    c.getKey().stream()).toArray(String[]::new);
            CliRun r = CliRun.of(args);
            assertEquals(Cli.EXIT_FAILURE, r.code(), c.getKey() + ": " + r.err());
            assertTrue(r.err().startsWith(c.getValue()), c.getKey() + ": " + r.err());
            assertEquals(1, r.err().lines().count(), r.err());
            assertEquals(List.of("acts"), files());
        }
        CliRun notNpy = CliRun.of("pointcloud", "--activations", folder.toString(), "--layer", "conv", "--out", dir.resolve("x.csv").toString());
        assertEquals("toposcope: x.csv: the point cloud file must end in .npy", notNpy.err().strip());
        CliRun noFolder = CliRun.of("pointcloud", "--activations", dir.resolve("nope").toString(), "--layer", "conv", "--out", out.toString());
        assertEquals("toposcope: nope: not a folder of activations", noFolder.err().strip());
    }

    @Test
    void captureCommandsCheckTheirInputsFirst() throws IOException {
        Path model = dir.resolve("model.xyz");
        Files.writeString(model, "not a model");
        CliRun layers = CliRun.of("layers", "--model", model.toString());
        assertEquals(Cli.EXIT_FAILURE, layers.code());
        assertTrue(layers.err().startsWith("toposcope: model.xyz: no model loader reads this file type (known: "), layers.err());
        assertTrue(layers.err().contains("(torchscript)"), layers.err());
        CliRun missing = CliRun.of("layers", "--model", dir.resolve("gone.pt").toString());
        assertEquals("toposcope: gone.pt: no such model file", missing.err().strip());
        CliRun noData = CliRun.of("activations", "--model", model.toString(), "--data", dir.resolve("nope").toString(),
                "--out", dir.resolve("o").toString());
        assertEquals("toposcope: nope: no such data file or folder", noData.err().strip());
        CliRun unread = CliRun.of("activations", "--model", model.toString(), "--data", model.toString(), "--out", dir.resolve("o").toString());
        assertTrue(unread.err().startsWith("toposcope: model.xyz: no data set reader recognises it (readers: "), unread.err());
        CliRun usage = CliRun.of("activations", "--model", model.toString());
        assertEquals(Cli.EXIT_USAGE, usage.code());
        assertFalse(Files.exists(dir.resolve("o")));
        CliRun help = CliRun.of("--help");
        for (String command : new String[] {"layers", "activations", "pointcloud"}) {
            assertTrue(Pattern.compile("(?m)^\\s+" + command + "\\s").matcher(help.out()).find(), command + " in\n" + help.out());
        }
    }
}
