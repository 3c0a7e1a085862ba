package org.toposcope.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.activations.ActivationCapture;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.data.Datasets;
import org.toposcope.diagrams.io.DiagramFiles;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/** Whole runs on the shipped model and images: a complete report, exact numbers, resumable cache, bad specs. */
class ExperimentsTest {

    private static final String TINY = """
            name: tiny
            data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
            models: [sample:fashion-resnet20]
            layers: [stem, stage2.block1, stage3.block3]
            mapper:
              layers: [stage3.block3]
              cover: {id: uniform, parameters: {intervals: 6, overlap: 0.3}}
              clusterer: {id: dbscan, parameters: {min-samples: 3}}
            sensitivity: {layer: stage3.block3, step: 16}
            """;

    private static ExperimentSpec spec(String yaml) {
        return SpecReader.parse(yaml, "tiny.yaml", null);
    }

    @Test
    void writesACompleteReportWhoseNumbersAreTheDirectComputationAndResumesFromTheCache(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("report");
        Path index = Experiments.run(spec(TINY), out, Registry.current(), Progress.none());
        assertEquals(out.resolve("index.html"), index);

        // every figure and link of the page exists; PNGs decode
        String html = Files.readString(index);
        Matcher m = Pattern.compile("(?:src|href)=\"([^\"#:]+)\"").matcher(html);
        int links = 0;
        while (m.find()) {
            Path target = out.resolve(m.group(1));
            assertTrue(Files.isRegularFile(target), "index.html links a missing file: " + m.group(1));
            if (m.group(1).endsWith(".png")) {
                assertTrue(ImageIO.read(target.toFile()).getWidth() > 100, m.group(1));
            }
            links++;
        }
        assertTrue(links >= 3 * 2 * 2 + 4, "figures and files linked: " + links);
        for (String f : List.of("spec.yaml", "manifest.json", "results.json", "data/fashion-resnet20/distances.csv",
                "data/fashion-resnet20/linear-cka.csv", "data/fashion-resnet20/purity.csv", "data/fashion-resnet20/sensitivity.csv",
                "mapper/fashion-resnet20/stage3.block3.html", "mapper/fashion-resnet20/stage3.block3.graphml",
                "diagrams/fashion-resnet20/stem.json")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertTrue(html.contains("Findings") && html.contains("Super-class purity"), "the findings are stated");

        JsonObject results = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        JsonObject model = results.getAsJsonArray("models").get(0).getAsJsonObject();
        JsonArray d = model.getAsJsonObject("distances").getAsJsonArray("values");
        assertEquals(3, d.size());
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, d.get(i).getAsJsonArray().get(i).getAsDouble());
            for (int j = 0; j < 3; j++) {
                assertEquals(d.get(i).getAsJsonArray().get(j).getAsDouble(), d.get(j).getAsJsonArray().get(i).getAsDouble());
            }
        }
        assertTrue(d.get(0).getAsJsonArray().get(2).getAsDouble() > 0, "stem and the last block differ");
        JsonObject sensitivity = model.getAsJsonObject("sensitivity");
        assertEquals("[0,16,32,48]", sensitivity.getAsJsonArray("removed").toString());
        assertEquals(0.0, sensitivity.getAsJsonArray("diagram_distance").get(0).getAsDouble());
        assertEquals(1.0, sensitivity.getAsJsonArray("similarity").get(0).getAsDouble(), 1e-12);

        // the report's diagram is exactly what the strategy and backend give on the model's activations
        assertEquals(direct("stage3.block3"), DiagramFiles.read(out.resolve("diagrams/fashion-resnet20/stage3.block3.json")).dimensions());

        // the workbench reads the folder back: the same layers, diagrams, graphs, and each row's image
        ReportFolder folder = ReportFolder.open(out);
        ReportFolder.Model read = folder.model("fashion-resnet20");
        assertEquals(List.of("stem", "stage2.block1", "stage3.block3"), read.layers().stream().map(ReportFolder.Layer::name).toList());
        assertEquals(60, read.layer("stem").points());
        assertEquals(16, read.layer("stem").dimension());
        assertEquals(direct("stage3.block3"), folder.diagram("fashion-resnet20", "stage3.block3").dimensions());
        assertEquals(List.of("stem", "stage2.block1", "stage3.block3"), read.mapperLayers());
        assertTrue(folder.mapperGraph("fashion-resnet20", "stage3.block3").orElseThrow().nodes().size() > 0);
        var provenance = folder.provenance("fashion-resnet20", "stage3.block3");
        assertEquals(60, provenance.size());
        assertEquals(59, provenance.imageId(59), "top-l2: row i is image i");
        assertTrue(folder.dataPath().isPresent() && Files.exists(folder.dataPath().get()));
        assertEquals(List.of("tops", "bottoms", "footwear", "bags"), folder.superClasses().orElseThrow().names());
        assertEquals(read.distances().get(0, 2), d.get(0).getAsJsonArray().get(2).getAsDouble());
        try (Stream<Path> s = Files.list(out)) {
            assertEquals(List.of(), s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".") && !n.equals(".cache")).toList(),
                    "no staging or old report folders are left");
        }

        // a second run computes nothing and gives the same bytes
        String before = Files.readString(out.resolve("results.json"));
        Experiments.run(spec(TINY), out, Registry.current(), Progress.none());
        assertEquals(before, Files.readString(out.resolve("results.json")));
        JsonObject cache = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject().getAsJsonObject("cache");
        assertEquals(0, cache.get("misses").getAsInt(), "all cached: " + cache);
        assertEquals(7, cache.get("hits").getAsInt(), "3 clouds, 3 diagrams, 1 sensitivity curve: " + cache);

        // a damaged cache entry is detected, recomputed, and gives the same numbers
        Path entry;
        try (Stream<Path> s = Files.walk(out.resolve(".cache/diagram"))) {
            entry = s.filter(Files::isRegularFile).sorted().findFirst().orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(entry);
        bytes[bytes.length - 1] ^= 1;
        Files.write(entry, bytes);
        Experiments.run(spec(TINY), out, Registry.current(), Progress.none());
        assertEquals(before, Files.readString(out.resolve("results.json")));
        cache = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject().getAsJsonObject("cache");
        assertEquals(1, cache.get("misses").getAsInt(), "the damaged diagram was recomputed: " + cache);
    }

    /** The diagram of one layer computed without the runner: capture, top-l2, vietoris-rips. */
    private static List<PersistenceDiagram.Dimension> direct(String layer) {
        Registry registry = Registry.current();
        try (Dataset raw = Sources.openData(registry, Sources.resolve("sample:fashion-mnist-test", null));
                LoadedModel model = Sources.loadModel(registry, Sources.resolve("sample:fashion-resnet20", null), Progress.none())) {
            Dataset data = Datasets.normalised(raw, model.normalisation().orElseThrow());
            PointCloudStrategy topL2 = registry.get(PointCloudStrategy.class, "top-l2");
            PointCloudStrategy.Builder b = topL2.begin(layer, Parameters.defaults(topL2));
            ActivationCapture.feed(model, data, ActivationCapture.Options.defaults().withLimit(60).withBatchSize(32).withLayers(List.of(layer)),
                    Map.of(layer, List.of(b)), Progress.none());
            PointCloud cloud = b.build();
            FiltrationBackend vr = registry.get(FiltrationBackend.class, "vietoris-rips");
            return vr.compute(cloud, Parameters.defaults(vr), Progress.none()).dimensions();
        }
    }

    @Test
    void severalModelsGiveTheCrossModelMatrixAndSeedStability(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("report");
        Experiments.run(spec("""
                data: {path: sample:fashion-mnist-test, images: 40}
                models:
                  - {path: sample:fashion-resnet20, name: a}
                  - {path: sample:fashion-resnet20, name: b}
                layers: [stem, stage1.block1, stage3.block3]
                similarity: []
                """), out, Registry.current(), Progress.none());
        JsonObject results = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject();
        JsonObject cross = results.getAsJsonObject("cross_model");
        assertEquals("[\"a/stem\",\"a/stage1.block1\",\"a/stage3.block3\",\"b/stem\",\"b/stage1.block1\",\"b/stage3.block3\"]",
                cross.getAsJsonArray("rows").toString());
        JsonArray v = cross.getAsJsonArray("values");
        for (int i = 0; i < 3; i++) {
            assertEquals(0.0, v.get(i).getAsJsonArray().get(i + 3).getAsDouble(), "the same model twice: the same layer is at distance 0");
        }
        assertEquals(1.0, results.getAsJsonObject("stability").getAsJsonArray("pearson").get(0).getAsDouble(), 1e-12);
        assertTrue(Files.isRegularFile(out.resolve("figures/cross-model.png")));
    }

    @Test
    void theClassScoreLensSeesTheModelsOutputLayer(@TempDir Path tmp) throws IOException {
        Path out = tmp.resolve("report");
        Experiments.run(spec("""
                data: {path: sample:fashion-mnist-test, images: 200}
                models: [sample:fashion-resnet20]
                layers: [stage3.block3]
                similarity: []
                mapper:
                  lens: {id: class-score, parameters: {class: 7}}
                  lens-layer: fc
                  cover: {id: uniform, parameters: {intervals: 5, overlap: 0.3}}
                  clusterer: {id: dbscan, parameters: {min-samples: 3}}
                """), out, Registry.current(), Progress.none());
        String page = Files.readString(out.resolve("mapper/fashion-resnet20/stage3.block3.html"));
        assertTrue(page.contains("stage3.block3"), "the mapped layer's page is written");
        JsonObject mapper = JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject()
                .getAsJsonArray("models").get(0).getAsJsonObject().getAsJsonArray("mapper").get(0).getAsJsonObject();
        assertTrue(mapper.get("nodes").getAsInt() > 0, mapper.toString());
        // the top interval of the sneaker probability holds images the model calls sneakers: mostly sneakers
        JsonObject graph = JsonParser.parseString(Files.readString(out.resolve("mapper/fashion-resnet20/stage3.block3.json"))).getAsJsonObject();
        int top = -1;
        for (var n : graph.getAsJsonArray("nodes")) {
            top = Math.max(top, n.getAsJsonObject().get("coverSet").getAsInt());
        }
        int[] labels;
        try (Dataset d = Sources.openData(Registry.current(), Sources.resolve("sample:fashion-mnist-test", null))) {
            labels = d.read(0, 200).labels();
        }
        int members = 0;
        int sneakers = 0;
        for (var n : graph.getAsJsonArray("nodes")) {
            if (n.getAsJsonObject().get("coverSet").getAsInt() == top) {
                for (var row : n.getAsJsonObject().getAsJsonArray("members")) {
                    members++;
                    sneakers += labels[row.getAsInt()] == 7 ? 1 : 0;
                }
            }
        }
        assertTrue(members > 0 && sneakers * 2 > members, sneakers + " sneakers of " + members + " in cover set " + top);
    }

    private static String failure(Path out, String yaml) {
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> Experiments.run(spec(yaml), out, Registry.current(), Progress.none()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertFalse(Files.exists(out), "nothing is computed or written for a bad spec");
        return e.getMessage();
    }

    @Test
    void badSpecsFailBeforeAnyComputationWithOneLineNamingTheKey(@TempDir Path tmp) {
        Path out = tmp.resolve("never");
        String m = failure(out, TINY.replace("stage2.block1", "stage9.block9"));
        assertTrue(m.startsWith("tiny.yaml: layers: 'stage9.block9' is not a layer of model fashion-resnet20 (its layers: stem, "), m);
        m = failure(out, TINY + "strategy: top-l3\n");
        assertTrue(m.startsWith("tiny.yaml: strategy: unknown PointCloudStrategy 'top-l3' (installed: "), m);
        assertTrue(m.contains("top-l2"), m);
        m = failure(out, TINY.replace("sample:fashion-mnist-test", "no/such/images.gz"));
        assertTrue(m.startsWith("tiny.yaml: data.path: ") && m.endsWith("does not exist"), m);
        m = failure(out, TINY.replace("sample:fashion-resnet20", "sample:resnet-1000"));
        assertTrue(m.startsWith("tiny.yaml: models[0].path: sample:resnet-1000: no such sample"), m);
        m = failure(out, TINY + "metric: {id: sliced-wasserstein, parameters: {directons: 5}}\n");
        assertTrue(m.startsWith("tiny.yaml: metric.parameters: sliced-wasserstein: unknown parameter 'directons'"), m);
        m = failure(out, TINY + "metric: {id: bottleneck, dimensions: h2}\n");
        assertTrue(m.startsWith("tiny.yaml: metric.dimensions: "), m);
        m = failure(out, TINY.replace("layers: [stage3.block3]", "layers: [pool]"));
        assertTrue(m.startsWith("tiny.yaml: mapper.layers: 'pool' is not one of the experiment's layers"), m);
        m = failure(out, TINY.replace("images: 60", "images: 5000"));
        assertTrue(m.startsWith("tiny.yaml: data.images: 5000 asked"), m);
        m = failure(out, TINY.replace("layers: [stage3.block3]", "layers: [stage3.block3]\n  lens-layer: logits"));
        assertTrue(m.startsWith("tiny.yaml: mapper.lens-layer: 'logits' is not a layer of model fashion-resnet20"), m);
        m = failure(out, TINY + "filtration: {id: vietoris-rips, parameters: {max-dimension: 0}}\n");
        assertTrue(m.contains("max-dimension"), m);
    }

    @Test
    void aPersistenceRunThatWouldNotFitStopsWithItsEstimate(@TempDir Path tmp) {
        Path out = tmp.resolve("never");
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> Experiments.run(
                spec(TINY + "filtration: {id: vietoris-rips, parameters: {max-memory: 100k}}\n"), out, Registry.current(), Progress.none()));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        assertTrue(e.getMessage().contains(" points need about ") && e.getMessage().contains("more than the 102 kB allowed (max-memory)"),
                e.getMessage());
        assertFalse(Files.exists(out.resolve("index.html")), "no report is written (only the cache of the finished steps)");
    }

    @Test
    void fileNamesAreSafe() {
        assertArrayEquals(new String[] {"a.b", "a_b", "_.x", "_"},
                Stream.of("a.b", "a/b", ".x", "").map(org.toposcope.experiment.report.ReportWriter::safe).toArray());
    }
}
