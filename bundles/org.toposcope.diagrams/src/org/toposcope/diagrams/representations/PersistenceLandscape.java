package org.toposcope.diagrams.representations;

import java.util.Arrays;

import org.toposcope.core.model.PersistenceDiagram;

/**
 * Persistence landscapes (Bubenik 2015) sampled on a grid: λ_k(x) is the k-th largest of the tents
 * max(0, min(x - birth, death - x)) over the finite pairs (essential classes are ignored). Note that
 * {@code gudhi.representations.Landscape} returns these values multiplied by √2 (tents measured in the
 * rotated frame); we keep Bubenik's definition.
 *
 * @param grid   the sample values
 * @param levels number of landscapes k = 1..levels
 * @param values level-major: λ_(k+1)(grid[i]) at {@code k * grid.length + i}, the layout gudhi uses
 */
public record PersistenceLandscape(double[] grid, int levels, double[] values) {

    public PersistenceLandscape {
        grid = grid.clone();
        values = values.clone();
        if (values.length != levels * grid.length) {
            throw new IllegalArgumentException(levels + " levels on " + grid.length + " samples, " + values.length + " values");
        }
    }

    /** λ_level(grid[i]), level counted from 1. */
    public double value(int level, int i) {
        return values[(level - 1) * grid.length + i];
    }

    @Override
    public double[] grid() {
        return grid.clone();
    }

    @Override
    public double[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersistenceLandscape l && l.levels == levels && Arrays.equals(l.grid, grid)
                && Arrays.equals(l.values, values);
    }

    @Override
    public int hashCode() {
        return levels + 31 * Arrays.hashCode(values);
    }

    @Override
    public String toString() {
        return "PersistenceLandscape[" + levels + " levels x " + grid.length + " samples]";
    }

    /** The first {@code levels} landscapes of {@code d} at each value of {@code grid}. */
    public static PersistenceLandscape sample(PersistenceDiagram.Dimension d, int levels, double[] grid) {
        if (levels < 1) {
            throw new IllegalArgumentException("levels must be >= 1, not " + levels);
        }
        int n = d.finiteCount();
        int samples = grid.length;
        double[] values = new double[levels * samples];
        double[] top = new double[levels]; // the largest tents at one x, descending
        for (int i = 0; i < samples; i++) {
            double x = grid[i];
            Arrays.fill(top, 0);
            for (int p = 0; p < n; p++) {
                double tent = Math.min(x - d.birth(p), d.death(p) - x);
                if (tent > top[levels - 1]) { // insertion into the sorted top-k; zeros never enter
                    int k = levels - 1;
                    while (k > 0 && top[k - 1] < tent) {
                        top[k] = top[k - 1];
                        k--;
                    }
                    top[k] = tent;
                }
            }
            for (int k = 0; k < levels; k++) {
                values[k * samples + i] = top[k];
            }
        }
        return new PersistenceLandscape(grid, levels, values);
    }
}
