package org.toposcope.models;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.data.NpyArray;
import org.toposcope.data.NpyReader;

/**
 * The loaders against PyTorch itself: scripts/make_models.py (Debian's python3-torch) builds a
 * ResNet-18 with random weights, exports it with tools/export_for_toposcope.py, and records every
 * Conv2d output of the eager model through forward hooks. Python or torch missing is a failure.
 */
class ModelLoadersTest {

    /** Per layer, max |loader - PyTorch| / max |PyTorch| over the whole batch. */
    private static final double TOLERANCE = 1e-4;

    @TempDir
    static Path dir;

    private static ImageBatch input;
    private static List<String> convLayers;

    private final ModelLoader torchscript = new TorchScriptModelLoader();
    private final ModelLoader onnx = new OnnxModelLoader();

    @BeforeAll
    static void buildModelsWithPyTorch() throws IOException, InterruptedException {
        Path script = Path.of(System.getProperty("toposcope.models.scripts", "scripts"), "make_models.py");
        Path tool = Path.of(System.getProperty("toposcope.models.export-tool", "../../tools/export_for_toposcope.py"));
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString(), tool.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS), "make_models.py timed out");
        assertEquals(0, p.exitValue(), "make_models.py failed (python3-torch and python3-torchvision are required):\n" + log);
        NpyArray x = NpyReader.readArray(dir.resolve("input.npy"));
        input = new ImageBatch(100, x.shape(), toFloats(x.values()), new int[] {1, 2, 3, 4});
        convLayers = Files.readAllLines(dir.resolve("layers.txt"));
    }

    @Test
    void torchScriptConvLayersEqualPyTorch() {
        checkConvLayers(torchscript, "resnet18.pt");
    }

    @Test
    void onnxConvLayersEqualPyTorch() {
        checkConvLayers(onnx, "resnet18.onnx");
    }

    private void checkConvLayers(ModelLoader loader, String file) {
        assertEquals(20, convLayers.size(), "ResNet-18 has 20 convolutions");
        try (LoadedModel model = load(loader, file)) {
            Map<String, LayerActivations> out = model.forward(input);
            assertEquals(convLayers, List.copyOf(out.keySet()), "every conv layer, in network order");
            double worst = 0;
            for (String layer : convLayers) {
                LayerActivations a = out.get(layer);
                assertEquals(100, a.firstImage());
                assertArrayEquals(new int[] {1, 2, 3, 4}, a.labels());
                double d = relativeDifference(a, "ref/" + layer + ".npy");
                assertTrue(d <= TOLERANCE, file + " " + layer + ": max relative difference " + d);
                worst = Math.max(worst, d);
            }
            System.out.printf(Locale.ROOT, "%s (%s): 20 conv layers, max |diff| / max |PyTorch| worst layer %.3e%n",
                    file, loader.id(), worst);
        }
    }

    @Test
    void layersAndInputShapeComeFromTheExportedFile() {
        for (var c : List.of(Map.entry(torchscript, "resnet18.pt"), Map.entry(onnx, "resnet18.onnx"))) {
            try (LoadedModel model = load(c.getKey(), c.getValue())) {
                assertArrayEquals(new int[] {3, 32, 32}, model.inputShape().orElseThrow(), c.getValue());
                List<LayerInfo> layers = model.layers(new int[] {3, 32, 32});
                assertEquals(convLayers, layers.stream().map(LayerInfo::name).toList(), c.getValue());
                assertArrayEquals(new int[] {64, 16, 16}, layers.get(0).shapePerImage(), "conv1 halves 32 x 32");
                assertArrayEquals(new int[] {512, 1, 1}, layers.get(19).shapePerImage(), "layer4.1.conv2");
                assertArrayEquals(new int[] {256, 2, 2}, layers.get(12).shapePerImage(), "layer3.0.downsample.0");
            }
        }
    }

    @Test
    void childrenOfATopLevelSequentialAreExportedAsLayerN() {
        for (var c : List.of(Map.entry(torchscript, "seq.pt"), Map.entry(onnx, "seq.onnx"))) {
            try (LoadedModel model = load(c.getKey(), c.getValue())) {
                Map<String, LayerActivations> out = model.forward(input);
                assertEquals(List.of("layer0", "layer2"), List.copyOf(out.keySet()), c.getValue());
                for (String layer : out.keySet()) {
                    double d = relativeDifference(out.get(layer), "ref/seq_" + layer + ".npy");
                    assertTrue(d <= TOLERANCE, c.getValue() + " " + layer + ": " + d);
                }
            }
        }
    }

    @Test
    void aPlainTracedModelGivesOnlyItsOutput() {
        try (LoadedModel model = load(torchscript, "plain.pt")) {
            assertTrue(model.inputShape().isEmpty(), "a traced model does not record its input shape");
            assertEquals(List.of(new LayerInfo("output", new int[] {10})), model.layers(new int[] {3, 32, 32}));
            Map<String, LayerActivations> out = model.forward(input);
            assertEquals(List.of("output"), List.copyOf(out.keySet()));
            assertTrue(relativeDifference(out.get("output"), "ref/output.npy") <= TOLERANCE);
        }
    }

    @Test
    void tupleOutputsAreNamedByLayerNamesOrByPosition() {
        try (LoadedModel model = load(torchscript, "tuple.pt")) {
            Map<String, LayerActivations> out = model.forward(input);
            assertEquals(List.of("output0", "output1"), List.copyOf(out.keySet()));
            assertTrue(relativeDifference(out.get("output0"), "ref/tuple0.npy") <= TOLERANCE);
            assertTrue(relativeDifference(out.get("output1"), "ref/tuple1.npy") <= TOLERANCE);
        }
        try (LoadedModel model = load(torchscript, "tuple_named.pt")) {
            assertEquals(List.of(new LayerInfo("conv", new int[] {4, 30, 30}), new LayerInfo("pooled", new int[] {4})),
                    model.layers(new int[] {3, 32, 32}));
            Map<String, LayerActivations> out = model.forward(input);
            assertTrue(relativeDifference(out.get("conv"), "ref/tuple0.npy") <= TOLERANCE);
            assertTrue(relativeDifference(out.get("pooled"), "ref/tuple1.npy") <= TOLERANCE);
        }
    }

    @Test
    void batchesAreIndependentOfEachOther() {
        try (LoadedModel model = load(torchscript, "resnet18.pt")) {
            float[] all = input.values();
            int half = all.length / 2;
            ImageBatch second = new ImageBatch(102, new int[] {2, 3, 32, 32}, Arrays.copyOfRange(all, half, all.length), new int[] {3, 4});
            LayerActivations whole = model.forward(input).get("layer4.1.conv2");
            LayerActivations part = model.forward(second).get("layer4.1.conv2");
            float[] w = whole.values();
            float[] p = part.values();
            assertEquals(w.length / 2, p.length);
            for (int i = 0; i < p.length; i++) {
                assertEquals(w[w.length / 2 + i], p[i], 1e-4 * Math.max(1, Math.abs(w[w.length / 2 + i])));
            }
            assertEquals(102, part.firstImage());
        }
    }

    @Test
    void theThreadsParameterReachesTheEngines() {
        for (var c : List.of(Map.entry(torchscript, "resnet18.pt"), Map.entry(onnx, "resnet18.onnx"))) {
            ModelLoader loader = c.getKey();
            try (LoadedModel model = loader.load(dir.resolve(c.getValue()), Parameters.resolve(loader, Map.of("threads", "1")),
                    Progress.none())) {
                LayerActivations a = model.forward(input).get("layer3.1.conv2");
                assertTrue(relativeDifference(a, "ref/layer3.1.conv2.npy") <= TOLERANCE);
                if (loader == torchscript) {
                    assertEquals(1, ai.djl.pytorch.jni.JniUtils.getNumThreads(), "libtorch's intra-op threads");
                }
            }
            String m = assertThrows(ToposcopeException.class, () -> loader.load(dir.resolve(c.getValue()),
                    Parameters.resolve(loader, Map.of("threads", "-1")), Progress.none())).getMessage();
            assertEquals(loader.id() + ": parameter threads must be 0 (every core) or more, given -1", m);
        }
    }

    @Test
    void picklesAreRefusedBeforeAnythingIsRead() {
        for (String file : List.of("weights.pt", "legacy.pt", "weights.pkl")) {
            for (ModelLoader loader : List.of(torchscript, onnx)) {
                String m = failure(loader, dir.resolve(file));
                assertTrue(m.startsWith(file + ": refused: "), m);
                assertTrue(m.contains("pickled") && m.contains("arbitrary Python code") && m.contains("tools/export_for_toposcope.py"), m);
            }
        }
    }

    @Test
    void truncatedCorruptAndWrongFilesAreOneLineErrors() throws IOException {
        byte[] script = Files.readAllBytes(dir.resolve("resnet18.pt"));
        byte[] graph = Files.readAllBytes(dir.resolve("resnet18.onnx"));
        byte[] noise = new byte[5000];
        new Random(7).nextBytes(noise);
        noise[0] = 1; // not the pickle protocol marker
        Files.write(dir.resolve("truncated.pt"), Arrays.copyOf(script, script.length / 2));
        Files.write(dir.resolve("noise.pt"), noise);
        Files.write(dir.resolve("truncated.onnx"), Arrays.copyOf(graph, graph.length / 2));
        Files.write(dir.resolve("noise.onnx"), noise);
        Files.write(dir.resolve("empty.pt"), new byte[0]);
        byte[] flipped = script.clone();
        flipped[script.length / 2] ^= 0x55; // inside a weight tensor: the zip directory is intact
        Files.write(dir.resolve("flipped.pt"), flipped);

        assertMessage(torchscript, "truncated.pt", "corrupt or truncated zip archive");
        assertMessage(torchscript, "noise.pt", "not a TorchScript file");
        assertMessage(torchscript, "empty.pt", "empty file");
        assertMessage(torchscript, "flipped.pt", "corrupt zip entry");
        assertMessage(torchscript, "missing.pt", "no such file");
        assertMessage(torchscript, "resnet18.onnx", "not a TorchScript file");
        assertMessage(onnx, "truncated.onnx", "not a loadable ONNX model");
        assertMessage(onnx, "noise.onnx", "not a loadable ONNX model");
        assertMessage(onnx, "resnet18.pt", "a TorchScript archive, not ONNX");
        assertMessage(onnx, "missing.onnx", "no such file");
    }

    @Test
    void aDeflatedEntryCutShortIsACorruptEntry() throws IOException {
        // a TorchScript-shaped zip whose weight entry is deflated, with its compressed size halved in the
        // central directory: the inflater runs out of input while the CRC is checked
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] weights = new byte[200_000];
        for (int i = 0; i < weights.length; i++) {
            weights[i] = (byte) (i * 31 % 7);
        }
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (var e : Map.of("m/code/m.py", new byte[] {'#'}, "m/constants.pkl", new byte[] {1}, "m/data/0", weights).entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        byte[] file = bytes.toByteArray();
        ByteBuffer b = ByteBuffer.wrap(file).order(ByteOrder.LITTLE_ENDIAN);
        boolean cut = false;
        for (int at = 0; at + 46 < file.length; at++) {
            if (b.getInt(at) == 0x02014b50 && new String(file, at + 46, b.getShort(at + 28), StandardCharsets.UTF_8).equals("m/data/0")) {
                b.putInt(at + 20, b.getInt(at + 20) / 2);
                cut = true;
            }
        }
        assertTrue(cut, "the central directory names m/data/0");
        Files.write(dir.resolve("short.pt"), file);
        assertMessage(torchscript, "short.pt", "corrupt zip entry m/data/0");
    }

    @Test
    void imagesOfAnotherShapeAreRefusedWithBothShapes() {
        ImageBatch small = new ImageBatch(0, new int[] {1, 1, 28, 28}, new float[28 * 28], new int[1]);
        for (var c : List.of(Map.entry(torchscript, "resnet18.pt"), Map.entry(onnx, "resnet18.onnx"))) {
            try (LoadedModel model = load(c.getKey(), c.getValue())) {
                String m = assertThrows(ToposcopeException.class, () -> model.forward(small)).getMessage();
                assertEquals(c.getValue() + ": the model expects images of shape [3, 32, 32] (C x H x W), given [1, 28, 28]", m);
                m = assertThrows(ToposcopeException.class, () -> model.layers(new int[] {3, 28, 28})).getMessage();
                assertTrue(m.endsWith("given [3, 28, 28]"), m);
            }
        }
        // Without input_shape() the engine finds the mismatch; it is still one line naming the file.
        try (LoadedModel model = load(torchscript, "plain.pt")) {
            String m = assertThrows(ToposcopeException.class, () -> model.forward(small)).getMessage();
            assertTrue(m.startsWith("plain.pt: forward failed for images of shape [1, 28, 28]: "), m);
            assertFalse(m.contains("\n"), m);
        }
    }

    @Test
    void bothLoadersAreRegisteredAndNameTheirEngines() {
        assertTrue(Registry.current().get(ModelLoader.class, "torchscript") instanceof TorchScriptModelLoader);
        assertTrue(Registry.current().get(ModelLoader.class, "onnx") instanceof OnnxModelLoader);
        assertEquals("PyTorch 2.7.1", torchscript.engine().toString());
        assertTrue(onnx.engine().toString().startsWith("OnnxRuntime 1.21"), onnx.engine().toString());
    }

    private static LoadedModel load(ModelLoader loader, String file) {
        return loader.load(dir.resolve(file), Parameters.defaults(loader), Progress.none());
    }

    private static String failure(ModelLoader loader, Path file) {
        return assertThrows(ToposcopeException.class, () -> loader.load(file, Parameters.defaults(loader), Progress.none()),
                file.toString()).getMessage();
    }

    private static void assertMessage(ModelLoader loader, String file, String problem) {
        String m = failure(loader, dir.resolve(file));
        assertTrue(m.startsWith(file + ": ") && m.contains(problem), loader.id() + ": " + m);
        assertFalse(m.contains("\n"), m);
    }

    /** max |a - reference| / max |reference|, after checking the shapes agree. */
    private static double relativeDifference(LayerActivations a, String referenceFile) {
        NpyArray ref = NpyReader.readArray(dir.resolve(referenceFile));
        assertArrayEquals(ref.shape(), a.shape(), referenceFile);
        float[] v = a.values();
        double maxDiff = 0;
        double maxRef = 0;
        for (int i = 0; i < v.length; i++) {
            double r = ref.value(i);
            maxDiff = Math.max(maxDiff, Math.abs(v[i] - r));
            maxRef = Math.max(maxRef, Math.abs(r));
        }
        assertTrue(maxRef > 0, referenceFile + " is all zeros");
        return maxDiff / maxRef;
    }

    private static float[] toFloats(double[] values) {
        float[] f = new float[values.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) values[i];
        }
        return f;
    }
}
