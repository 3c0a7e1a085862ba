package org.toposcope.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.Lens;
import org.toposcope.experiment.spec.SpecReader;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** A run whose metric returns NaN and whose lens throws: those steps fail naming the plug-in, the rest of the report is written. */
class PluginIsolationTest {

    static final class NanMetric implements DiagramMetric {
        @Override
        public String id() {
            return "nan-metric";
        }

        @Override
        public String description() {
            return "returns NaN";
        }

        @Override
        public double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, Parameters parameters) {
            return Double.NaN;
        }
    }

    static final class ThrowingLens implements Lens {
        @Override
        public String id() {
            return "throwing-lens";
        }

        @Override
        public String description() {
            return "throws";
        }

        @Override
        public Matrix apply(PointCloud cloud, Parameters parameters) {
            throw new UnsupportedOperationException("not today");
        }
    }

    /** The installed extensions and two broken ones, as if a plug-in had been dropped in. */
    private static Registry withBrokenPlugin(Registry installed) {
        return new Registry() {
            @Override
            @SuppressWarnings("unchecked")
            public <T extends Extension> List<Registered<T>> all(Class<T> point) {
                List<Registered<T>> all = new ArrayList<>(installed.all(point));
                if (point == DiagramMetric.class) {
                    all.add(new Registered<>(point, (T) new NanMetric(), "test"));
                } else if (point == Lens.class) {
                    all.add(new Registered<>(point, (T) new ThrowingLens(), "test"));
                }
                return all;
            }
        };
    }

    @Test
    void failedPluginStepsAreRecordedAndTheOtherStepsComplete(@TempDir Path tmp) throws IOException {
        String yaml = """
                name: broken
                data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
                models: [sample:fashion-resnet20]
                layers: [stem, stage2.block1, stage3.block3]
                metric: {id: nan-metric}
                mapper:
                  layers: [stage3.block3]
                  lens: throwing-lens
                  cover: {id: uniform, parameters: {intervals: 6, overlap: 0.3}}
                  clusterer: {id: dbscan, parameters: {min-samples: 3}}
                sensitivity: {layer: stage3.block3, step: 16}
                """;
        Path out = tmp.resolve("report");
        List<String> told = new ArrayList<>();
        Path index = Experiments.run(SpecReader.parse(yaml, "broken.yaml", null), out, withBrokenPlugin(Registry.current()), Progress.none(),
                told::add);
        assertTrue(Files.isRegularFile(index));

        JsonObject failed = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject()
                .getAsJsonObject("failed_steps");
        // one failed metric step, the sensitivity curve (it needs the metric) and the mapper of each of the three layers
        assertEquals(5, failed.size(), failed.toString());
        assertEquals(5, told.size(), told.toString());
        String origin = "plugin org.toposcope.experiment 0.1.0.";
        for (var e : failed.entrySet()) {
            String message = e.getValue().getAsString();
            assertTrue(message.contains(origin), message);
            if (e.getKey().endsWith(": metric") || e.getKey().endsWith(": sensitivity")) {
                assertTrue(message.contains("(metric nan-metric): returned NaN for two H"), message);
            } else {
                assertTrue(e.getKey().contains(": mapper "), e.getKey());
                assertTrue(message.endsWith("(lens throwing-lens): threw java.lang.UnsupportedOperationException: not today"), message);
            }
        }

        // the steps that did not call the plug-in completed: diagrams of every layer, the similarity matrix
        JsonObject model = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject()
                .getAsJsonArray("models").get(0).getAsJsonObject();
        assertEquals(3, model.getAsJsonArray("layers").size());
        for (JsonElement layer : model.getAsJsonArray("layers")) {
            int pairs = 0;
            for (JsonElement d : layer.getAsJsonObject().getAsJsonArray("diagram")) {
                pairs += d.getAsJsonObject().get("finite").getAsInt();
            }
            assertTrue(pairs > 0, layer.toString());
        }
        JsonObject similarity = model.getAsJsonArray("similarities").get(0).getAsJsonObject();
        assertFalse(similarity.toString().contains("NaN") || similarity.toString().contains("null"), similarity.toString());
        assertEquals(0, model.getAsJsonArray("mapper").size());
    }
}
