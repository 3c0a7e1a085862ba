package org.toposcope.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.experiment.Experiments;
import org.toposcope.experiment.Sources;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.models.djl.ResNetTraining;
import org.toposcope.models.djl.TrainingImages;
import org.toposcope.samples.Samples;

import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

/**
 * The Spark runner in {@code local[2]} against the single-process runner on one spec: three ResNet-8s trained
 * here with seeds 1, 2 and 3, every convolutional layer. Real DJL/PyTorch, real Fashion-MNIST images.
 */
class SparkRunTest {

    @TempDir
    static Path dir;

    static JavaSparkContext sc;
    static final AtomicInteger tasks = new AtomicInteger();
    static final AtomicInteger jobs = new AtomicInteger();
    static List<String> convLayers;

    @BeforeAll
    static void trainAndStart() {
        Registry registry = Registry.current();
        try (Dataset data = Sources.openData(registry, Samples.fashionTestImages())) {
            TrainingImages images = TrainingImages.read(data, 512, Progress.none());
            for (int seed = 1; seed <= 3; seed++) {
                ResNetTraining.Options options = ResNetTraining.Options.defaults("seed" + seed, 8, 1, seed).withBatchSize(64);
                ResNetTraining.train(images, images, options, dir.resolve("seed" + seed), Progress.none(), null);
            }
            try (LoadedModel m = Sources.loadModel(registry, dir.resolve("seed1"), Progress.none())) {
                convLayers = m.layers(data.imageShape()).stream().map(LayerInfo::name)
                        .filter(n -> n.equals("stem") || n.startsWith("stage")).toList();
            }
        }
        assertTrue(convLayers.size() >= 4, convLayers.toString());
        sc = SparkContexts.create("local[2]", "toposcope-test", "127.0.0.1", List.of());
        sc.sc().addSparkListener(new SparkListener() {
            @Override
            public void onTaskEnd(SparkListenerTaskEnd end) {
                tasks.incrementAndGet();
            }

            @Override
            public void onJobStart(SparkListenerJobStart start) {
                jobs.incrementAndGet();
            }
        });
    }

    @AfterAll
    static void stop() {
        if (sc != null) {
            sc.stop();
        }
    }

    private static String spec(String strategy) {
        return """
                name: cross-seed
                seed: 7
                data: {path: %s, images: 160, normalise: auto}
                models:
                  - {name: seed1, path: %s}
                  - {name: seed2, path: %s}
                  - {name: seed3, path: %s}
                layers: [%s]
                strategy: %s
                filtration: {id: vietoris-rips, parameters: {max-dimension: 1}}
                metric: {id: sliced-wasserstein, dimensions: both, parameters: {directions: 20}}
                similarity: [linear-cka]
                mapper:
                  lens: l2-norm
                  cover: {id: uniform, parameters: {intervals: 8, overlap: 0.3}}
                  clusterer: dbscan
                """.formatted(Samples.fashionTestImages(), dir.resolve("seed1"), dir.resolve("seed2"), dir.resolve("seed3"),
                String.join(", ", convLayers), strategy);
    }

    @Test
    void everyNumberOfTheSparkRunIsTheSingleProcessRunsOne() throws IOException {
        ExperimentSpec spec = SpecReader.parse(spec("top-l2"), "cross-seed.yaml", dir);
        Path local = dir.resolve("local");
        Path spark = dir.resolve("spark");
        Experiments.run(spec, local, Registry.current(), Progress.none());
        int tasksBefore = tasks.get();
        // 2 layers per task and 7 pairs per task: several tasks per model, blocks ending inside rows of the triangle
        SparkExperiments.run(spec, spark, sc, new SparkExperiments.Options(2, 7), Registry.current(), Progress.none());

        int layers = convLayers.size();
        int stageOne = 3 * ((layers + 1) / 2);
        int n = 3 * layers;
        int stageTwo = 3 * ceil(layers * (layers - 1) / 2, 7) + ceil(n * (n - 1) / 2, 7);
        assertEquals(stageOne + stageTwo, tasks.get() - tasksBefore, "tasks run by Spark");

        JsonElement a = JsonParser.parseString(Files.readString(local.resolve("results.json")));
        JsonElement b = JsonParser.parseString(Files.readString(spark.resolve("results.json")));
        List<String> matrices = new ArrayList<>();
        compare("", a, b, matrices);
        assertTrue(matrices.stream().anyMatch(p -> p.contains("cross")), "a cross-model matrix was compared: " + matrices);
        assertTrue(matrices.size() >= 3 * 2 + 1, matrices.toString());
        // the JSON holds only numbers and names, so equal numbers make equal files
        assertEquals(Files.readString(local.resolve("results.json")), Files.readString(spark.resolve("results.json")));
        // every cloud and diagram the driver used came from the executors
        String manifest = Files.readString(spark.resolve("manifest.json"));
        int hits = JsonParser.parseString(manifest).getAsJsonObject().getAsJsonObject("cache").get("hits").getAsInt();
        assertTrue(hits >= 3 * layers * 2, manifest);
    }

    private static int ceil(int a, int b) {
        return (a + b - 1) / b;
    }

    /** Same structure, same strings, numbers equal to 1e-12; records the paths of the matrices met. */
    private static void compare(String path, JsonElement a, JsonElement b, List<String> matrices) {
        if (a.isJsonObject()) {
            assertTrue(b.isJsonObject(), path);
            assertEquals(a.getAsJsonObject().keySet(), b.getAsJsonObject().keySet(), path);
            for (String k : a.getAsJsonObject().keySet()) {
                compare(path + "/" + k, a.getAsJsonObject().get(k), b.getAsJsonObject().get(k), matrices);
            }
            if (a.getAsJsonObject().has("values") || a.getAsJsonObject().has("matrix")) {
                matrices.add(path);
            }
        } else if (a.isJsonArray()) {
            assertTrue(b.isJsonArray(), path);
            assertEquals(a.getAsJsonArray().size(), b.getAsJsonArray().size(), path);
            for (int i = 0; i < a.getAsJsonArray().size(); i++) {
                compare(path + "[" + i + "]", a.getAsJsonArray().get(i), b.getAsJsonArray().get(i), matrices);
            }
        } else if (a.isJsonPrimitive() && a.getAsJsonPrimitive().isNumber()) {
            assertTrue(b.isJsonPrimitive() && b.getAsJsonPrimitive().isNumber(), path);
            double x = a.getAsDouble();
            double y = b.getAsDouble();
            assertTrue(x == y || Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(x)), path + ": " + x + " vs " + y);
        } else {
            assertEquals(a, b, path);
        }
    }

    @Test
    void aSpecTooLargeForAnExecutorIsRefusedBeforeAnythingIsSubmitted() {
        ExperimentSpec spec = SpecReader.parse(spec("{id: spatial-sample, parameters: {count: 80000}}"), "big.yaml", dir);
        int before = jobs.get();
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> SparkExperiments.run(spec, dir.resolve("big"), sc,
                SparkExperiments.Options.defaults(), Registry.current(), Progress.none()));
        assertTrue(e.getMessage().startsWith("big.yaml: layers of up to 80000 points need about 89.6 GB per task"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
        assertEquals(before, jobs.get(), "no Spark job was submitted");
    }

    @Test
    void aModelPathAnExecutorCannotReadIsOneLineNamingIt() {
        Path missing = dir.resolve("not-on-this-node");
        String text = spec("top-l2").replace(dir.resolve("seed2").toString(), missing.toString());
        LayerTask task = new LayerTask(text, "cross-seed.yaml", dir.toString(), 1, convLayers, convLayers.subList(0, 1), true, "0", "0");
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> Failures.oneLine(() -> sc.parallelize(List.of(task), 1).map(StageOne::run).collect()));
        assertEquals("cross-seed.yaml: models[0].path: " + missing + " does not exist", e.getMessage());
    }

    @Test
    void anExecutorSeeingAnotherModelFileSaysSo() {
        LayerTask task = new LayerTask(spec("top-l2"), "cross-seed.yaml", dir.toString(), 0, convLayers, convLayers.subList(0, 1), false,
                "feed", "0");
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> Failures.oneLine(() -> sc.parallelize(List.of(task), 1).map(StageOne::run).collect()));
        assertTrue(e.getMessage().matches(".*seed1.*: this executor reads a different file than the driver did \\(sha256 [0-9a-f]{64}, driver feed\\)"),
                e.getMessage());
    }

    @Test
    void anUnreachableMasterFailsWithinThirtySecondsInOneLine() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        long start = System.nanoTime();
        String master = "spark://127.0.0.1:" + port;
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> SparkContexts.create(master, "x", "127.0.0.1", List.of()));
        assertTrue((System.nanoTime() - start) / 1e9 < 30);
        assertTrue(e.getMessage().startsWith(master + ": no Spark master answers there"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"));
    }

    @Test
    void sparkListensOnLoopbackOnly() throws IOException {
        Set<String> inodes = socketInodes();
        assertFalse(inodes.isEmpty());
        List<String> listening = new ArrayList<>();
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            for (String line : Files.readAllLines(Path.of(table)).subList(1, Files.readAllLines(Path.of(table)).size())) {
                String[] f = line.trim().split("\\s+");
                if (f[3].equals("0A") && inodes.contains(f[9])) {
                    listening.add(f[1]);
                }
            }
        }
        // the driver's RPC endpoint and block manager at least
        assertTrue(listening.size() >= 2, listening.toString());
        for (String address : listening) {
            String host = address.substring(0, address.indexOf(':'));
            assertTrue(host.equals("0100007F") || host.equals("0000000000000000FFFF00000100007F")
                    || host.equals("00000000000000000000000001000000"), "listening on " + address + " (not loopback)");
        }
    }

    private static Set<String> socketInodes() throws IOException {
        Set<String> out = new HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        out.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        return out;
    }

    @Test
    void theModuleFlagsShippedAreSparksOwnAndTheTestsUseThem() {
        assertEquals(List.of(org.apache.spark.launcher.JavaModuleOptions.defaultModuleOptions().split(" ")), SparkContexts.moduleFlags());
        List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
        for (String f : SparkContexts.moduleFlags()) {
            assertTrue(jvm.contains(f), "test JVM lacks " + f);
        }
    }

}
