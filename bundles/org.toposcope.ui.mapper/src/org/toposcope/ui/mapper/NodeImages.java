package org.toposcope.ui.mapper;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.PaletteData;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.experiment.Sources;
import org.toposcope.experiment.report.ReportFolder;

/**
 * The images behind some mapper nodes: their member rows mapped to image ids through the layer's provenance,
 * ascending, and the first {@code limit} of them read from the report's data set as SWT image data (device
 * independent, so built off the UI thread).
 *
 * @param imageIds  every image id, ascending
 * @param labels    class name of each image id
 * @param pixels    the first {@code pixels.length} images, or none when the data set is unavailable
 * @param note      why pictures are missing, or empty
 */
public record NodeImages(int nodes, int[] imageIds, String[] labels, ImageData[] pixels, Optional<String> note) {

    public static NodeImages read(ReportFolder report, String model, String layer, int[] nodes, int limit, Registry registry,
            Progress progress) {
        MapperGraph graph = report.mapperGraph(model, layer)
                .orElseThrow(() -> new ToposcopeException(report.folder() + ": no mapper graph for " + model + " " + layer));
        Provenance provenance = report.provenance(model, layer);
        TreeMap<Integer, Integer> labelOf = new TreeMap<>();
        for (int n : nodes) {
            if (n < 0 || n >= graph.nodes().size()) {
                throw new ToposcopeException(graph.name() + ": no node " + n + " among " + graph.nodes().size());
            }
            for (int row : graph.nodes().get(n).members()) {
                if (row >= provenance.size()) {
                    throw new ToposcopeException(graph.name() + ": node " + n + " holds row " + row + " but the layer's cloud has "
                            + provenance.size() + " rows");
                }
                labelOf.putIfAbsent(provenance.imageId(row), provenance.label(row));
            }
        }
        int[] ids = labelOf.keySet().stream().mapToInt(Integer::intValue).toArray();
        List<String> classes = report.classNames();
        String[] labels = new String[ids.length];
        for (int i = 0; i < ids.length; i++) {
            int label = labelOf.get(ids[i]);
            labels[i] = label >= 0 && label < classes.size() ? classes.get(label) : Integer.toString(label);
        }
        Optional<Path> data = report.dataPath();
        if (data.isEmpty()) {
            return new NodeImages(nodes.length, ids, labels, new ImageData[0],
                    Optional.of("the report's data set is not available, so only ids and labels are listed"));
        }
        int shown = Math.min(limit, ids.length);
        ImageData[] pixels = new ImageData[shown];
        progress.begin("Reading " + shown + " images", shown);
        try (Dataset dataset = Sources.openData(registry, data.get())) {
            for (int i = 0; i < shown; i++) {
                progress.checkCancelled();
                if (ids[i] >= dataset.size()) {
                    throw new ToposcopeException(data.get() + ": image " + ids[i] + " is past the data set's " + dataset.size() + " images");
                }
                pixels[i] = imageData(dataset.read(ids[i], 1));
                progress.worked(1);
            }
        }
        return new NodeImages(nodes.length, ids, labels, pixels, Optional.empty());
    }

    /** One image as 24-bit RGB: grey for one channel, the first three channels otherwise; values in [0, 1] or [0, 255]. */
    static ImageData imageData(ImageBatch batch) {
        int[] shape = batch.shape();
        int c = shape[1];
        int h = shape[2];
        int w = shape[3];
        float[] v = batch.values();
        float max = 0;
        for (float x : v) {
            max = Math.max(max, x);
        }
        float scale = max > 1.0001f ? 1f : 255f;
        ImageData image = new ImageData(w, h, 24, new PaletteData(0xFF0000, 0x00FF00, 0x0000FF));
        int plane = h * w;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int p = y * w + x;
                int r = byteOf(v[p] * scale);
                int g = c >= 3 ? byteOf(v[plane + p] * scale) : r;
                int b = c >= 3 ? byteOf(v[2 * plane + p] * scale) : r;
                image.setPixel(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    private static int byteOf(float v) {
        return Float.isNaN(v) ? 0 : Math.max(0, Math.min(255, Math.round(v)));
    }

    public int total() {
        return imageIds.length;
    }
}
