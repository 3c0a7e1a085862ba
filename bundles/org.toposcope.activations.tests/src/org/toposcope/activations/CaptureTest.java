package org.toposcope.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.activations.strategies.PooledStrategy;
import org.toposcope.activations.strategies.TopL2Strategy;
import org.toposcope.core.CancelledException;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.PointCloudStrategy;

/** Capture with a Java convolution over the real Fashion-MNIST test set: files, manifest, read-back, atomicity. */
class CaptureTest {

    private static FashionMnist data;

    @TempDir
    Path dir;

    @BeforeAll
    static void readData() {
        data = new FashionMnist();
    }

    private Path modelFile() throws IOException {
        Path f = dir.resolve("conv-model.txt");
        if (!Files.exists(f)) {
            Files.writeString(f, java.util.Arrays.deepToString(ConvModel.KERNELS) + java.util.Arrays.toString(ConvModel.BIAS));
        }
        return f;
    }

    private static String sha256sum(Path file) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("sha256sum", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        return out.split(" ")[0];
    }

    private static List<String> entries(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void writesOneNpyPerLayerLabelsAndManifestThatNumpyReads() throws IOException, InterruptedException {
        Path out = dir.resolve("acts");
        ActivationCapture.Options o = ActivationCapture.Options.defaults().withLimit(50).withBatchSize(16).withSeed(42);
        Manifest m = ActivationCapture.write(new ConvModel(), modelFile(), data, FashionMnist.FOLDER, o, out, Progress.none());
        assertEquals(List.of("conv.npy", "dense.npy", "labels.npy", "manifest.json", "relu.npy"), entries(out));
        assertEquals(List.of("acts", "conv-model.txt"), entries(dir), "no temporary folder is left");

        ActivationsFolder f = ActivationsFolder.open(out);
        Manifest read = f.manifest();
        assertEquals(m, read);
        assertEquals(50, read.images());
        assertArrayEquals(new int[] {1, 28, 28}, read.imageShape());
        assertEquals(List.of("conv", "relu", "dense"), read.layerNames());
        assertArrayEquals(new int[] {2, 27, 27}, read.layer("relu").shapePerImage());
        assertEquals(FashionMnist.CLASSES, read.classNames());
        assertEquals(data.superClasses(), read.superClasses());
        assertEquals(sha256sum(modelFile()), read.model().sha256());
        assertEquals("conv-model", read.model().name());
        assertEquals(64, read.data().sha256().length());
        assertEquals(50, read.limit());
        assertEquals(16, read.batch());
        assertEquals(42, read.seed());
        assertEquals("none", read.normalisation());
        assertTrue(read.toposcopeVersion().startsWith("0.1.0"), read.toposcopeVersion());
        String json = Files.readString(out.resolve("manifest.json"));
        assertTrue(json.contains("\"shape\": [\n        50,\n        2,\n        27,\n        27\n      ]"), json);

        // read back equals a direct forward pass over the same images
        ImageBatch images = data.read(0, 50);
        Map<String, LayerActivations> direct = new ConvModel().forward(images);
        for (String layer : List.of("conv", "relu", "dense")) {
            LayerActivations back = f.read(layer, 0, 50);
            assertArrayEquals(direct.get(layer).values(), back.values(), layer);
            assertArrayEquals(images.labels(), back.labels(), layer);
            assertArrayEquals(direct.get(layer).shape(), back.shape(), layer);
        }
        assertArrayEquals(images.labels(), f.labels());
        LayerActivations middle = f.read("relu", 17, 5);
        assertEquals(17, middle.firstImage());
        assertArrayEquals(java.util.Arrays.copyOfRange(direct.get("relu").values(), 17 * 1458, 22 * 1458), middle.values());

        // NumPy reads the same arrays
        List<String> lines = Python.reference("folder", out.toString());
        assertEquals(4, lines.size(), String.join("\n", lines));
        for (String line : lines) {
            String[] t = line.split(" ");
            if (t[0].equals("labels")) {
                assertEquals("50", t[1]);
                assertEquals("<i8", t[2]);
                assertEquals(java.util.Arrays.stream(images.labels()).sum(), Double.parseDouble(t[3]));
                continue;
            }
            float[] v = direct.get(t[0]).values();
            double sum = 0;
            for (float x : v) {
                sum += x;
            }
            assertEquals("<f4", t[2]);
            assertEquals(t[0].equals("dense") ? "50x3" : "50x2x27x27", t[1]);
            assertEquals(sum, Double.parseDouble(t[3]), 1e-9 * Math.max(1, Math.abs(sum)), t[0]);
        }
    }

    @Test
    void filesDoNotDependOnTheBatchSizeAndNormalisationIsApplied() throws IOException {
        ActivationCapture.Options base = ActivationCapture.Options.defaults().withLimit(23).withLayers(List.of("relu"));
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        ActivationCapture.write(new ConvModel(), null, data, null, base.withBatchSize(5), a, Progress.none());
        ActivationCapture.write(new ConvModel(), null, data, null, base.withBatchSize(23), b, Progress.none());
        assertArrayEquals(Files.readAllBytes(a.resolve("relu.npy")), Files.readAllBytes(b.resolve("relu.npy")));
        assertEquals(List.of("labels.npy", "manifest.json", "relu.npy"), entries(a));

        Normalisation n = Normalisation.parse("fashion-mnist", 1).orElseThrow();
        Path c = dir.resolve("c");
        ActivationCapture.write(new ConvModel(), null, data, null, base.withNormalisation(n::apply, "fashion-mnist"), c, Progress.none());
        ActivationsFolder f = ActivationsFolder.open(c);
        assertEquals("fashion-mnist", f.manifest().normalisation());
        ImageBatch raw = data.read(0, 23);
        float[] expected = new ConvModel().forward(n.apply(raw)).get("relu").values();
        assertArrayEquals(expected, f.read("relu", 0, 23).values());
        float[] x = n.apply(raw).values();
        assertEquals((raw.values()[300] - 0.2860) / 0.3530, x[300], 1e-6);
    }

    @Test
    void batchesLargerThanTheIoChunkAreWrittenAndReadWhole() {
        // 200 images x 1458 floats = 1.1 MiB per batch, more than the 1 MiB buffers of writer and reader
        Path out = dir.resolve("big");
        ActivationCapture.Options o = ActivationCapture.Options.defaults().withLimit(200).withBatchSize(200).withLayers(List.of("conv"));
        ActivationCapture.write(new ConvModel(), null, data, null, o, out, Progress.none());
        float[] direct = new ConvModel().forward(data.read(0, 200)).get("conv").values();
        ActivationsFolder f = ActivationsFolder.open(out);
        assertArrayEquals(direct, f.read("conv", 0, 200).values());
        assertArrayEquals(java.util.Arrays.copyOfRange(direct, 1458, 200 * 1458), f.read("conv", 1, 500).values(), "clipped to the end");
    }

    @Test
    void feedingBuildersDirectlyEqualsReadingTheFolder() throws IOException {
        ActivationCapture.Options o = ActivationCapture.Options.defaults().withLimit(40).withBatchSize(9);
        Path out = dir.resolve("acts");
        ActivationCapture.write(new ConvModel(), null, data, null, o, out, Progress.none());
        PointCloudStrategy top = Activations.strategy(TopL2Strategy.ID);
        PointCloudStrategy pooled = Activations.strategy(PooledStrategy.ID);
        PointCloudStrategy.Builder b1 = top.begin("conv", Parameters.defaults(top));
        PointCloudStrategy.Builder b2 = pooled.begin("relu", Parameters.defaults(pooled));
        PointCloudStrategy.Builder b3 = top.begin("dense", Parameters.defaults(top));
        Map<String, List<PointCloudStrategy.Builder>> builders = new LinkedHashMap<>();
        builders.put("conv", List.of(b1));
        builders.put("relu", List.of(b2));
        builders.put("dense", List.of(b3));
        ActivationCapture.feed(new ConvModel(), data, o, builders, Progress.none());
        ActivationsFolder f = ActivationsFolder.open(out);
        assertEquals(f.pointCloud("conv", top, Parameters.defaults(top), 13, Progress.none()), b1.build());
        assertEquals(f.pointCloud("relu", pooled, Parameters.defaults(pooled), 40, Progress.none()), b2.build());
        PointCloud dense = b3.build();
        assertEquals(f.pointCloud("dense", top, Parameters.defaults(top), 1, Progress.none()), dense);
        assertEquals(40, dense.size());
        assertArrayEquals(data.read(0, 40).labels(), dense.provenance().labels());
        assertEquals(39, b1.build().provenance().imageId(39), "image ids come from the batches, not the loader");
    }

    /** Cancels once {@code after} units of work were reported. */
    private static final class CancelAfter implements Progress {
        private final long after;
        private long done;

        CancelAfter(long after) {
            this.after = after;
        }

        @Override
        public void begin(String task, long totalWork) {
        }

        @Override
        public void worked(long units) {
            done += units;
        }

        @Override
        public boolean isCancelled() {
            return done >= after;
        }
    }

    @Test
    void cancelOrFailureLeavesNothingBehind() throws IOException {
        Path out = dir.resolve("acts");
        ActivationCapture.Options o = ActivationCapture.Options.defaults().withLimit(100).withBatchSize(10);
        assertThrows(CancelledException.class,
                () -> ActivationCapture.write(new ConvModel(), null, data, null, o, out, new CancelAfter(30)));
        assertEquals(List.of(), entries(dir));
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> ActivationCapture.write(new ConvModel(3), null, data, null, o, out, Progress.none()));
        assertEquals("conv-model: simulated failure in batch 3", e.getMessage());
        assertEquals(List.of(), entries(dir));

        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "mine");
        ToposcopeException exists = assertThrows(ToposcopeException.class,
                () -> ActivationCapture.write(new ConvModel(), null, data, null, o, out, Progress.none()));
        assertEquals("acts: already exists; give a new folder", exists.getMessage());
        assertEquals(List.of("keep.txt"), entries(out));

        Path empty = dir.resolve("empty");
        Files.createDirectories(empty);
        ActivationCapture.write(new ConvModel(), null, data, null, o.withLimit(3), empty, Progress.none());
        assertEquals(3, ActivationsFolder.open(empty).images(), "an empty folder is replaced");
    }

    @Test
    void unknownLayerListsTheKnownOnes() {
        ActivationCapture.Options o = ActivationCapture.Options.defaults().withLimit(3).withLayers(List.of("relu", "fc9"));
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> ActivationCapture.write(new ConvModel(), null, data, null, o, dir.resolve("x"), Progress.none()));
        assertEquals("conv-model: no layer 'fc9' (known: conv, relu, dense)", e.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
        ToposcopeException none = assertThrows(ToposcopeException.class, () -> ActivationCapture.write(new ConvModel(), null, data, null,
                ActivationCapture.Options.defaults().withLimit(0), dir.resolve("x"), Progress.none()));
        assertEquals("fashion-mnist-t10k: no images to capture (10000 in the data set, limit 0)", none.getMessage());
        assertFalse(Files.exists(dir.resolve("x")));
    }

    @Test
    void readerRejectsDamagedFoldersInOneLine() throws IOException {
        ActivationCapture.Options o = ActivationCapture.Options.defaults().withLimit(12).withBatchSize(5);
        Path good = dir.resolve("good");
        ActivationCapture.write(new ConvModel(), null, data, null, o, good, Progress.none());
        ActivationsFolder f = ActivationsFolder.open(good);
        ToposcopeException unknown = assertThrows(ToposcopeException.class, () -> f.read("fc9", 0, 1));
        assertEquals("no layer 'fc9' (known: conv, relu, dense)", unknown.getMessage());

        Map<String, String> problems = new LinkedHashMap<>();
        problems.put("truncated", "truncated/conv.npy: ");
        problems.put("magic", "magic/conv.npy: byte 0: not a .npy file (it does not start with \\x93NUMPY)");
        problems.put("header", "header/relu.npy: byte 44: expected True or False for 'fortran_order', found 'N'");
        problems.put("manifest", "manifest/manifest.json: malformed manifest");
        problems.put("format", "format/manifest.json: format is not 'toposcope-activations'");
        problems.put("shape", "shape/manifest.json: layer dense has shape [11, 3], not 12 images x features");
        problems.put("labels", "labels/labels.npy: missing");
        problems.put("escape", "escape/manifest.json: layer conv names file '../x.npy' outside the folder");
        for (String name : problems.keySet()) {
            Path p = dir.resolve(name);
            ActivationCapture.write(new ConvModel(), null, data, null, o, p, Progress.none());
            Path manifest = p.resolve("manifest.json");
            String json = Files.readString(manifest);
            switch (name) {
                case "truncated" -> {
                    byte[] bytes = Files.readAllBytes(p.resolve("conv.npy"));
                    Files.write(p.resolve("conv.npy"), java.util.Arrays.copyOf(bytes, bytes.length - 4));
                }
                case "magic" -> {
                    byte[] bytes = Files.readAllBytes(p.resolve("conv.npy"));
                    bytes[1] = 'n';
                    Files.write(p.resolve("conv.npy"), bytes);
                }
                case "header" -> {
                    byte[] bytes = Files.readAllBytes(p.resolve("relu.npy"));
                    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).replace("False", "None ");
                    Files.write(p.resolve("relu.npy"), text.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
                }
                case "manifest" -> Files.writeString(manifest, json.substring(0, json.length() / 2));
                case "format" -> Files.writeString(manifest, json.replace("toposcope-activations", "other"));
                case "shape" -> Files.writeString(manifest, json.replace("\"shape\": [\n        12,\n        3\n", "\"shape\": [\n        11,\n        3\n"));
                case "labels" -> Files.delete(p.resolve("labels.npy"));
                case "escape" -> Files.writeString(manifest, json.replace("\"conv.npy\"", "\"../x.npy\""));
                default -> throw new AssertionError(name);
            }
            ToposcopeException e = assertThrows(ToposcopeException.class, () -> ActivationsFolder.open(p), name);
            assertTrue(e.getMessage().startsWith(problems.get(name)), name + ": " + e.getMessage());
            assertFalse(e.getMessage().contains("\n"), e.getMessage());
        }
        ToposcopeException none = assertThrows(ToposcopeException.class, () -> ActivationsFolder.open(dir.resolve("nothing")));
        assertEquals("nothing: not a folder of activations", none.getMessage());
    }

    @Test
    void normalisationSpecsParseOrFailInOneLine() {
        Normalisation n = Normalisation.parse("0.5,0.25,0.4,1,2,4", 3).orElseThrow();
        assertArrayEquals(new double[] {0.5, 0.25, 0.4}, n.mean());
        assertArrayEquals(new double[] {1, 2, 4}, n.std());
        Normalisation all = Normalisation.parse("0.5,0.25", 3).orElseThrow();
        ImageBatch ones = new ImageBatch(0, new int[] {1, 3, 1, 1}, new float[] {1, 1, 1}, new int[] {0});
        assertArrayEquals(new float[] {2, 2, 2}, all.apply(ones).values(), "one mean and std for every channel");
        assertEquals("normalisation imagenet is for 3 channel(s), the images have 1",
                assertThrows(ToposcopeException.class, () -> Normalisation.parse("imagenet", 1)).getMessage());
        assertTrue(assertThrows(ToposcopeException.class, () -> Normalisation.parse("0.5,0", 1)).getMessage()
                .endsWith("std 0.0; the std must be positive and both finite"));
        assertTrue(assertThrows(ToposcopeException.class, () -> Normalisation.parse("foo", 1)).getMessage()
                .startsWith("normalisation 'foo' is neither a preset"));
        assertTrue(assertThrows(ToposcopeException.class, () -> Normalisation.parse("1,2,3", 3)).getMessage()
                .contains("has 3 numbers"));

        // two images of two channels of 1 x 2 pixels: each channel uses its own mean and std
        ImageBatch b = new ImageBatch(4, new int[] {2, 2, 1, 2}, new float[] {1, 2, 3, 4, 5, 6, 7, 8}, new int[] {1, 2});
        ImageBatch x = Normalisation.parse("1,2,0.5,4", 2).orElseThrow().apply(b);
        assertArrayEquals(new float[] {0, 2, 0.25f, 0.5f, 8, 10, 1.25f, 1.5f}, x.values());
        assertEquals(4, x.firstImage());
        assertArrayEquals(new int[] {1, 2}, x.labels());
        assertTrue(Normalisation.parse("none", 5).isEmpty(), "none is no normalisation");
    }
}
