package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;
import org.toposcope.ph.VietorisRipsReferenceTest.Case;

/** The backend's {@code threads} parameter: 1, 2 and 4 threads give one diagram, ripser's. */
class ParallelBackendTest {

    private final VietorisRipsBackend backend = new VietorisRipsBackend();

    @TempDir
    Path dir;

    private PersistenceDiagram compute(Case c, int threads) {
        Map<String, String> p = new HashMap<>(Map.of("max-dimension", Integer.toString(c.maxDim()), "metric", c.metric(),
                "threads", Integer.toString(threads)));
        if (!c.threshold().equals("enclosing")) {
            p.put("threshold", c.threshold());
        }
        return backend.compute(PointCloud.of(c.name(), c.points()), Parameters.resolve(backend, p), Progress.none());
    }

    private void assertThreadsAgreeWithEachOtherAndRipser(Case c) throws Exception {
        PersistenceDiagram one = compute(c, 1);
        assertEquals(one, compute(c, 2), c.name() + ": 2 threads");
        PersistenceDiagram four = compute(c, 4);
        assertEquals(one, four, c.name() + ": 4 threads");
        if (c.ripserCanRun()) {
            Path file = dir.resolve(c.name() + ".csv");
            Files.write(file, Arrays.stream(c.points()).map(p -> Arrays.stream(p).mapToObj(ReferenceDiagrams::format)
                    .collect(Collectors.joining(","))).toList());
            VietorisRipsReferenceTest.assertSameDiagram(c, ReferenceDiagrams.ripser(file, "point-cloud", c.maxDim(), c.threshold()),
                    four, VietorisRipsReferenceTest.RIPSER_TOLERANCE, c.ripserAbsoluteTolerance(), "ripser");
        }
    }

    @TestFactory
    Stream<DynamicTest> referenceClouds() {
        return VietorisRipsReferenceTest.cases().stream().map(c -> DynamicTest.dynamicTest(c.name(),
                () -> assertThreadsAgreeWithEachOtherAndRipser(c)));
    }

    /**
     * Large enough for several batches of the default size in dimension 2. (Not O(3) near distance 2, where
     * ripser's float32 distances tie edges that differ in double precision and pair them differently.)
     */
    @Test
    void aCloudOfManyBatches() throws Exception {
        assertThreadsAgreeWithEachOtherAndRipser(new Case("gaussian-300-r4", VietorisRipsReferenceTest.gaussian(new Random(9), 300, 4),
                "euclidean", 2, "1.9"));
    }
}
