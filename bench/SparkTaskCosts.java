import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.toposcope.activations.ActivationCapture;
import org.toposcope.comparison.Dimensions;
import org.toposcope.comparison.LayerDistances;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.data.Datasets;
import org.toposcope.experiment.Sources;
import org.toposcope.samples.Samples;

/**
 * The per-task costs of docs/scaling.md, measured in one JVM with the Spark tasks' own calls: a stage-1 task's
 * pass of N images through the shipped ResNet-20 for a batch of layers (top-l2 clouds), a layer's H0+H1
 * Vietoris–Rips diagram at each cloud size, and one stage-2 pair (sliced Wasserstein, 50 directions, H0 and H1).
 * Peak memory is the heap pools' peak during the step (after a GC and a reset), an upper bound of what the
 * step held. Usage: java -cp ... bench/SparkTaskCosts.java DATA.gz SIZE...
 */
public class SparkTaskCosts {

    public static void main(String[] args) throws Exception {
        Registry registry = Registry.current();
        Path dataPath = Path.of(args[0]);
        List<Integer> sizes = new ArrayList<>();
        for (int i = 1; i < args.length; i++) {
            sizes.add(Integer.parseInt(args[i]));
        }
        PointCloudStrategy topL2 = registry.all(PointCloudStrategy.class).stream().filter(r -> r.id().equals("top-l2")).findFirst()
                .orElseThrow().extension();
        FiltrationBackend rips = registry.all(FiltrationBackend.class).stream().filter(r -> r.id().equals("vietoris-rips")).findFirst()
                .orElseThrow().extension();
        DiagramMetric sw = registry.all(DiagramMetric.class).stream().filter(r -> r.id().equals("sliced-wasserstein")).findFirst()
                .orElseThrow().extension();
        Parameters ripsParameters = Parameters.resolve(rips, Map.of("max-dimension", "1"));
        Parameters swParameters = Parameters.resolve(sw, Map.of("directions", "50"));
        List<String> batch = List.of("stage3.block1", "stage3.block2", "stage3.block3", "stage2.block3");
        System.out.printf(Locale.ROOT, "machine: %d cores, load %s, heap max %.1f GB%n", Runtime.getRuntime().availableProcessors(),
                new String(java.nio.file.Files.readAllBytes(Path.of("/proc/loadavg"))).trim(), Runtime.getRuntime().maxMemory() / 1e9);
        try (LoadedModel model = Sources.loadModel(registry, Samples.fashionModel(), Progress.none());
                Dataset raw = Sources.openData(registry, dataPath)) {
            Dataset data = model.normalisation().map(n -> Datasets.normalised(raw, n)).orElse(raw);
            for (int n : sizes) {
                // stage 1, activations: one pass of n images for a batch of 4 layers
                Map<String, List<PointCloudStrategy.Builder>> builders = new LinkedHashMap<>();
                Map<String, PointCloudStrategy.Builder> byLayer = new LinkedHashMap<>();
                for (String l : batch) {
                    PointCloudStrategy.Builder b = topL2.begin(l, Parameters.defaults(topL2));
                    builders.put(l, List.of(b));
                    byLayer.put(l, b);
                }
                ActivationCapture.Options options = new ActivationCapture.Options(batch, 64, n, UnaryOperator.identity(), "model", 0);
                long[] peak = new long[1];
                double activations = timed(peak, () -> ActivationCapture.feed(model, data, options, builders, Progress.none()));
                System.out.printf(Locale.ROOT, "activations: %d images x %d layers: %.2f s, peak heap %.0f MB%n", n, batch.size(), activations,
                        peak[0] / 1e6);
                PointCloud a = byLayer.get("stage3.block3").build();
                PointCloud b = byLayer.get("stage2.block3").build();
                builders.clear();
                byLayer.clear();
                // stage 1, persistence: one layer's diagram
                PersistenceDiagram[] d = new PersistenceDiagram[2];
                double diagram = timed(peak, () -> d[0] = rips.compute(a, ripsParameters, Progress.none()));
                System.out.printf(Locale.ROOT, "diagram: %d points x %d dims, H0+H1: %.2f s, peak heap %.0f MB, %d H1 pairs%n", a.size(),
                        a.dimension(), diagram, peak[0] / 1e6, d[0].dimension(1).finiteCount());
                d[1] = rips.compute(b, ripsParameters, Progress.none());
                // stage 2: one pair, repeated to see past the timer
                int reps = 20;
                double pair = timed(peak, () -> {
                    for (int r = 0; r < reps; r++) {
                        LayerDistances.distance(d[0], d[1], sw, swParameters, Dimensions.BOTH);
                    }
                }) / reps;
                System.out.printf(Locale.ROOT, "pair: sliced-wasserstein (50 directions, H0+H1) of %d-point diagrams: %.2f ms; encoded diagram %d bytes%n",
                        n, pair * 1e3, org.toposcope.experiment.cache.Codec.encode(d[0]).length);
            }
        }
    }

    private static double timed(long[] peak, Runnable r) {
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream().filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        long t = System.nanoTime();
        r.run();
        double s = (System.nanoTime() - t) / 1e9;
        peak[0] = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        return s;
    }
}
