package org.toposcope.testing;

import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.EngineInfo;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.core.spi.Lens;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.core.spi.PointCloudStrategy;

/**
 * One small implementation of every extension point, registered both as a DS component and in
 * META-INF/services, so the registry can be tested inside and outside OSGi. Each does something simple
 * but real, so a test can tell it was this implementation that answered.
 */
public final class TestExtensions {

    private TestExtensions() {
    }

    public static final String ID = "test";

    @Component(service = DatasetReader.class)
    public static final class TestDatasetReader implements DatasetReader {
        @Override public String id() { return ID; }
        @Override public String description() { return "reads no files (registry test)"; }
        @Override public boolean canRead(Path path) { return path.toString().endsWith(".test"); }
        @Override public Dataset open(Path path, Parameters p) {
            throw new ToposcopeException(path + ": the test reader reads no data sets");
        }
    }

    @Component(service = ModelLoader.class)
    public static final class TestModelLoader implements ModelLoader {
        @Override public String id() { return ID; }
        @Override public String description() { return "refuses every file (registry test)"; }
        @Override public List<String> fileExtensions() { return List.of(".test"); }
        @Override public EngineInfo engine() { return new EngineInfo("none", "0", "test"); }
        @Override public LoadedModel load(Path file, Parameters p, Progress progress) {
            throw new ToposcopeException(file + ": the test loader reads no models");
        }
    }

    /** Keeps the first feature of every image. */
    @Component(service = PointCloudStrategy.class)
    public static final class TestStrategy implements PointCloudStrategy {
        @Override public String id() { return ID; }
        @Override public String description() { return "first feature of every image (registry test)"; }
        @Override public Builder begin(String layer, Parameters p) {
            return new Builder() {
                private final java.util.ArrayList<double[]> rows = new java.util.ArrayList<>();
                @Override public void accept(LayerActivations batch) {
                    float[] v = batch.values();
                    for (int i = 0; i < batch.batchSize(); i++) {
                        rows.add(new double[] {v[i * batch.featuresPerImage()]});
                    }
                }
                @Override public PointCloud build() {
                    return PointCloud.of(layer, rows.toArray(new double[0][]));
                }
            };
        }
    }

    /** H0 of points on a line: sorted gaps are the deaths. */
    @Component(service = FiltrationBackend.class)
    public static final class TestBackend implements FiltrationBackend {
        @Override public String id() { return ID; }
        @Override public String description() { return "H0 of 1-D clouds (registry test)"; }
        @Override public PersistenceDiagram compute(PointCloud cloud, Parameters p, Progress progress) {
            double[] x = new double[cloud.size()];
            for (int i = 0; i < x.length; i++) {
                x[i] = cloud.get(i, 0);
            }
            java.util.Arrays.sort(x);
            double[] births = new double[Math.max(0, x.length - 1)];
            double[] deaths = new double[births.length];
            for (int i = 0; i < deaths.length; i++) {
                deaths[i] = x[i + 1] - x[i];
            }
            java.util.Arrays.sort(deaths);
            double[] essential = x.length == 0 ? new double[0] : new double[] {0};
            return new PersistenceDiagram(cloud.name(), List.of(new PersistenceDiagram.Dimension(0, births, deaths, essential)));
        }
    }

    /** Difference of the numbers of finite pairs. */
    @Component(service = DiagramMetric.class)
    public static final class TestMetric implements DiagramMetric {
        @Override public String id() { return ID; }
        @Override public String description() { return "difference of pair counts (registry test)"; }
        @Override public double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, Parameters p) {
            return Math.abs(a.finiteCount() - b.finiteCount());
        }
    }

    @Component(service = LayerSimilarity.class)
    public static final class TestSimilarity implements LayerSimilarity {
        @Override public String id() { return ID; }
        @Override public String description() { return "1 when sizes agree (registry test)"; }
        @Override public double similarity(PointCloud a, PointCloud b, Parameters p, Progress progress) {
            return a.size() == b.size() ? 1 : 0;
        }
    }

    @Component(service = Lens.class)
    public static final class TestLens implements Lens {
        @Override public String id() { return ID; }
        @Override public String description() { return "first coordinate scaled by a factor (registry test)"; }
        @Override public List<org.toposcope.core.ParameterSpec> parameters() {
            return List.of(ParameterSpec.real("factor", 1.0, "multiplies the coordinate"));
        }
        @Override public Matrix apply(PointCloud cloud, Parameters p) {
            double[] v = new double[cloud.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = p.real("factor") * cloud.get(i, 0);
            }
            return new Matrix(v.length, 1, v);
        }
    }

    @Component(service = Cover.class)
    public static final class TestCover implements Cover {
        @Override public String id() { return ID; }
        @Override public String description() { return "one set with every row (registry test)"; }
        @Override public List<int[]> cover(Matrix lens, Parameters p) {
            return List.of(java.util.stream.IntStream.range(0, lens.rows()).toArray());
        }
    }

    @Component(service = Clusterer.class)
    public static final class TestClusterer implements Clusterer {
        @Override public String id() { return ID; }
        @Override public String description() { return "one cluster (registry test)"; }
        @Override public int[] cluster(PointCloud points, Parameters p) {
            return new int[points.size()];
        }
    }
}
