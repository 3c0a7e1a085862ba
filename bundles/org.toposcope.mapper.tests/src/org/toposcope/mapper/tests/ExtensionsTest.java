package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.registry.ServiceLoaderRegistry;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.Lens;
import org.toposcope.mapper.MapperBuilder;
import org.toposcope.mapper.Purity;
import org.toposcope.mapper.cluster.Dbscan;
import org.toposcope.mapper.cluster.SingleLinkage;
import org.toposcope.mapper.cover.QuantileCover;
import org.toposcope.mapper.cover.UniformCover;
import org.toposcope.mapper.lens.DensityLens;
import org.toposcope.mapper.lens.EccentricityLens;
import org.toposcope.mapper.lens.KnnDistanceLens;
import org.toposcope.mapper.lens.L2NormLens;
import org.toposcope.mapper.lens.PcaLens;

/** Registration under OSGi and ServiceLoader, declared parameters, and one-line errors for bad input. */
class ExtensionsTest {

    private static final List<String> LENSES = List.of("l2-norm", "pca", "knn-distance", "density", "eccentricity", "class-score");
    private static final List<String> COVERS = List.of("uniform", "quantile");
    private static final List<String> CLUSTERERS = List.of("dbscan", "single-linkage");

    @Test
    void osgiRegistryFindsEveryImplementationById() throws InterruptedException {
        Registry registry = Registry.current();
        assertTrue(registry.getClass().getName().contains("Osgi"), "inside OSGi the registry uses services: " + registry);
        long deadline = System.nanoTime() + 10_000_000_000L; // DS activates components asynchronously
        while (!(ids(registry, Lens.class).containsAll(LENSES) && ids(registry, Cover.class).containsAll(COVERS)
                && ids(registry, Clusterer.class).containsAll(CLUSTERERS)) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(ids(registry, Lens.class).containsAll(LENSES), ids(registry, Lens.class).toString());
        assertTrue(ids(registry, Cover.class).containsAll(COVERS), ids(registry, Cover.class).toString());
        assertTrue(ids(registry, Clusterer.class).containsAll(CLUSTERERS), ids(registry, Clusterer.class).toString());
        assertTrue(registry.get(Lens.class, "pca") instanceof PcaLens);
        assertTrue(registry.get(Clusterer.class, "dbscan") instanceof Dbscan);
    }

    @Test
    void serviceLoaderFindsTheSameOutsideDs() {
        Registry registry = new ServiceLoaderRegistry(PcaLens.class.getClassLoader());
        assertEquals(LENSES.stream().sorted().toList(), ids(registry, Lens.class));
        assertEquals(COVERS.stream().sorted().toList(), ids(registry, Cover.class));
        assertEquals(CLUSTERERS, ids(registry, Clusterer.class));
    }

    @Test
    void everyParameterHasAWorkingDefault() {
        List<Extension> all = List.of(new L2NormLens(), new PcaLens(), new KnnDistanceLens(), new DensityLens(),
                new EccentricityLens(), new UniformCover(), new QuantileCover(), new Dbscan(), new SingleLinkage());
        for (Extension e : all) {
            assertFalse(e.description().isBlank() || e.description().contains("\n"), e.id());
            Parameters.defaults(e);
        }
        assertEquals(2, Parameters.defaults(new PcaLens()).integer("components"));
        assertEquals(5, Parameters.defaults(new Dbscan()).integer("min-samples"));
        assertEquals(0.0, Parameters.defaults(new Dbscan()).real("eps"));
        assertEquals(1.0, Parameters.defaults(new EccentricityLens()).real("p"));
        assertEquals(10, Parameters.defaults(new SingleLinkage()).integer("bins"));
    }

    @Test
    void badInputIsAOneLineError() {
        PointCloud nan = PointCloud.of("nan-cloud", new double[][] {{0, 1}, {Double.NaN, 2}, {3, 4}});
        PointCloud three = PointCloud.of("small", new double[][] {{0, 1}, {1, 2}, {3, 4}});
        PointCloud empty = PointCloud.of("empty", new double[0][]);
        oneLine("nan-cloud: row 1, column 0 is NaN; l2-norm needs finite values",
                () -> new L2NormLens().apply(nan, Parameters.defaults(new L2NormLens())));
        oneLine("nan-cloud: row 1, column 0 is NaN; dbscan needs finite values",
                () -> new Dbscan().cluster(nan, Parameters.defaults(new Dbscan())));
        oneLine("small: pca components must be 1..2, got 3",
                () -> new PcaLens().apply(three, Parameters.resolve(new PcaLens(), Map.of("components", "3"))));
        oneLine("small: knn-distance needs at least 6 points, got 3",
                () -> new KnnDistanceLens().apply(three, Parameters.defaults(new KnnDistanceLens())));
        oneLine("small: density bandwidth must be a positive number, got 0.0",
                () -> new DensityLens().apply(three, Parameters.resolve(new DensityLens(), Map.of("bandwidth", "0"))));
        oneLine("small: eccentricity p must be at least 1, got 0.5",
                () -> new EccentricityLens().apply(three, Parameters.resolve(new EccentricityLens(), Map.of("p", "0.5"))));
        oneLine("uniform: overlap must be in [0, 1), got 1.0", () -> new UniformCover().cover(new Matrix(1, 1, new double[1]),
                Parameters.resolve(new UniformCover(), Map.of("overlap", "1"))));
        oneLine("quantile: intervals must be at least 1, got 0", () -> new QuantileCover().cover(
                new Matrix(1, 1, new double[1]), Parameters.resolve(new QuantileCover(), Map.of("intervals", "0"))));
        oneLine("uniform: lens value at row 0, column 0 is Infinity", () -> new UniformCover().cover(
                new Matrix(1, 1, new double[] {Double.POSITIVE_INFINITY}), Parameters.defaults(new UniformCover())));
        oneLine("uniform: 4 lens columns make more than 1000000 cover sets; use fewer intervals or lens columns",
                () -> new UniformCover().cover(new Matrix(1, 4, new double[4]), Parameters.defaults(new UniformCover())));
        oneLine("small: dbscan eps must be a finite number >= 0, got -1.0",
                () -> new Dbscan().cluster(three, Parameters.resolve(new Dbscan(), Map.of("eps", "-1"))));
        oneLine("dbscan: unknown parameter 'epsilon' (known: min-samples, eps)",
                () -> Parameters.resolve(new Dbscan(), Map.of("epsilon", "1")));
        oneLine("small: single-linkage bins must be at least 1, got 0",
                () -> new SingleLinkage().cluster(three, Parameters.resolve(new SingleLinkage(), Map.of("bins", "0"))));
        oneLine("empty: mapper needs at least one point",
                () -> MapperBuilder.withDefaults(new L2NormLens(), new UniformCover(), new Dbscan()).build(empty,
                        Progress.none()));
        MapperGraph g = new MapperGraph("g", List.of(new MapperGraph.Node(0, 0, new int[] {0, 1})), List.of());
        oneLine("small: row 0 has no class label; purity needs labels", () -> Purity.ofClasses(g, three));
        oneLine("g: purity of a mapper graph without nodes is undefined",
                () -> Purity.nodeWise(new MapperGraph("g", List.of(), List.of()), new int[0]));
    }

    private static void oneLine(String expected, Executable e) {
        ToposcopeException x = assertThrows(ToposcopeException.class, e);
        assertEquals(expected, x.getMessage());
    }

    private static List<String> ids(Registry registry, Class<? extends Extension> type) {
        return registry.all(type).stream().map(Registered::id).toList();
    }
}
