package org.toposcope.diagrams.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Extension;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram.Dimension;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.registry.ServiceLoaderRegistry;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.diagrams.metrics.BottleneckDistance;
import org.toposcope.diagrams.metrics.SlicedWassersteinDistance;
import org.toposcope.diagrams.metrics.WassersteinDistance;
import org.toposcope.diagrams.metrics.WassersteinDistance.Ground;

/** Registration, parameters and the metric axioms, without gudhi. */
class MetricsTest {

    private static final List<String> IDS = List.of("bottleneck", "sliced-wasserstein", "wasserstein");

    @Test
    void osgiRegistryFindsTheThreeMetricsById() throws InterruptedException {
        Registry registry = Registry.current();
        assertTrue(registry.getClass().getName().contains("Osgi"), "inside OSGi the registry uses services: " + registry);
        long deadline = System.nanoTime() + 10_000_000_000L; // DS activates components asynchronously
        while (!registry.all(DiagramMetric.class).stream().map(Registered::id).toList().containsAll(IDS)
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(registry.get(DiagramMetric.class, "bottleneck") instanceof BottleneckDistance);
        assertTrue(registry.get(DiagramMetric.class, "wasserstein") instanceof WassersteinDistance);
        assertTrue(registry.get(DiagramMetric.class, "sliced-wasserstein") instanceof SlicedWassersteinDistance);
        for (String id : IDS) {
            assertTrue(registry.all(DiagramMetric.class).stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow()
                    .origin().startsWith("org.toposcope.diagrams"), id);
        }
    }

    @Test
    void serviceLoaderFindsTheSameMetricsOutsideDs() {
        Registry registry = new ServiceLoaderRegistry(BottleneckDistance.class.getClassLoader());
        assertEquals(IDS, registry.all(DiagramMetric.class).stream().map(Registered::id).toList());
    }

    @Test
    void idsDescriptionsAndParametersAreDeclared() {
        for (Extension e : List.of(new BottleneckDistance(), new WassersteinDistance(), new SlicedWassersteinDistance())) {
            assertTrue(IDS.contains(e.id()), e.id());
            assertTrue(!e.description().isBlank() && !e.description().contains("\n"), e.description());
        }
        assertEquals(List.of(), new BottleneckDistance().parameters());
        Parameters w = Parameters.defaults(new WassersteinDistance());
        assertEquals(2.0, w.real("p"));
        assertEquals("linf", w.text("ground"));
        assertEquals(List.of("linf", "l2"), new WassersteinDistance().parameters().get(1).choices());
        assertEquals(ParameterSpec.Type.CHOICE, new WassersteinDistance().parameters().get(1).type());
        assertEquals(50, Parameters.defaults(new SlicedWassersteinDistance()).integer("directions"));
    }

    @Test
    void badParametersAreOneLineErrors() {
        WassersteinDistance w = new WassersteinDistance();
        Dimension a = new RandomDiagrams(1).continuous(3, 0);
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> w.distance(a, a, Parameters.resolve(w, Map.of("p", "0.5"))));
        assertTrue(e.getMessage().startsWith("wasserstein: parameter p must be"), e.getMessage());
        assertThrows(ToposcopeException.class, () -> w.distance(a, a, Parameters.resolve(w, Map.of("p", "inf"))));
        assertThrows(ToposcopeException.class, () -> Parameters.resolve(w, Map.of("ground", "l1")));
        SlicedWassersteinDistance s = new SlicedWassersteinDistance();
        assertThrows(ToposcopeException.class, () -> s.distance(a, a, Parameters.resolve(s, Map.of("directions", "0"))));
    }

    /** Values that follow from the definitions by hand. */
    @Test
    void oneOffDiagonalPointAgainstNothing() {
        Dimension point = new Dimension(0, new double[] {1}, new double[] {4}, new double[0]);
        Dimension empty = Dimension.empty(0);
        assertEquals(1.5, BottleneckDistance.of(point, empty));
        assertEquals(1.5, WassersteinDistance.of(point, empty, 2, Ground.LINF), 1e-15);
        assertEquals(3 / Math.sqrt(2), WassersteinDistance.of(empty, point, 1, Ground.L2), 1e-15);
        // two points 0.25 apart are matched to each other, not to the diagonal
        Dimension moved = new Dimension(0, new double[] {1.25}, new double[] {4}, new double[0]);
        assertEquals(0.25, BottleneckDistance.of(point, moved));
        // one direction, theta = -pi/2, projects on -death: (1, 4) -> -4 against its diagonal point (2.5, 2.5) -> -2.5
        assertEquals(0.0, SlicedWassersteinDistance.of(point, point, 1));
        assertEquals(1.5, SlicedWassersteinDistance.of(point, empty, 1), 1e-15);
    }

    @Test
    void essentialClassesAreMatchedByBirthOrInfinitelyFar() {
        Dimension a = new Dimension(0, new double[] {0}, new double[] {1}, new double[] {0, 5});
        Dimension b = new Dimension(0, new double[] {0}, new double[] {1}, new double[] {6, 0.5});
        assertEquals(1.0, BottleneckDistance.of(a, b));
        assertEquals(Math.sqrt(0.25 + 1), WassersteinDistance.of(a, b, 2, Ground.LINF), 1e-15);
        Dimension c = new Dimension(0, new double[] {0}, new double[] {1}, new double[] {6});
        assertEquals(Double.POSITIVE_INFINITY, BottleneckDistance.of(a, c));
        assertEquals(Double.POSITIVE_INFINITY, WassersteinDistance.of(a, c, 1, Ground.L2));
        assertEquals(0.0, SlicedWassersteinDistance.of(a, c, 5), "finite pairs only");
    }

    @Test
    void metricAxiomsOnRandomDiagrams() {
        RandomDiagrams r = new RandomDiagrams(77);
        for (int k = 0; k < 40; k++) {
            Dimension x = k % 2 == 0 ? r.continuous(r.nextInt(20), 0) : r.quantized(r.nextInt(20), 0);
            Dimension y = r.quantized(r.nextInt(20), 0);
            Dimension z = r.continuous(r.nextInt(20), 0);
            for (Metric d : List.<Metric>of(BottleneckDistance::of, (a, b) -> WassersteinDistance.of(a, b, 1, Ground.LINF),
                    (a, b) -> WassersteinDistance.of(a, b, 2.5, Ground.L2), (a, b) -> SlicedWassersteinDistance.of(a, b, 9))) {
                assertEquals(0.0, d.of(x, x), 1e-12);
                assertEquals(d.of(x, y), d.of(y, x), 1e-12);
                assertTrue(d.of(x, z) <= d.of(x, y) + d.of(y, z) + 1e-12, "triangle inequality");
            }
        }
    }

    /** Bottleneck is the p → ∞ limit and lower bound of Wasserstein with the same ground metric. */
    @Test
    void bottleneckIsBelowEveryWasserstein() {
        RandomDiagrams r = new RandomDiagrams(5);
        for (int k = 0; k < 20; k++) {
            Dimension x = r.continuous(1 + r.nextInt(15), 0);
            Dimension y = r.continuous(1 + r.nextInt(15), 0);
            double b = BottleneckDistance.of(x, y);
            assertTrue(b <= WassersteinDistance.of(x, y, 1, Ground.LINF) + 1e-12);
            assertTrue(b <= WassersteinDistance.of(x, y, 4, Ground.LINF) + 1e-12);
            assertTrue(WassersteinDistance.of(x, y, 64, Ground.LINF) <= b * Math.pow(x.finiteCount() + y.finiteCount(), 1 / 64.0) + 1e-12);
        }
    }

    private interface Metric {
        double of(Dimension a, Dimension b);
    }
}
