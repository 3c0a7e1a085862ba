package org.toposcope.mapper.cover;

import java.util.Arrays;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.spi.Cover;

/**
 * Balanced intervals: the uniform construction is laid over ranks 0..n-1 of each column's sorted values
 * instead of over the values, and each rank interval [a, b] becomes the value interval
 * [sorted(ceil a), sorted(floor b)]. Equal values therefore always share their sets; an interval equal to
 * its predecessor (many ties) stays empty rather than duplicating nodes.
 */
@Component(service = Cover.class)
public final class QuantileCover implements Cover {

    public static final String ID = "quantile";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "overlapping intervals holding equal numbers of points (by quantiles) per lens column";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return Intervals.PARAMETERS;
    }

    @Override
    public List<int[]> cover(Matrix lensValues, Parameters parameters) {
        int n = Intervals.count(parameters, ID);
        double overlap = parameters.real("overlap");
        Intervals.requireColumns(lensValues, ID);
        int rows = lensValues.rows();
        double[][][] bounds = new double[lensValues.columns()][][];
        double[] sorted = new double[rows];
        for (int c = 0; c < bounds.length; c++) {
            for (int r = 0; r < rows; r++) {
                sorted[r] = lensValues.get(r, c);
            }
            Arrays.sort(sorted);
            double[][] ranks = Intervals.uniform(0, Math.max(rows - 1, 0), n, overlap);
            double[] start = new double[n];
            double[] end = new double[n];
            for (int i = 0; i < n; i++) {
                if (rows == 0) {
                    continue;
                }
                int a = (int) Math.min(rows - 1, Math.ceil(ranks[0][i] - 1e-9));
                int b = (int) Math.max(a, Math.floor(ranks[1][i] + 1e-9));
                start[i] = sorted[a];
                end[i] = sorted[Math.min(b, rows - 1)];
            }
            bounds[c] = new double[][] {start, end};
        }
        return Intervals.product(lensValues, bounds, ID);
    }
}
