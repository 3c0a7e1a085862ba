import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PersistenceDiagram.Dimension;
import org.toposcope.diagrams.io.DiagramFiles;
import org.toposcope.diagrams.metrics.BottleneckDistance;
import org.toposcope.diagrams.metrics.SlicedWassersteinDistance;
import org.toposcope.diagrams.metrics.WassersteinDistance;

/** Times the metrics on two random diagrams of n points and writes them for the gudhi half of the bench. */
public final class MetricsBench {

    public static void main(String[] args) {
        int n = Integer.parseInt(args[0]);
        Path dir = Path.of(args[1]);
        Random r = new Random(42);
        Dimension a = random(r, n);
        Dimension b = random(r, n - n / 10);
        DiagramFiles.write(new PersistenceDiagram("a", List.of(a)), dir.resolve("a.csv"));
        DiagramFiles.write(new PersistenceDiagram("b", List.of(b)), dir.resolve("b.csv"));
        for (int round = 0; round < 3; round++) { // the first round includes JIT warm-up
            time("bottleneck", () -> BottleneckDistance.of(a, b));
            time("wasserstein p=2 linf", () -> WassersteinDistance.of(a, b, 2, WassersteinDistance.Ground.LINF));
            time("sliced-wasserstein M=50", () -> SlicedWassersteinDistance.of(a, b, 50));
        }
    }

    private static Dimension random(Random r, int n) {
        double[] births = new double[n];
        double[] deaths = new double[n];
        for (int i = 0; i < n; i++) {
            births[i] = 10 * r.nextDouble();
            deaths[i] = births[i] + 5 * r.nextDouble() * r.nextDouble();
        }
        return new Dimension(0, births, deaths, new double[0]);
    }

    private static void time(String what, java.util.function.DoubleSupplier metric) {
        long t0 = System.nanoTime();
        double d = metric.getAsDouble();
        System.out.printf("java   %-26s %10.1f ms  %.15g%n", what, (System.nanoTime() - t0) / 1e6, d);
    }
}
