package org.toposcope.core.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.FloatBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;

class ValueTypesTest {

    @Test
    void errorMessagesStayOneLineWhateverANameFromAFileContains() {
        ToposcopeException e = new ToposcopeException("data.npz: no array x (it has im\nages.npy\r, y.npy)");
        assertEquals("data.npz: no array x (it has im\\x0aages.npy\\x0d, y.npy)", e.getMessage());
        assertEquals("plain: message", new ToposcopeException("plain: message", new RuntimeException()).getMessage());
    }

    @Test
    void pointCloudCannotBeChangedThroughItsArrays() {
        double[] rows = {1, 2, 3, 4};
        PointCloud c = PointCloud.of("c", new double[][] {{1, 2}, {3, 4}});
        c.coordinates()[0] = 99;
        rows[0] = 99;
        assertEquals(1, c.get(0, 0));
        assertArrayEquals(new double[] {3, 4}, c.row(1));
    }

    @Test
    void layerActivationsShareTheirValuesOnlyReadOnly() {
        float[] v = {1, 2, 3, 4, 5, 6};
        LayerActivations a = new LayerActivations("l", new int[] {2, 3}, v, 0, new int[] {7, 8});
        v[0] = 99;
        FloatBuffer view = a.valuesView();
        assertEquals(6, view.remaining());
        assertEquals(1f, view.get(0), "the record copied its input");
        assertThrows(ReadOnlyBufferException.class, () -> view.put(0, 42f));
        a.values()[1] = 42;
        assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, a.values());
    }

    @Test
    void normalisationCannotBeChangedThroughItsArraysAndChecksChannels() {
        double[] mean = {0.5, 0.25};
        Normalisation n = new Normalisation("n", mean, new double[] {0.5, 2});
        mean[0] = 9;
        n.mean()[1] = 9;
        assertArrayEquals(new double[] {0.5, 0.25}, n.mean());
        assertEquals(new Normalisation("n", new double[] {0.5, 0.25}, new double[] {0.5, 2}), n);
        ImageBatch b = new ImageBatch(0, new int[] {1, 2, 1, 1}, new float[] {1, 1}, new int[1]);
        assertArrayEquals(new float[] {1, 0.375f}, n.apply(b).values());
        assertArrayEquals(new float[] {1, 1}, b.values(), "apply leaves its input alone");
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> n.apply(new ImageBatch(3, new int[] {1, 3, 1, 1}, new float[3], new int[1])));
        assertEquals("images 3..3: normalisation 'n' has 2 channels, the images 3", e.getMessage());
    }

    @Test
    void pointCloudRejectsRaggedRows() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PointCloud.of("acts", new double[][] {{1, 2}, {3}}));
        assertEquals("acts: row 1 has 1 values, not 2", e.getMessage());
    }

    @Test
    void diagramRejectsDeathBeforeBirthAndKeepsEssentialClassesApart() {
        assertThrows(IllegalArgumentException.class,
                () -> new PersistenceDiagram.Dimension(1, new double[] {2}, new double[] {1}, new double[0]));
        PersistenceDiagram d = new PersistenceDiagram("d", List.of(
                new PersistenceDiagram.Dimension(0, new double[] {0}, new double[] {1.5}, new double[] {0})));
        assertEquals(1, d.dimension(0).finiteCount());
        assertEquals(0, d.dimension(1).finiteCount(), "dimensions beyond the computed ones are empty");
        assertArrayEquals(new double[] {0}, d.dimension(0).essentialBirths());
    }

    @Test
    void parametersTakeDefaultsAndRejectUnknownOrBadValues() {
        List<ParameterSpec> specs = List.of(ParameterSpec.integer("max-dimension", 1, "highest homology dimension"),
                ParameterSpec.real("threshold", Double.POSITIVE_INFINITY, "largest edge"),
                ParameterSpec.choice("metric", "euclidean", "distance", "euclidean", "cosine"));
        Parameters p = Parameters.resolve("vr", specs, Map.of("threshold", "2.5"));
        assertEquals(1, p.integer("max-dimension"));
        assertEquals(2.5, p.real("threshold"));
        assertEquals("euclidean", p.text("metric"));
        assertEquals("vr: unknown parameter 'dim' (known: max-dimension, threshold, metric)",
                assertThrows(ToposcopeException.class, () -> Parameters.resolve("vr", specs, Map.of("dim", "2"))).getMessage());
        assertEquals("vr: parameter max-dimension: 'two' is not an integer",
                assertThrows(ToposcopeException.class, () -> Parameters.resolve("vr", specs, Map.of("max-dimension", "two")))
                        .getMessage());
        assertEquals("vr: parameter metric: 'l1' is not one of euclidean, cosine",
                assertThrows(ToposcopeException.class, () -> Parameters.resolve("vr", specs, Map.of("metric", "l1")))
                        .getMessage());
    }
}
