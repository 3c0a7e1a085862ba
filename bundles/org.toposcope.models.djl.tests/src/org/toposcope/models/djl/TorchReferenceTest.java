package org.toposcope.models.djl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.data.IdxReader;
import org.toposcope.data.LabelledImages;
import org.toposcope.data.NpyArray;
import org.toposcope.data.NpyReader;
import org.toposcope.data.NpyWriter;
import org.toposcope.models.internal.DjlRuntime;
import org.toposcope.samples.Samples;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.nn.Parameter;
import ai.djl.util.Pair;

/**
 * The shipped model's block activations against PyTorch (Debian's python3-torch through /usr/bin/python3)
 * running the same weights with its own conv, batch-norm and linear functions, written without DJL.
 */
class TorchReferenceTest {

    @TempDir
    Path dir;

    @Test
    void everyBlockMatchesPyTorch() throws IOException, InterruptedException {
        Path folder = Samples.fashionModel();
        ModelDescription d = DjlModelFolder.readDescription(folder);
        // the parameters, exported as DJL loaded them, in DJL's order and naming
        List<String> index = new ArrayList<>();
        DjlRuntime.call(() -> {
            try (NDManager manager = DjlRuntime.engine(DjlModelLoader.ENGINE).newBaseManager()) {
                CifarResNet network = new CifarResNet(d.architecture());
                DjlModelFolder.readParameters(folder, network, manager);
                int i = 0;
                for (Pair<String, Parameter> p : network.getParameters()) {
                    NDArray a = p.getValue().getArray();
                    long[] s = a.getShape().getShape();
                    int[] shape = new int[s.length];
                    for (int k = 0; k < s.length; k++) {
                        shape[k] = (int) s[k];
                    }
                    NpyWriter.write(dir.resolve("p" + i + ".npy"), shape, a.toFloatArray());
                    index.add(i + " " + p.getKey());
                    i++;
                }
            }
            return null;
        });
        Files.write(dir.resolve("params.txt"), index);
        LabelledImages sample = IdxReader.readImages(Samples.fashionTestImages(), Samples.fashionTestLabels());
        ImageBatch batch = NormalisedImages.batch(d.normalisation(), sample, 1000, 12);
        NpyWriter.write(dir.resolve("input.npy"), batch.shape(), batch.values());

        Path script = Path.of(System.getProperty("toposcope.models.djl.scripts", "scripts"), "torch_resnet.py");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), dir.toString(),
                Integer.toString(d.architecture().depth())).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(300, TimeUnit.SECONDS) && p.exitValue() == 0, log);

        try (DjlLoadedModel model = DjlLoadedModel.open(folder, false)) {
            Map<String, LayerActivations> ours = model.forward(batch);
            List<LayerInfo> layers = model.layers(d.inputShape());
            assertEquals(12, layers.size(), "stem, 9 blocks, pool, fc");
            for (LayerInfo layer : layers) {
                NpyArray reference = NpyReader.readArray(dir.resolve("out-" + layer.name() + ".npy"));
                LayerActivations a = ours.get(layer.name());
                assertArrayEquals(reference.shape(), a.shape(), layer.name());
                float[] v = a.values();
                double scale = 0;
                for (double r : reference.values()) {
                    scale = Math.max(scale, Math.abs(r));
                }
                for (int i = 0; i < v.length; i++) {
                    // float32 sums of up to 576 products in a different order: agree to a few ulps of the layer's scale
                    assertEquals(reference.value(i), v[i], 1e-4 * Math.max(1, scale), layer.name() + "[" + i + "]");
                }
            }
        }
    }
}
