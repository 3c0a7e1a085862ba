package org.toposcope.masks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * GrabCut masks fed to the {@code foreground-top-k} / {@code background-top-k} strategies (found in the registry) on a
 * layer whose single channel is each 4 x 4 cell's mean brightness of a Fashion-MNIST image (a 7 x 7 map).
 */
class MaskStrategiesTest {

    private static final int N = 60;

    @TempDir
    Path dir;

    @Test
    void foregroundTopKSeesTheGarmentAndBackgroundTopKTheBlack() {
        try (Dataset d = GrabCutMasksTest.fashion()) {
            Masks masks = GrabCutMasks.compute(d, GrabCutMasks.Options.defaults().withLimit(N), Progress.none());
            Path file = dir.resolve("masks.npy");
            masks.write(file);
            ImageBatch images = d.read(0, N);
            float[] px = images.values();
            float[] cells = new float[N * 49];
            for (int i = 0; i < N; i++) {
                for (int y = 0; y < 28; y++) {
                    for (int x = 0; x < 28; x++) {
                        cells[i * 49 + (y / 4) * 7 + x / 4] += px[i * 784 + y * 28 + x] / 16;
                    }
                }
            }
            LayerActivations layer = new LayerActivations("cells", new int[] {N, 1, 7, 7}, cells, 0, images.labels());
            PointCloud fg = cloud("foreground-top-k", Map.of("masks", file.toString(), "k", "3"), layer);
            PointCloud bg = cloud("background-top-k", Map.of("masks", file.toString(), "k", "3"), layer);
            assertEquals(3 * N, fg.size());
            assertEquals(3 * N, bg.size());
            double fgBrightness = 0;
            double bgBrightness = 0;
            for (int r = 0; r < fg.size(); r++) {
                int image = fg.provenance().imageId(r);
                // the chosen cell is one of the k cells with the most mask inside (ties: first in row-major order)
                double chosen = maskMean(masks, image, fg.provenance().rowInMap(r), fg.provenance().columnInMap(r));
                assertTrue(rank(masks, image, chosen, true) < 3, "image " + image + ": foreground cell of mask mean " + chosen);
                assertEquals(cells[image * 49 + fg.provenance().rowInMap(r) * 7 + fg.provenance().columnInMap(r)], fg.get(r, 0), 1e-6);
                fgBrightness += fg.get(r, 0);
                bgBrightness += bg.get(r, 0);
            }
            fgBrightness /= fg.size();
            bgBrightness /= bg.size();
            assertTrue(fgBrightness > 0.3 && bgBrightness < 0.05, "mean brightness of foreground cells " + fgBrightness
                    + ", of background cells " + bgBrightness);
        }
    }

    private static double maskMean(Masks m, int image, int row, int column) {
        double s = 0;
        for (int y = row * 4; y < row * 4 + 4; y++) {
            for (int x = column * 4; x < column * 4 + 4; x++) {
                s += m.value(image, y, x);
            }
        }
        return s / 16;
    }

    /** How many cells of the image have a strictly better mask mean than {@code value}. */
    private static int rank(Masks m, int image, double value, boolean foreground) {
        int better = 0;
        for (int r = 0; r < 7; r++) {
            for (int c = 0; c < 7; c++) {
                double v = maskMean(m, image, r, c);
                better += (foreground ? v > value : v < value) ? 1 : 0;
            }
        }
        return better;
    }

    private static PointCloud cloud(String id, Map<String, String> parameters, LayerActivations layer) {
        PointCloudStrategy s = Registry.current().get(PointCloudStrategy.class, id);
        PointCloudStrategy.Builder b = s.begin(layer.layer(), Parameters.resolve(s, parameters));
        b.accept(layer);
        return b.build();
    }
}
