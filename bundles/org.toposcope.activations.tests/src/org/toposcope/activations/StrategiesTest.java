package org.toposcope.activations;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.activations.strategies.BackgroundTopKStrategy;
import org.toposcope.activations.strategies.ForegroundTopKStrategy;
import org.toposcope.activations.strategies.ImageVectorStrategy;
import org.toposcope.activations.strategies.PooledStrategy;
import org.toposcope.activations.strategies.RandomProjectionStrategy;
import org.toposcope.activations.strategies.RandomSpatialStrategy;
import org.toposcope.activations.strategies.SpatialSampleStrategy;
import org.toposcope.activations.strategies.TopL2Strategy;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.model.Provenance;
import org.toposcope.data.NpyArray;
import org.toposcope.data.NpyReader;
import org.toposcope.data.NpyWriter;

/** The point-cloud strategies on hand-built activations with known answers, against NumPy, and on bad input. */
class StrategiesTest {

    private static final List<String> IDS = List.of(TopL2Strategy.ID, SpatialSampleStrategy.ID, RandomSpatialStrategy.ID,
            ImageVectorStrategy.ID, PooledStrategy.ID, RandomProjectionStrategy.ID, ForegroundTopKStrategy.ID, BackgroundTopKStrategy.ID);

    @TempDir
    Path dir;

    /**
     * Two images of 2 channels on a 2 x 2 map. Image 0's C-vectors by position (row-major): (1,0), (0,2),
     * (0,-2), (1,1): norms 1, 2, 2, sqrt 2. Image 1's: (-3,0), (1,1), (0,0), (0.5,0).
     */
    private static final int[] SHAPE = {2, 2, 2, 2};
    private static final float[] VALUES = {
        1, 0, 0, 1, /* image 0 channel 0 */ 0, 2, -2, 1, /* image 0 channel 1 */
        -3, 1, 0, 0.5f, /* image 1 channel 0 */ 0, 1, 0, 0 /* image 1 channel 1 */};
    private static final int[] LABELS = {4, 9};

    private static List<LayerActivations> handBuilt(int batch) {
        return Activations.batches("conv", SHAPE, VALUES, LABELS, batch);
    }

    @Test
    void everyStrategyIsRegisteredWithItsId() {
        for (String id : IDS) {
            assertEquals(id, Activations.strategy(id).id());
            assertFalse(Activations.strategy(id).description().isBlank(), id);
        }
    }

    @Test
    void topL2TakesTheLargestNormFirstInRowMajorOrderOnTies() {
        PointCloud c = Activations.cloud(TopL2Strategy.ID, Map.of(), handBuilt(2));
        assertEquals(2, c.size());
        assertEquals(2, c.dimension());
        assertArrayEquals(new double[] {0, 2}, c.row(0), "norm-2 tie between (0,1) and (1,0): first wins");
        assertArrayEquals(new double[] {-3, 0}, c.row(1));
        Provenance p = c.provenance();
        assertArrayEquals(new int[] {0, 1}, p.imageIds());
        assertArrayEquals(LABELS, p.labels());
        assertArrayEquals(new int[] {0, 0}, p.rowsInMap());
        assertArrayEquals(new int[] {1, 0}, p.columnsInMap());

        PointCloud relu = Activations.cloud(TopL2Strategy.ID, Map.of("relu", "true"), handBuilt(1));
        assertArrayEquals(new double[] {1, 1}, relu.row(1), "after ReLU (-3,0) is the zero vector");
        assertEquals(0, relu.provenance().rowInMap(1));
        assertEquals(1, relu.provenance().columnInMap(1));
    }

    @Test
    void imageVectorAndPoolingOnKnownValues() {
        PointCloud v = Activations.cloud(ImageVectorStrategy.ID, Map.of(), handBuilt(1));
        assertEquals(8, v.dimension());
        assertArrayEquals(new double[] {-3, 1, 0, 0.5, 0, 1, 0, 0}, v.row(1));
        assertEquals(Provenance.NO_POSITION, v.provenance().rowInMap(0));

        PointCloud avg = Activations.cloud(PooledStrategy.ID, Map.of(), handBuilt(2));
        assertArrayEquals(new double[] {0.5, 0.25}, avg.row(0));
        assertArrayEquals(new double[] {-1.5 / 4, 0.25}, avg.row(1));
        PointCloud max = Activations.cloud(PooledStrategy.ID, Map.of("pool", "max"), handBuilt(2));
        assertArrayEquals(new double[] {1, 2}, max.row(0));
        assertArrayEquals(new double[] {1, 1}, max.row(1));
    }

    @Test
    void denseLayersGiveWholeVectorsOrAClearError() {
        float[] dense = {1, 2, 3, -4, 5, 6};
        List<LayerActivations> b = Activations.batches("fc", new int[] {2, 3}, dense, new int[] {0, 1}, 1);
        PointCloud top = Activations.cloud(TopL2Strategy.ID, Map.of(), b);
        assertArrayEquals(new double[] {-4, 5, 6}, top.row(1));
        assertEquals(Provenance.NO_POSITION, top.provenance().rowInMap(1));
        assertArrayEquals(new double[] {1, 2, 3}, Activations.cloud(ImageVectorStrategy.ID, Map.of(), b).row(0));
        assertEquals(5, Activations.cloud(RandomProjectionStrategy.ID, Map.of("dimensions", "5"), b).dimension());
        for (String id : List.of(SpatialSampleStrategy.ID, RandomSpatialStrategy.ID, PooledStrategy.ID)) {
            ToposcopeException e = assertThrows(ToposcopeException.class, () -> Activations.cloud(id, Map.of(), b));
            assertTrue(e.getMessage().startsWith("fc: strategy " + id + " needs spatial activations"), e.getMessage());
            assertFalse(e.getMessage().contains("\n"));
        }
    }

    @Test
    void spatialSampleLargerThanTheDataKeepsEverySpatialActivationInOrder() {
        PointCloud c = Activations.cloud(SpatialSampleStrategy.ID, Map.of("count", "100"), handBuilt(1));
        assertEquals(8, c.size());
        for (int r = 0; r < 8; r++) {
            int image = r / 4;
            int q = r % 4;
            assertEquals(image, c.provenance().imageId(r));
            assertEquals(LABELS[image], c.provenance().label(r));
            assertEquals(q / 2, c.provenance().rowInMap(r));
            assertEquals(q % 2, c.provenance().columnInMap(r));
            assertArrayEquals(new double[] {VALUES[image * 8 + q], VALUES[image * 8 + 4 + q]}, c.row(r));
        }
    }

    @Test
    void spatialSampleIsUniformWithoutReplacementAndMatchesItsProvenance() {
        int[] shape = {20, 3, 4, 5};
        float[] v = Activations.random(1, 20 * 3 * 20);
        int[] labels = Activations.labels(20);
        int total = 20 * 20;
        int count = 100;
        int[] hits = new int[total];
        int runs = 200;
        for (int seed = 0; seed < runs; seed++) {
            PointCloud c = Activations.cloud(SpatialSampleStrategy.ID, Map.of("count", "" + count, "seed", "" + seed),
                    Activations.batches("conv", shape, v, labels, 7));
            assertEquals(count, c.size());
            Set<Integer> seen = new HashSet<>();
            for (int r = 0; r < count; r++) {
                int image = c.provenance().imageId(r);
                int q = c.provenance().rowInMap(r) * 5 + c.provenance().columnInMap(r);
                assertTrue(seen.add(image * 20 + q), "no activation twice");
                hits[image * 20 + q]++;
                for (int k = 0; k < 3; k++) {
                    assertEquals(v[(image * 3 + k) * 20 + q], c.get(r, k), 0.0);
                }
                assertEquals(labels[image], c.provenance().label(r));
            }
        }
        // each activation is kept with probability 1/4: 50 expected in 200 runs, sd about 6.1
        for (int h : hits) {
            assertTrue(h > 50 - 6 * 6.2 && h < 50 + 6 * 6.2, "hits " + h);
        }
    }

    @Test
    void randomSpatialDrawsDistinctPositionsPerImage() {
        PointCloud all = Activations.cloud(RandomSpatialStrategy.ID, Map.of("k", "4"), handBuilt(2));
        assertEquals(8, all.size(), "k = positions takes every position, in order");
        for (int r = 0; r < 8; r++) {
            assertEquals(r % 4, all.provenance().rowInMap(r) * 2 + all.provenance().columnInMap(r));
        }
        int[] shape = {30, 2, 3, 3};
        float[] v = Activations.random(2, 30 * 2 * 9);
        PointCloud c = Activations.cloud(RandomSpatialStrategy.ID, Map.of("k", "3", "seed", "5"),
                Activations.batches("conv", shape, v, Activations.labels(30), 4));
        assertEquals(90, c.size());
        Set<Integer> positions = new HashSet<>();
        for (int r = 0; r < 90; r++) {
            int image = c.provenance().imageId(r);
            assertEquals(r / 3, image);
            int q = c.provenance().rowInMap(r) * 3 + c.provenance().columnInMap(r);
            positions.add(image * 9 + q);
            assertEquals(v[(image * 2 + 1) * 9 + q], c.get(r, 1), 0.0);
        }
        assertEquals(90, positions.size(), "positions are drawn without replacement");
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> Activations.cloud(RandomSpatialStrategy.ID, Map.of("k", "10"), Activations.batches("conv", shape, v, Activations.labels(30), 4)));
        assertTrue(e.getMessage().contains("k = 10 positions per image but the feature map has 9"), e.getMessage());
    }

    @Test
    void randomProjectionIsLinearAndKeepsLengthsOnAverage() {
        int f = 2 * 8 * 8;
        int[] shape = {3, 2, 8, 8};
        float[] v = Activations.random(3, 3 * f);
        for (int i = 0; i < f; i++) {
            v[2 * f + i] = v[i] + v[f + i]; // image 2 = image 0 + image 1
        }
        PointCloud c = Activations.cloud(RandomProjectionStrategy.ID, Map.of("dimensions", "400", "seed", "9"),
                Activations.batches("conv", shape, v, Activations.labels(3), 2));
        assertEquals(400, c.dimension());
        for (int j = 0; j < 400; j++) {
            assertEquals(c.get(0, j) + c.get(1, j), c.get(2, j), 1e-4);
        }
        for (int i = 0; i < 3; i++) {
            double in = 0;
            for (int k = 0; k < f; k++) {
                in += (double) v[i * f + k] * v[i * f + k];
            }
            double out = 0;
            for (double x : c.row(i)) {
                out += x * x;
            }
            // E|Rx|^2 = |x|^2; with 400 dimensions the ratio's sd is about 0.07
            assertEquals(1, out / in, 0.35, "image " + i);
        }
    }

    @Test
    void normalisationMakesUnitRowsOrStandardColumns() {
        int[] shape = {12, 4, 3, 3};
        float[] v = Activations.random(4, 12 * 36);
        List<LayerActivations> b = Activations.batches("conv", shape, v, Activations.labels(12), 5);
        PointCloud unit = Activations.cloud(TopL2Strategy.ID, Map.of("normalise", "unit"), b);
        PointCloud raw = Activations.cloud(TopL2Strategy.ID, Map.of(), b);
        for (int r = 0; r < 12; r++) {
            double n = 0;
            for (double x : unit.row(r)) {
                n += x * x;
            }
            assertEquals(1, n, 1e-12);
            double scale = unit.get(r, 0) / raw.get(r, 0);
            for (int k = 0; k < 4; k++) {
                assertEquals(raw.get(r, k) * scale, unit.get(r, k), 1e-12);
            }
        }
        PointCloud st = Activations.cloud(PooledStrategy.ID, Map.of("normalise", "standardise"), b);
        for (int k = 0; k < 4; k++) {
            double mean = 0;
            double sq = 0;
            for (int r = 0; r < 12; r++) {
                mean += st.get(r, k);
                sq += st.get(r, k) * st.get(r, k);
            }
            assertEquals(0, mean / 12, 1e-12);
            assertEquals(1, sq / 12, 1e-12);
        }
    }

    private Path masks(int n, int h, int w, double[] values) {
        Path file = dir.resolve("masks-" + n + "-" + h + "-" + w + "-" + values.length + "-" + Math.abs(java.util.Arrays.hashCode(values)) + ".npy");
        NpyWriter.write(file, new int[] {n, h, w}, values);
        return file;
    }

    @Test
    void foregroundAndBackgroundTopKRankPositionsByTheMaskTheySee() {
        // 4 x 4 input, 2 x 2 map: each position's cell is a 2 x 2 block. Image 0: foreground in the bottom-right
        // block, three pixels of the top-right one. Image 1: one foreground pixel at (0, 3).
        double[] m = new double[2 * 16];
        m[2 * 4 + 2] = m[2 * 4 + 3] = m[3 * 4 + 2] = m[3 * 4 + 3] = 1;
        m[0 * 4 + 2] = m[0 * 4 + 3] = m[1 * 4 + 3] = 1;
        m[16 + 0 * 4 + 3] = 1;
        String file = masks(2, 4, 4, m).toString();
        PointCloud fg = Activations.cloud(ForegroundTopKStrategy.ID, Map.of("masks", file, "k", "2"), handBuilt(1));
        assertEquals(4, fg.size());
        int[][] expected = {{1, 1}, {0, 1}, {0, 1}, {0, 0}};
        for (int r = 0; r < 4; r++) {
            assertEquals(r / 2, fg.provenance().imageId(r));
            assertEquals(expected[r][0], fg.provenance().rowInMap(r), "row " + r);
            assertEquals(expected[r][1], fg.provenance().columnInMap(r), "row " + r);
        }
        assertArrayEquals(new double[] {1, 1}, fg.row(0), "image 0 at (1,1)");
        PointCloud bg = Activations.cloud(BackgroundTopKStrategy.ID, Map.of("masks", file), handBuilt(2));
        assertEquals(2, bg.size());
        assertEquals(0, bg.provenance().rowInMap(0));
        assertEquals(0, bg.provenance().columnInMap(0));
        // a one-pixel receptive field at the cell centre (rounded to pixel (1,3) for position (0,1)) misses image 1's pixel
        PointCloud narrow = Activations.cloud(ForegroundTopKStrategy.ID, Map.of("masks", file, "receptive-field", "1"), handBuilt(2));
        assertEquals(0, narrow.provenance().columnInMap(1), "all scores 0: the first position");
        PointCloud wide = Activations.cloud(ForegroundTopKStrategy.ID, Map.of("masks", file, "receptive-field", "2"), handBuilt(2));
        assertEquals(1, wide.provenance().columnInMap(1));
    }

    @Test
    void badMasksAreOneLineErrors() {
        Path outside = masks(2, 4, 4, new double[32]);
        double[] bad = new double[32];
        bad[5] = 1.5;
        Path range = masks(2, 4, 4, bad);
        Path few = masks(1, 4, 4, new double[16]);
        Map<Path, String> cases = new LinkedHashMap<>();
        cases.put(range, "mask value 1.5 at index 5 is not in [0, 1]");
        cases.put(few, "has 1 masks, none for image 1");
        cases.put(dir.resolve("missing.npy"), "missing.npy");
        for (var e : cases.entrySet()) {
            ToposcopeException x = assertThrows(ToposcopeException.class,
                    () -> Activations.cloud(ForegroundTopKStrategy.ID, Map.of("masks", e.getKey().toString()), handBuilt(1)));
            assertTrue(x.getMessage().contains(e.getValue()), x.getMessage());
            assertFalse(x.getMessage().contains("\n"), x.getMessage());
        }
        ToposcopeException required = assertThrows(ToposcopeException.class,
                () -> Activations.cloud(ForegroundTopKStrategy.ID, Map.of(), handBuilt(1)));
        assertTrue(required.getMessage().contains("'masks' is required"), required.getMessage());
        assertEquals(4, Activations.cloud(ForegroundTopKStrategy.ID, Map.of("masks", outside.toString(), "k", "2"), handBuilt(1)).size());
    }

    private Map<String, Map<String, String>> parametersForAll(int n, int h, int w) {
        double[] m = new double[n * h * w * 4];
        java.util.Random r = new java.util.Random(7);
        for (int i = 0; i < m.length; i++) {
            m[i] = r.nextDouble();
        }
        String file = masks(n, h * 2, w * 2, m).toString();
        Map<String, Map<String, String>> p = new LinkedHashMap<>();
        p.put(TopL2Strategy.ID, Map.of("normalise", "standardise"));
        p.put(SpatialSampleStrategy.ID, Map.of("count", "37", "seed", "3", "relu", "true"));
        p.put(RandomSpatialStrategy.ID, Map.of("k", "2", "seed", "3", "normalise", "unit"));
        p.put(ImageVectorStrategy.ID, Map.of());
        p.put(PooledStrategy.ID, Map.of("pool", "max"));
        p.put(RandomProjectionStrategy.ID, Map.of("dimensions", "7", "seed", "3"));
        p.put(ForegroundTopKStrategy.ID, Map.of("masks", file, "k", "3"));
        p.put(BackgroundTopKStrategy.ID, Map.of("masks", file, "k", "2", "receptive-field", "3"));
        assertEquals(Set.copyOf(IDS), p.keySet());
        return p;
    }

    @Test
    void noStrategyDependsOnTheBatchSize() {
        int[] shape = {11, 3, 4, 5};
        float[] v = Activations.random(5, 11 * 60);
        int[] labels = Activations.labels(11);
        for (var e : parametersForAll(11, 4, 5).entrySet()) {
            PointCloud whole = Activations.cloud(e.getKey(), e.getValue(), Activations.batches("conv", shape, v, labels, 11));
            for (int batch : new int[] {1, 2, 4, 10}) {
                PointCloud c = Activations.cloud(e.getKey(), e.getValue(), Activations.batches("conv", shape, v, labels, batch));
                assertEquals(whole, c, e.getKey() + " with batches of " + batch);
            }
        }
    }

    @Test
    void randomStrategiesAreDeterministicGivenTheSeed() {
        int[] shape = {9, 3, 4, 4};
        float[] v = Activations.random(6, 9 * 48);
        int[] labels = Activations.labels(9);
        Map<String, Map<String, String>> base = Map.of(SpatialSampleStrategy.ID, Map.of("count", "20"),
                RandomSpatialStrategy.ID, Map.of("k", "2"), RandomProjectionStrategy.ID, Map.of("dimensions", "6"));
        for (var e : base.entrySet()) {
            Map<String, String> one = new HashMap<>(e.getValue());
            one.put("seed", "1");
            Map<String, String> two = new HashMap<>(e.getValue());
            two.put("seed", "2");
            PointCloud a = Activations.cloud(e.getKey(), one, Activations.batches("conv", shape, v, labels, 3));
            PointCloud b = Activations.cloud(e.getKey(), one, Activations.batches("conv", shape, v, labels, 3));
            PointCloud c = Activations.cloud(e.getKey(), two, Activations.batches("conv", shape, v, labels, 3));
            assertEquals(a, b, e.getKey());
            assertNotEquals(a, c, e.getKey() + " with another seed");
        }
    }

    @Test
    void matchesNumpyOnRandomActivations() throws IOException, InterruptedException {
        int[] shape = {23, 6, 5, 7};
        float[] v = Activations.random(8, 23 * 6 * 35);
        Path in = dir.resolve("acts.npy");
        NpyWriter.write(in, shape, v);
        Python.reference("strategies", in.toString(), dir.toString());
        int[] labels = Activations.labels(23);
        List<LayerActivations> b = Activations.batches("conv", shape, v, labels, 4);
        check(NpyReader.readArray(dir.resolve("top_l2.npy")), Activations.cloud(TopL2Strategy.ID, Map.of(), b), 0);
        assertPositions(NpyReader.readArray(dir.resolve("top_l2_positions.npy")), Activations.cloud(TopL2Strategy.ID, Map.of(), b));
        PointCloud relu = Activations.cloud(TopL2Strategy.ID, Map.of("relu", "true"), b);
        check(NpyReader.readArray(dir.resolve("top_l2_relu.npy")), relu, 0);
        assertPositions(NpyReader.readArray(dir.resolve("top_l2_relu_positions.npy")), relu);
        check(NpyReader.readArray(dir.resolve("pooled_average.npy")), Activations.cloud(PooledStrategy.ID, Map.of(), b), 1e-12);
        check(NpyReader.readArray(dir.resolve("pooled_max.npy")), Activations.cloud(PooledStrategy.ID, Map.of("pool", "max"), b), 0);
        check(NpyReader.readArray(dir.resolve("image_vector.npy")), Activations.cloud(ImageVectorStrategy.ID, Map.of(), b), 0);
    }

    private static void check(NpyArray expected, PointCloud actual, double tolerance) {
        assertArrayEquals(new int[] {actual.size(), actual.dimension()}, expected.shape());
        double[] e = expected.values();
        double[] a = actual.coordinates();
        for (int i = 0; i < e.length; i++) {
            assertEquals(e[i], a[i], tolerance * Math.max(1, Math.abs(e[i])), actual.name() + " value " + i);
        }
    }

    private static void assertPositions(NpyArray expected, PointCloud actual) {
        for (int r = 0; r < actual.size(); r++) {
            assertEquals(expected.value(2 * r), actual.provenance().rowInMap(r), "row " + r);
            assertEquals(expected.value(2 * r + 1), actual.provenance().columnInMap(r), "row " + r);
            assertEquals(r, actual.provenance().imageId(r));
        }
    }

    @Test
    void nanEmptyAndChangingShapesAreOneLineErrorsNamingTheLayer() {
        float[] v = VALUES.clone();
        v[8 + 5] = Float.NaN;
        for (String id : List.of(TopL2Strategy.ID, ImageVectorStrategy.ID, PooledStrategy.ID)) {
            ToposcopeException e = assertThrows(ToposcopeException.class,
                    () -> Activations.cloud(id, Map.of(), Activations.batches("block3", SHAPE, v, LABELS, 1)));
            assertEquals("block3: image 1 has a NaN activation (value 5 of 8)", e.getMessage());
        }
        v[8 + 5] = Float.NEGATIVE_INFINITY;
        ToposcopeException inf = assertThrows(ToposcopeException.class,
                () -> Activations.cloud(TopL2Strategy.ID, Map.of("relu", "true"), Activations.batches("block3", SHAPE, v, LABELS, 2)));
        assertEquals("block3: image 1 has an infinite activation (value 5 of 8)", inf.getMessage());

        for (String id : IDS) {
            Map<String, String> p = id.endsWith("top-k") ? Map.of("masks", masks(2, 4, 4, new double[32]).toString()) : Map.of();
            var s = Activations.strategy(id);
            var builder = s.begin("empty", org.toposcope.core.Parameters.resolve(s, p));
            ToposcopeException e = assertThrows(ToposcopeException.class, builder::build);
            assertEquals("empty: strategy " + id + " was given no images", e.getMessage());
        }

        var s = Activations.strategy(TopL2Strategy.ID);
        var builder = s.begin("conv", org.toposcope.core.Parameters.defaults(s));
        builder.accept(handBuilt(2).get(0));
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> builder.accept(new LayerActivations("conv", new int[] {1, 2, 1, 4}, new float[8], 2, new int[1])));
        assertEquals("conv: a batch of 2 x 1 x 4 activations per image after batches of 2 x 2 x 2", e.getMessage());
    }
}
