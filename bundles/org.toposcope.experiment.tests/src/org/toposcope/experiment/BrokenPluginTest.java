package org.toposcope.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.experiment.plugins.Guard;
import org.toposcope.experiment.plugins.PluginFolders;
import org.toposcope.experiment.spec.SpecReader;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;

/**
 * The deliberately broken plug-in installed as a user installs one (its jar from a plug-ins folder): a spec whose
 * point-cloud strategy or filtration backend is broken on one layer fails that layer's step with a one-line message
 * naming the bundle and the id, and the same run's other layers, matrices, mapper graphs and report are complete.
 */
class BrokenPluginTest {

    private static final String BUNDLE = "org.toposcope.testing.brokenplugin";
    private static final String ORIGIN = "plugin " + BUNDLE + " 0.1.0.";
    private static final String LAYERS = "layers: [stem, stage2.block1, stage3.block3]\n";
    private static final String MAPPER = """
            mapper:
              layers: [stage3.block3]
              cover: {id: uniform, parameters: {intervals: 6, overlap: 0.3}}
              clusterer: {id: dbscan, parameters: {min-samples: 3}}
            """;

    @BeforeAll
    static void installBrokenPlugin(@TempDir Path tmp) throws IOException, InterruptedException {
        Path built = Path.of(System.getProperty("toposcope.brokenplugin.dir"));
        Path jar;
        try (Stream<Path> s = Files.list(built)) {
            jar = s.filter(p -> p.getFileName().toString().matches(BUNDLE + "-.*\\.jar") && !p.toString().contains("sources")).findFirst()
                    .orElseThrow(() -> new AssertionError("no " + BUNDLE + " jar in " + built + " (build it first)"));
        }
        Path folder = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(jar, folder.resolve(jar.getFileName()));
        PluginFolders.Result result = PluginFolders.install(List.of(folder));
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.installed().size(), result.installed().toString());
        // its components register when the bundle starts; wait for them rather than assume it is synchronous
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (Registry.current().all(FiltrationBackend.class).stream().noneMatch(r -> r.id().equals("broken-filtration"))
                || Registry.current().all(PointCloudStrategy.class).stream().noneMatch(r -> r.id().equals("broken-strategy"))) {
            assertTrue(System.nanoTime() < deadline, "the broken plug-in's components did not register");
            Thread.sleep(50);
        }
    }

    @AfterAll
    static void uninstall() throws Exception {
        for (Bundle b : FrameworkUtil.getBundle(PluginFolders.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals(BUNDLE)) {
                b.uninstall();
            }
        }
    }

    /** A run of this spec: its failed steps from the manifest, what the run told, the report's folder. */
    private record Run(Map<String, String> failed, List<String> told, Path out) {
        JsonObject model() throws IOException {
            return JsonParser.parseString(Files.readString(out.resolve("results.json"))).getAsJsonObject().getAsJsonArray("models").get(0)
                    .getAsJsonObject();
        }

        List<String> layers() throws IOException {
            List<String> names = new ArrayList<>();
            for (JsonElement l : model().getAsJsonArray("layers")) {
                names.add(l.getAsJsonObject().get("layer").getAsString());
            }
            return names;
        }

        String index() throws IOException {
            return Files.readString(out.resolve("index.html"));
        }
    }

    private static Run run(Path tmp, String yaml, double timeoutSeconds) throws IOException {
        Path out = tmp.resolve("report");
        List<String> told = new ArrayList<>();
        String before = System.getProperty(Guard.TIMEOUT_PROPERTY);
        System.setProperty(Guard.TIMEOUT_PROPERTY, Double.toString(timeoutSeconds));
        try {
            Experiments.run(SpecReader.parse(yaml, "broken.yaml", null), out, Registry.current(), Progress.none(), told::add);
        } finally {
            if (before == null) {
                System.clearProperty(Guard.TIMEOUT_PROPERTY);
            } else {
                System.setProperty(Guard.TIMEOUT_PROPERTY, before);
            }
        }
        JsonObject manifest = JsonParser.parseString(Files.readString(out.resolve("manifest.json"))).getAsJsonObject();
        Map<String, String> failed = new TreeMap<>();
        manifest.getAsJsonObject("failed_steps").entrySet().forEach(e -> failed.put(e.getKey(), e.getValue().getAsString()));
        return new Run(failed, told, out);
    }

    /** The steps that did not touch the broken layer: diagrams with pairs, finite matrices over the good layers, mapper graphs. */
    private static void assertTheOtherStepsComplete(Run run, List<String> good) throws IOException {
        assertEquals(good, run.layers());
        JsonObject model = run.model();
        for (JsonElement layer : model.getAsJsonArray("layers")) {
            int pairs = 0;
            for (JsonElement d : layer.getAsJsonObject().getAsJsonArray("diagram")) {
                pairs += d.getAsJsonObject().get("finite").getAsInt();
            }
            assertTrue(pairs > 0, layer.toString());
        }
        for (JsonObject matrix : List.of(model.getAsJsonObject("distances"),
                model.getAsJsonArray("similarities").get(0).getAsJsonObject())) {
            String text = matrix.toString();
            assertFalse(text.contains("NaN") || text.contains("null"), text);
            assertTrue(text.contains(good.get(0)) && text.contains(good.get(good.size() - 1)), text);
        }
        JsonArray mapper = model.getAsJsonArray("mapper");
        assertEquals(good.size(), mapper.size(), "a mapper graph for every good layer");
        for (String layer : good) {
            String base = "diagrams/" + model.get("model").getAsString() + "/" + layer.replaceAll("[^A-Za-z0-9._-]", "_");
            assertTrue(Files.isRegularFile(run.out().resolve(base + ".json")), base);
        }
    }

    /** "bundle version (point id)" of a failure's message. */
    private static String plugin(String message) {
        return message.substring("plugin ".length(), message.indexOf("): ") + 1);
    }

    /** index.html lists the failed steps first: step, plug-in, one-line reason. */
    private static void assertListedAtTheTop(Run run, String step, String plugin, String reason) throws IOException {
        String html = run.index();
        int failed = html.indexOf("<h2 id=\"s1\">Failed steps</h2>");
        assertTrue(failed > 0, "no failed-steps section first");
        assertTrue(failed < html.indexOf(">Findings</h2>"));
        String row = "<tr><td>" + step + "</td><td>" + plugin + "</td><td>" + reason + "</td></tr>";
        assertTrue(html.contains(row), "no row " + row + " in\n" + html.substring(failed, html.indexOf("</table>", failed)));
    }

    @Test
    void aStrategyThatThrowsOnOneLayerFailsThatLayerOnly(@TempDir Path tmp) throws IOException {
        Run run = run(tmp, """
                data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
                models: [sample:fashion-resnet20]
                """ + LAYERS + """
                strategy: {id: broken-strategy, parameters: {failure: throw, layer: stage2.block1}}
                """ + MAPPER, 60);
        String model = run.model().get("model").getAsString();
        assertEquals(List.of(model + ": point cloud stage2.block1"), List.copyOf(run.failed().keySet()));
        String message = run.failed().get(model + ": point cloud stage2.block1");
        assertTrue(message.startsWith(ORIGIN), message);
        assertTrue(message.endsWith("(strategy broken-strategy): threw java.lang.IllegalStateException: broken-strategy fails on purpose"
                + " on stage2.block1"), message);
        assertEquals(List.of(model + ": point cloud stage2.block1: " + message), run.told());
        assertTheOtherStepsComplete(run, List.of("stem", "stage3.block3"));
        assertListedAtTheTop(run, model + ": point cloud stage2.block1", plugin(message),
                "threw java.lang.IllegalStateException: broken-strategy fails on purpose on stage2.block1");
    }

    @Test
    void aStrategyThatHangsIsAbandonedAtTheTimeLimitAndTheSensitivityStepSaysWhy(@TempDir Path tmp) throws IOException {
        long start = System.nanoTime();
        Run run = run(tmp, """
                data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
                models: [sample:fashion-resnet20]
                """ + LAYERS + """
                strategy: {id: broken-strategy, parameters: {failure: hang, layer: stage3.block3}}
                sensitivity: {layer: stage3.block3, step: 16}
                """ + MAPPER.replace("[stage3.block3]", "[stem]"), 1.5);
        double seconds = (System.nanoTime() - start) / 1e9;
        String model = run.model().get("model").getAsString();
        assertEquals(List.of(model + ": point cloud stage3.block3", model + ": sensitivity"), List.copyOf(run.failed().keySet()));
        for (String message : run.failed().values()) {
            assertTrue(message.startsWith(ORIGIN), message);
            assertTrue(message.endsWith("(strategy broken-strategy): no result within the time limit of 1.5 s "
                    + "(-Dtoposcope.extension.timeout=SECONDS)"), message);
        }
        assertTheOtherStepsComplete(run, List.of("stem", "stage2.block1"));
        assertTrue(seconds < 120, "the run took " + seconds + " s");
    }

    @Test
    void aStrategyWhoseOutputIsMalformedIsNamed(@TempDir Path tmp) throws IOException {
        Run nan = run(tmp.resolve("nan"), """
                data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
                models: [sample:fashion-resnet20]
                """ + LAYERS + """
                strategy: {id: broken-strategy, parameters: {failure: nan, layer: stem}}
                """ + MAPPER, 60);
        String model = nan.model().get("model").getAsString();
        String message = nan.failed().get(model + ": point cloud stem");
        assertEquals(1, nan.failed().size(), nan.failed().toString());
        // the stem has 16 channels; the NaN is put in the middle of the 60 x 16 coordinates
        assertTrue(message.endsWith("(strategy broken-strategy): built NaN at row 30, column 0 of layer stem"), message);
        assertTheOtherStepsComplete(nan, List.of("stage2.block1", "stage3.block3"));

        Run wrong = run(tmp.resolve("wrong"), """
                data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
                models: [sample:fashion-resnet20]
                """ + LAYERS + """
                strategy: {id: broken-strategy, parameters: {failure: wrong-size, layer: stage2.block1}}
                """ + MAPPER, 60);
        message = wrong.failed().get(model + ": point cloud stage2.block1");
        assertEquals(1, wrong.failed().size(), wrong.failed().toString());
        assertTrue(message.endsWith("(strategy broken-strategy): built row 59 of layer stage2.block1 from image 119, which it was not given"),
                message);
        assertTheOtherStepsComplete(wrong, List.of("stem", "stage3.block3"));
    }

    @Test
    void aFiltrationBackendThatReturnsNaNOrThrowsFailsThatLayersDiagram(@TempDir Path tmp) throws IOException {
        Run nan = run(tmp.resolve("nan"), """
                data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
                models: [sample:fashion-resnet20]
                """ + LAYERS + """
                filtration: {id: broken-filtration, parameters: {failure: nan, layer: stage2.block1}}
                metric: {id: sliced-wasserstein, dimensions: h0}
                """ + MAPPER, 60);
        String model = nan.model().get("model").getAsString();
        assertEquals(List.of(model + ": diagram stage2.block1"), List.copyOf(nan.failed().keySet()));
        String message = nan.failed().get(model + ": diagram stage2.block1");
        assertTrue(message.startsWith(ORIGIN), message);
        assertTrue(message.endsWith("(filtration broken-filtration): returned an essential H0 class born at NaN for stage2.block1 top-l2"),
                message);
        assertTheOtherStepsComplete(nan, List.of("stem", "stage3.block3"));

        Run thrown = run(tmp.resolve("throw"), """
                data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
                models: [sample:fashion-resnet20]
                """ + LAYERS + """
                filtration: {id: broken-filtration, parameters: {failure: throw, layer: stem}}
                metric: {id: sliced-wasserstein, dimensions: h0}
                """ + MAPPER, 60);
        message = thrown.failed().get(model + ": diagram stem");
        assertEquals(1, thrown.failed().size(), thrown.failed().toString());
        assertTrue(message.endsWith("(filtration broken-filtration): threw java.lang.UnsupportedOperationException: broken-filtration "
                + "fails on purpose on stem top-l2"), message);
        assertTheOtherStepsComplete(thrown, List.of("stage2.block1", "stage3.block3"));
        assertListedAtTheTop(thrown, model + ": diagram stem", plugin(message),
                "threw java.lang.UnsupportedOperationException: broken-filtration fails on purpose on stem top-l2");
    }

    @Test
    void whenEveryLayerFailsTheRunFailsWithOneLineNamingThePlugin(@TempDir Path tmp) {
        String message = assertThrows(ToposcopeException.class, () -> run(tmp, """
                data: {path: sample:fashion-mnist-test, images: 60, batch: 32}
                models: [sample:fashion-resnet20]
                """ + LAYERS + """
                filtration: {id: broken-filtration, parameters: {failure: wrong-size}}
                """, 60)).getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(message.contains(": no layer has a diagram; "), message);
        assertTrue(message.endsWith("(filtration broken-filtration): returned a diagram without an H0 part for stage3.block3 top-l2"),
                message);
        assertTrue(message.contains(ORIGIN), message);
        assertFalse(Files.exists(tmp.resolve("report/index.html")), "no report without a single layer");
    }
}
