package org.toposcope.core.model;

import java.util.Arrays;
import java.util.Objects;

/** A layer a model can report: its name and the shape of one image's activations (C x H x W or D). */
public record LayerInfo(String name, int[] shapePerImage) {

    public LayerInfo {
        Objects.requireNonNull(name, "name");
        shapePerImage = shapePerImage.clone();
    }

    @Override
    public int[] shapePerImage() {
        return shapePerImage.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LayerInfo l && l.name.equals(name) && Arrays.equals(l.shapePerImage, shapePerImage);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(shapePerImage);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shapePerImage);
    }
}
