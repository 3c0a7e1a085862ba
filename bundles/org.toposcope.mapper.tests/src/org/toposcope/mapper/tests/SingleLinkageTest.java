package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.PointCloud;
import org.toposcope.mapper.cluster.SingleLinkage;

/** The first-gap cut of the merge-distance histogram on cases with a known answer. */
class SingleLinkageTest {

    @Test
    void firstEmptyBinSetsTheCut() {
        // merge distances 1, 1, 2, 2, 9 over [1, 9] in 4 bins of width 2: bins [1,3) [3,5) [5,7) [7,9] -> first empty at 3
        assertEquals(3.0, SingleLinkage.firstGap(new double[] {1, 2, 9, 1, 2}, 4));
        assertEquals(Double.POSITIVE_INFINITY, SingleLinkage.firstGap(new double[] {1, 2, 3, 4}, 4));
        assertEquals(Double.POSITIVE_INFINITY, SingleLinkage.firstGap(new double[] {2, 2}, 4));
    }

    @Test
    void twoGroupsOnALineSplitAtTheirGapAndEqualSpacingStaysWhole() {
        // 0 1 2 3 and 20 21 22: merge distances 1 x 5 and 17 -> gap above 1
        PointCloud groups = PointCloud.of("groups",
                new double[][] {{21}, {0}, {2}, {20}, {1}, {3}, {22}});
        SingleLinkage linkage = new SingleLinkage();
        assertArrayEquals(new int[] {0, 1, 1, 0, 1, 1, 0}, linkage.cluster(groups, Parameters.defaults(linkage)));
        PointCloud even = PointCloud.of("even", new double[][] {{0}, {1}, {2}, {3}, {4}});
        assertArrayEquals(new int[5], linkage.cluster(even, Parameters.defaults(linkage)));
        // one bin has no gap at all, so even the separated groups stay one cluster
        assertArrayEquals(new int[7], linkage.cluster(groups, Parameters.resolve(linkage, Map.of("bins", "1"))));
    }
}
