package org.toposcope.models.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.data.IdxReader;
import org.toposcope.data.LabelledImages;
import org.toposcope.samples.Samples;

/** The default model shipped in org.toposcope.samples, loaded through the registry as the application does. */
class ShippedModelTest {

    private static LoadedModel model;
    private static LabelledImages sample;

    @BeforeAll
    static void load() {
        ModelLoader loader = Registry.current().get(ModelLoader.class, "djl");
        model = loader.load(Samples.fashionModel(), Parameters.defaults(loader), Progress.none());
        sample = IdxReader.readImages(Samples.fashionTestImages(), Samples.fashionTestLabels());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    private static Normalisation normalisation() {
        return model.normalisation().orElseThrow();
    }

    @Test
    void reportsEveryBlockWithItsShape() {
        assertEquals("fashion-resnet20", model.name());
        assertArrayEquals(new int[] {1, 28, 28}, model.inputShape().orElseThrow());
        List<LayerInfo> expected = new ArrayList<>();
        expected.add(new LayerInfo("stem", new int[] {16, 28, 28}));
        int[][] stages = {{16, 28}, {32, 14}, {64, 7}};
        for (int s = 0; s < 3; s++) {
            for (int b = 1; b <= 3; b++) {
                int size = stages[s][1];
                expected.add(new LayerInfo("stage" + (s + 1) + ".block" + b, new int[] {stages[s][0], size, size}));
            }
        }
        expected.add(new LayerInfo("pool", new int[] {64}));
        expected.add(new LayerInfo("fc", new int[] {10}));
        assertEquals(expected, model.layers(new int[] {1, 28, 28}));
    }

    @Test
    void classifiesTheShippedSampleAsWellAsRecorded() {
        ModelDescription d = ((DjlLoadedModel) model).description();
        assertEquals(2000, sample.count());
        assertEquals(10, d.classNames().size());
        int correct = 0;
        for (int first = 0; first < sample.count(); first += 250) {
            Map<String, LayerActivations> out = model.forward(NormalisedImages.batch(normalisation(), sample, first, 250));
            int[] predicted = argMax(out.get("fc"));
            for (int i = 0; i < predicted.length; i++) {
                correct += predicted[i] == sample.label(first + i) ? 1 : 0;
            }
        }
        double accuracy = correct / (double) sample.count();
        double recorded = d.testAccuracy().orElseThrow();
        // the sample is 2,000 of the 10,000 test images: its accuracy's standard error is about 0.007
        assertTrue(accuracy >= recorded - 0.02, "sample accuracy " + accuracy + " vs recorded " + recorded);
        assertTrue(recorded >= 0.88, "recorded test accuracy " + recorded);
    }

    @Test
    void blockActivationsHaveTheReportedShapesAreFiniteAndPoolIsTheMeanOfTheLastBlock() {
        ImageBatch batch = NormalisedImages.batch(normalisation(), sample, 100, 7);
        Map<String, LayerActivations> out = model.forward(batch);
        List<LayerInfo> layers = model.layers(new int[] {1, 28, 28});
        assertEquals(layers.stream().map(LayerInfo::name).toList(), new ArrayList<>(out.keySet()));
        for (LayerInfo layer : layers) {
            LayerActivations a = out.get(layer.name());
            int[] shape = a.shape();
            assertEquals(7, shape[0], layer.name());
            assertArrayEquals(layer.shapePerImage(), java.util.Arrays.copyOfRange(shape, 1, shape.length), layer.name());
            assertEquals(100, a.firstImage());
            assertArrayEquals(java.util.Arrays.copyOfRange(sample.labels(), 100, 107), a.labels());
            for (float v : a.values()) {
                assertTrue(Float.isFinite(v), layer.name());
            }
        }
        float[] last = out.get("stage3.block3").values();
        float[] pool = out.get("pool").values();
        for (int n = 0; n < 7; n++) {
            for (int c = 0; c < 64; c++) {
                double sum = 0;
                for (int p = 0; p < 49; p++) {
                    float v = last[(n * 64 + c) * 49 + p];
                    assertTrue(v >= 0, "block outputs follow a ReLU");
                    sum += v;
                }
                assertEquals(sum / 49, pool[n * 64 + c], 1e-5 * Math.max(1, Math.abs(sum / 49)));
            }
        }
    }

    @Test
    void captureAllAddsEveryConvolutionAndLeavesBlocksUnchanged() {
        ModelLoader loader = Registry.current().get(ModelLoader.class, "djl");
        ImageBatch batch = NormalisedImages.batch(normalisation(), sample, 0, 4);
        Map<String, LayerActivations> blocks = model.forward(batch);
        try (LoadedModel all = loader.load(Samples.fashionModel(), Parameters.resolve(loader, Map.of("capture", "all")),
                Progress.none())) {
            List<LayerInfo> layers = all.layers(new int[] {1, 28, 28});
            // 19 convolutions (stem, 2 per block) + 2 strided shortcuts, 9 blocks, stem, pool, fc
            assertEquals(21 + 12, layers.size());
            Map<String, int[]> shapes = new LinkedHashMap<>();
            layers.forEach(l -> shapes.put(l.name(), l.shapePerImage()));
            assertArrayEquals(new int[] {32, 14, 14}, shapes.get("stage2.block1.shortcut"));
            assertArrayEquals(new int[] {64, 7, 7}, shapes.get("stage3.block1.conv1"));
            assertArrayEquals(new int[] {16, 28, 28}, shapes.get("stem.conv"));
            Map<String, LayerActivations> out = all.forward(batch);
            assertEquals(new ArrayList<>(shapes.keySet()), new ArrayList<>(out.keySet()));
            for (String name : blocks.keySet()) {
                assertArrayEquals(blocks.get(name).values(), out.get(name).values(), name);
            }
            boolean negative = false;
            for (float v : out.get("stage1.block2.conv2").values()) {
                negative |= v < 0;
            }
            assertTrue(negative, "raw convolution outputs are taken before BN and ReLU");
        }
    }

    @Test
    void otherImageSizesGiveTheShapesLayersReports() {
        Random random = new Random(3);
        float[] values = new float[2 * 15 * 15];
        for (int i = 0; i < values.length; i++) {
            values[i] = (float) random.nextGaussian();
        }
        Map<String, LayerActivations> out = model.forward(new ImageBatch(0, new int[] {2, 1, 15, 15}, values, new int[2]));
        for (LayerInfo layer : model.layers(new int[] {1, 15, 15})) {
            int[] shape = out.get(layer.name()).shape();
            assertArrayEquals(layer.shapePerImage(), java.util.Arrays.copyOfRange(shape, 1, shape.length), layer.name());
        }
        assertArrayEquals(new int[] {2, 64, 4, 4}, out.get("stage3.block1").shape(), "15 -> 8 -> 4 pixels");
    }

    @Test
    void badBatchesAreOneLineErrors() {
        float[] nan = new float[28 * 28];
        nan[5] = Float.NaN;
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> model.forward(new ImageBatch(40, new int[] {1, 1, 28, 28}, nan, new int[1])));
        assertEquals("fashion-resnet20: image 40 has the value NaN", e.getMessage());
        ToposcopeException rgb = assertThrows(ToposcopeException.class,
                () -> model.forward(new ImageBatch(0, new int[] {1, 3, 28, 28}, new float[3 * 28 * 28], new int[1])));
        assertTrue(rgb.getMessage().startsWith("fashion-resnet20: takes images of 1 x H x W"), rgb.getMessage());
        assertThrows(ToposcopeException.class, () -> model.layers(new int[] {3, 28, 28}));
        Map<String, LayerActivations> empty = model.forward(new ImageBatch(0, new int[] {0, 1, 28, 28}, new float[0], new int[0]));
        assertEquals(0, empty.get("fc").batchSize());
    }

    static int[] argMax(LayerActivations logits) {
        int n = logits.batchSize();
        int k = logits.featuresPerImage();
        float[] v = logits.values();
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int j = 1; j < k; j++) {
                if (v[i * k + j] > v[i * k + best]) {
                    best = j;
                }
            }
            out[i] = best;
        }
        return out;
    }
}
