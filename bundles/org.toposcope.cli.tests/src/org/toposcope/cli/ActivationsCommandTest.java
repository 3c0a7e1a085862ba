package org.toposcope.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.activations.ActivationsFolder;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.data.IdxReader;
import org.toposcope.data.LabelledImages;
import org.toposcope.models.djl.DjlModelFolder;
import org.toposcope.samples.Samples;

/** {@code toposcope activations} on the shipped default model and Fashion-MNIST sample, with its default options. */
class ActivationsCommandTest {

    private static final int IMAGES = 40;

    @TempDir
    Path dir;

    private static Path modelFile() {
        return Samples.fashionModel().resolve(DjlModelFolder.PARAMETERS);
    }

    // the first number of model.json's input.<key> array, read from the text, not through the loader
    private static double recorded(String json, String key) {
        Matcher m = Pattern.compile("\"" + key + "\"\\s*:\\s*\\[\\s*([-+0-9.eE]+)").matcher(json);
        assertTrue(m.find(), key + " in model.json");
        return Double.parseDouble(m.group(1));
    }

    /** (pixel / 255 - mean) / std in double precision, one channel. */
    private static ImageBatch images(LabelledImages sample, int count, double mean, double std) {
        int pixels = sample.rows() * sample.cols();
        float[] v = new float[count * pixels];
        byte[] bytes = sample.pixels();
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (((bytes[i] & 0xff) / 255.0 - mean) / std);
        }
        return new ImageBatch(0, new int[] {count, 1, sample.rows(), sample.cols()}, v,
                java.util.Arrays.copyOf(sample.labels(), count));
    }

    private static double maxDifference(float[] a, float[] b) {
        assertEquals(a.length, b.length);
        double d = 0;
        for (int i = 0; i < a.length; i++) {
            d = Math.max(d, Math.abs(a[i] - b[i]) / Math.max(1, Math.abs(b[i])));
        }
        return d;
    }

    @Test
    void byDefaultTheInputsAreNormalisedWithTheMeanAndStdTheModelRecords() throws IOException {
        String json = Files.readString(Samples.fashionModel().resolve(DjlModelFolder.DESCRIPTION));
        double mean = recorded(json, "mean");
        double std = recorded(json, "std");
        Path out = dir.resolve("auto");
        CliRun r = CliRun.of("activations", "--model", modelFile().toString(), "--data", Samples.fashionTestImages().toString(),
                "--limit", Integer.toString(IMAGES), "--layers", "stage1.block1,fc", "--batch", "16", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ActivationsFolder auto = ActivationsFolder.open(out);
        assertEquals("fashion-resnet20 mean [" + mean + "] std [" + std + "] (auto: recorded in the model)",
                auto.manifest().normalisation());

        Path plain = dir.resolve("none");
        CliRun none = CliRun.of("activations", "--model", modelFile().toString(), "--data", Samples.fashionTestImages().toString(),
                "--limit", Integer.toString(IMAGES), "--layers", "stage1.block1,fc", "--normalise", "none", "--out", plain.toString());
        assertEquals(0, none.code(), none.err());
        ActivationsFolder raw = ActivationsFolder.open(plain);
        assertEquals("none", raw.manifest().normalisation());

        LabelledImages sample = IdxReader.readImages(Samples.fashionTestImages(), Samples.fashionTestLabels());
        ModelLoader loader = Registry.current().get(ModelLoader.class, "djl");
        try (LoadedModel model = loader.load(Samples.fashionModel(), Parameters.defaults(loader), Progress.none())) {
            Normalisation n = model.normalisation().orElseThrow();
            assertArrayEquals(new double[] {mean}, n.mean());
            assertArrayEquals(new double[] {std}, n.std());
            Map<String, LayerActivations> normalised = model.forward(images(sample, IMAGES, mean, std));
            Map<String, LayerActivations> unnormalised = model.forward(images(sample, IMAGES, 0, 1));
            for (String layer : new String[] {"stage1.block1", "fc"}) {
                float[] expected = normalised.get(layer).values();
                assertTrue(maxDifference(auto.read(layer, 0, IMAGES).values(), expected) < 1e-4, layer);
                assertTrue(maxDifference(raw.read(layer, 0, IMAGES).values(), unnormalised.get(layer).values()) < 1e-4, layer);
                // so the comparison above tells the two apart
                assertTrue(maxDifference(unnormalised.get(layer).values(), expected) > 0.1, layer);
            }
        }
    }

    @Test
    void theShippedModelClassifiesTheShippedSampleAsWellAsRecordedThroughTheCommand() {
        Path out = dir.resolve("fc");
        CliRun r = CliRun.of("activations", "--model", modelFile().toString(), "--data", Samples.fashionTestImages().toString(),
                "--layers", "fc", "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        ActivationsFolder f = ActivationsFolder.open(out);
        LabelledImages sample = IdxReader.readImages(Samples.fashionTestImages(), Samples.fashionTestLabels());
        assertEquals(sample.count(), f.images());
        assertArrayEquals(sample.labels(), f.labels());
        LayerActivations logits = f.read("fc", 0, f.images());
        int classes = logits.featuresPerImage();
        float[] v = logits.values();
        int correct = 0;
        for (int i = 0; i < f.images(); i++) {
            int best = 0;
            for (int j = 1; j < classes; j++) {
                if (v[i * classes + j] > v[i * classes + best]) {
                    best = j;
                }
            }
            correct += best == sample.label(i) ? 1 : 0;
        }
        double accuracy = correct / (double) f.images();
        double recorded = DjlModelFolder.readDescription(Samples.fashionModel()).testAccuracy().orElseThrow();
        // the sample is 2,000 of the 10,000 test images: its accuracy's standard error is about 0.007
        assertTrue(accuracy >= recorded - 0.02, "sample accuracy " + accuracy + " vs recorded " + recorded);
    }

    @Test
    void aModelFolderIsReadThroughItsOneModelFile() throws IOException {
        CliRun r = CliRun.of("layers", "--model", Samples.fashionModel().toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(Pattern.compile("(?m)^stage1\\.block1\\s+16x28x28$").matcher(r.out()).find(), r.out());

        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun none = CliRun.of("layers", "--model", empty.toString());
        assertEquals(1, none.code());
        assertTrue(none.err().startsWith("toposcope: empty: a model folder must hold exactly one model file ("), none.err());
        assertTrue(none.err().endsWith("it holds none\n"), none.err());

        Path two = Files.createDirectory(dir.resolve("two"));
        Files.copy(modelFile(), two.resolve("a.params"));
        Files.copy(modelFile(), two.resolve("b.params"));
        CliRun both = CliRun.of("layers", "--model", two.toString());
        assertEquals(1, both.code());
        assertTrue(both.err().endsWith("it holds [a.params, b.params]\n"), both.err());
    }
}
