package org.toposcope.core.model;

import java.util.List;
import java.util.Objects;

/**
 * A grouping of classes into super-classes (CIFAR-10: vehicles and animals): {@code ofClass[label]} is
 * the index into {@code names} of that class's super-class.
 */
public record SuperClasses(String name, List<String> names, int[] ofClass) {

    public SuperClasses {
        Objects.requireNonNull(name, "name");
        names = List.copyOf(names);
        ofClass = ofClass.clone();
        for (int i = 0; i < ofClass.length; i++) {
            if (ofClass[i] < 0 || ofClass[i] >= names.size()) {
                throw new IllegalArgumentException(name + ": class " + i + " maps to super-class " + ofClass[i]
                        + ", not one of 0.." + (names.size() - 1));
            }
        }
    }

    public int superClassOf(int label) {
        return ofClass[label];
    }

    @Override
    public int[] ofClass() {
        return ofClass.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SuperClasses s && s.name.equals(name) && s.names.equals(names)
                && java.util.Arrays.equals(s.ofClass, ofClass);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + java.util.Arrays.hashCode(ofClass);
    }
}
