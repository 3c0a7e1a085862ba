package org.toposcope.mapper.cover;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.spi.Cover;

/**
 * Equal-length closed intervals spanning [min, max] of each lens column, neighbours overlapping by the
 * given fraction of their length; a k-column lens is covered by the product of its columns' intervals.
 * A constant column puts every point in its first interval (the others repeat it and stay empty).
 */
@Component(service = Cover.class)
public final class UniformCover implements Cover {

    public static final String ID = "uniform";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "equal overlapping intervals per lens column (product for several columns)";
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
        double[][][] bounds = new double[lensValues.columns()][][];
        for (int c = 0; c < bounds.length; c++) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (int r = 0; r < lensValues.rows(); r++) {
                lo = Math.min(lo, lensValues.get(r, c));
                hi = Math.max(hi, lensValues.get(r, c));
            }
            if (lensValues.rows() == 0) {
                lo = 0;
                hi = 0;
            }
            bounds[c] = Intervals.uniform(lo, hi, n, overlap);
        }
        return Intervals.product(lensValues, bounds, ID);
    }
}
