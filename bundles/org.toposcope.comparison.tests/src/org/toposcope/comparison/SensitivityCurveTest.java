package org.toposcope.comparison;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;

class SensitivityCurveTest {

    /** A unit circle (radial noise 0.03) in a random plane of R^12, noise 0.02 in the 10 other directions. */
    private static final PointCloud CIRCLE = Clouds.circle("circle", new Random(2021), 120, 12, 1.0, 0.03, 0.02);

    private static double longestBar(PersistenceDiagram.Dimension h) {
        double longest = 0;
        for (int i = 0; i < h.finiteCount(); i++) {
            longest = Math.max(longest, h.death(i) - h.birth(i));
        }
        return longest;
    }

    @Test
    void smallDirectionsBarelyMatterLargeOnesDestroyTheLoop() {
        FiltrationBackend rips = Components.rips();
        Parameters ripsParameters = Components.defaults(rips);
        DiagramMetric bottleneck = Components.metric("bottleneck");
        Parameters none = Components.defaults(bottleneck);
        LayerSimilarity cka = Components.similarity("linear-cka");
        AtomicLong units = new AtomicLong();
        SensitivityCurve curve = SensitivityCurve.compute(CIRCLE, 4, rips, ripsParameters, bottleneck, none, Dimensions.H1,
                cka, Components.defaults(cka), LayerDistancesTest.counting(units, Long.MAX_VALUE));
        assertEquals(4, units.get(), "original diagram + 3 values of k");
        assertEquals("circle", curve.layer());
        assertArrayEquals(new int[] { 0, 4, 8 }, curve.removed());
        assertArrayEquals(new double[] { 0, 4 / 12.0, 8 / 12.0 }, curve.fractionRemoved());
        assertEquals(0.0, curve.diagramDistance()[0]);
        assertEquals(1.0, curve.similarity()[0], 1e-12);

        PersistenceDiagram original = rips.compute(CIRCLE, ripsParameters, Progress.none());
        double loop = longestBar(original.dimension(1));
        assertTrue(loop > 1.0, "the circle's loop lives long: " + loop);
        // 8 of the 10 noise directions gone: H1 hardly moves and the cloud stays linearly the same
        assertTrue(curve.diagramDistance()[2] < 0.05 * loop, "distance after 8: " + curve.diagramDistance()[2]);
        assertTrue(curve.similarity()[2] > 0.99, "CKA after 8: " + curve.similarity()[2]);
        assertTrue(curve.diagramDistance()[1] <= curve.diagramDistance()[2] + 0.02 * loop);

        // one direction left: the points lie on a line, the loop is gone, bottleneck cost = half its length
        PointCloud line = PrincipalDirections.deleteSmallest(CIRCLE, 11);
        PersistenceDiagram flat = rips.compute(line, ripsParameters, Progress.none());
        assertTrue(longestBar(flat.dimension(1)) < 0.05 * loop, "H1 of the line: " + longestBar(flat.dimension(1)));
        double destroyed = LayerDistances.distance(original, flat, bottleneck, none, Dimensions.H1);
        assertTrue(destroyed > 0.45 * loop, "distance after 11: " + destroyed + ", loop " + loop);
        assertTrue(destroyed > 10 * curve.diagramDistance()[2]);
    }

    @Test
    void stepsCoverEveryKBelowTheRank() {
        FiltrationBackend rips = Components.rips();
        DiagramMetric sw = Components.metric("sliced-wasserstein");
        LayerSimilarity cka = Components.similarity("linear-cka");
        PointCloud wide = Clouds.gaussian("wide", new Random(9), 7, 12); // r = 7
        SensitivityCurve curve = SensitivityCurve.compute(wide, 3, rips, Components.defaults(rips), sw,
                Components.defaults(sw), Dimensions.BOTH, cka, Components.defaults(cka), Progress.none());
        assertArrayEquals(new int[] { 0, 3, 6 }, curve.removed());
        assertArrayEquals(new double[] { 0, 3 / 7.0, 6 / 7.0 }, curve.fractionRemoved());
        for (int i = 0; i < 3; i++) {
            PointCloud reduced = PrincipalDirections.deleteSmallest(wide, curve.removed()[i]);
            double expected = LayerDistances.distance(rips.compute(wide, Components.defaults(rips), Progress.none()),
                    rips.compute(reduced, Components.defaults(rips), Progress.none()), sw, Components.defaults(sw),
                    Dimensions.BOTH);
            assertEquals(expected, curve.diagramDistance()[i], "k = " + curve.removed()[i]);
            assertEquals(cka.similarity(wide, reduced, Components.defaults(cka), Progress.none()), curve.similarity()[i]);
        }
        SensitivityCurve single = SensitivityCurve.compute(wide, 7, rips, Components.defaults(rips), sw,
                Components.defaults(sw), Dimensions.H0, cka, Components.defaults(cka), Progress.none());
        assertArrayEquals(new int[] { 0 }, single.removed());
    }

    @Test
    void badStepIsOneLineAndCancelStops() {
        FiltrationBackend rips = Components.rips();
        DiagramMetric sw = Components.metric("sliced-wasserstein");
        LayerSimilarity cka = Components.similarity("linear-cka");
        ToposcopeException step = assertThrows(ToposcopeException.class, () -> SensitivityCurve.compute(CIRCLE, 0, rips,
                Components.defaults(rips), sw, Components.defaults(sw), Dimensions.H1, cka, Components.defaults(cka),
                Progress.none()));
        assertEquals("circle: sensitivity step must be >= 1, not 0", step.getMessage());
        AtomicLong units = new AtomicLong();
        assertThrows(org.toposcope.core.CancelledException.class, () -> SensitivityCurve.compute(CIRCLE, 1, rips,
                Components.defaults(rips), sw, Components.defaults(sw), Dimensions.H1, cka, Components.defaults(cka),
                LayerDistancesTest.counting(units, 2)));
        assertEquals(2, units.get());
    }
}
