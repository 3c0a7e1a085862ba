package org.toposcope.masks;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.core.spi.Dataset;

/** A small in-memory data set of N x C x H x W floats, for images made in a test. */
record ArrayDataset(String name, int[] shape, float[] values) implements Dataset {

    @Override
    public int size() {
        return shape[0];
    }

    @Override
    public int[] imageShape() {
        return new int[] {shape[1], shape[2], shape[3]};
    }

    @Override
    public List<String> classNames() {
        return List.of("0");
    }

    @Override
    public Optional<SuperClasses> superClasses() {
        return Optional.empty();
    }

    @Override
    public ImageBatch read(int first, int count) {
        int n = Math.max(0, Math.min(count, size() - first));
        int per = shape[1] * shape[2] * shape[3];
        return new ImageBatch(first, new int[] {n, shape[1], shape[2], shape[3]},
                Arrays.copyOfRange(values, first * per, (first + n) * per), new int[n]);
    }
}
