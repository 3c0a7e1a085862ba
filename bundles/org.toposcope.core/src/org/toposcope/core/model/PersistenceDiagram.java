package org.toposcope.core.model;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Persistence diagram of one filtration, split by homology dimension. Each dimension holds its finite
 * (birth, death) pairs and the births of its essential classes, which never die.
 */
public record PersistenceDiagram(String name, List<Dimension> dimensions) {

    public PersistenceDiagram {
        Objects.requireNonNull(name, "name");
        dimensions = List.copyOf(dimensions);
        for (int k = 0; k < dimensions.size(); k++) {
            if (dimensions.get(k).dimension() != k) {
                throw new IllegalArgumentException(name + ": dimension " + k + " is listed as " + dimensions.get(k).dimension());
            }
        }
    }

    public int maxDimension() {
        return dimensions.size() - 1;
    }

    /** The part of dimension {@code k}; an empty part when the diagram was not computed that far. */
    public Dimension dimension(int k) {
        return k < dimensions.size() ? dimensions.get(k) : Dimension.empty(k);
    }

    /**
     * Pairs of one homology dimension.
     *
     * @param births          finite births, parallel to {@code deaths}
     * @param deaths          finite deaths, each {@code >= } its birth
     * @param essentialBirths births of classes that never die
     */
    public record Dimension(int dimension, double[] births, double[] deaths, double[] essentialBirths) {

        public Dimension {
            if (births.length != deaths.length) {
                throw new IllegalArgumentException("H" + dimension + ": " + births.length + " births, " + deaths.length + " deaths");
            }
            for (int i = 0; i < births.length; i++) {
                if (!(deaths[i] >= births[i]) || Double.isInfinite(deaths[i]) || Double.isNaN(births[i])) {
                    throw new IllegalArgumentException("H" + dimension + ": pair " + i + " is not finite with death >= birth: ("
                            + births[i] + ", " + deaths[i] + ")");
                }
            }
            births = births.clone();
            deaths = deaths.clone();
            essentialBirths = essentialBirths.clone();
        }

        public static Dimension empty(int dimension) {
            return new Dimension(dimension, new double[0], new double[0], new double[0]);
        }

        public int finiteCount() {
            return births.length;
        }

        public double birth(int i) {
            return births[i];
        }

        public double death(int i) {
            return deaths[i];
        }

        @Override
        public double[] births() {
            return births.clone();
        }

        @Override
        public double[] deaths() {
            return deaths.clone();
        }

        @Override
        public double[] essentialBirths() {
            return essentialBirths.clone();
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Dimension d && d.dimension == dimension && Arrays.equals(d.births, births)
                    && Arrays.equals(d.deaths, deaths) && Arrays.equals(d.essentialBirths, essentialBirths);
        }

        @Override
        public int hashCode() {
            return dimension + 31 * (Arrays.hashCode(births) + 31 * Arrays.hashCode(deaths));
        }

        @Override
        public String toString() {
            return "H" + dimension + "[" + births.length + " finite, " + essentialBirths.length + " essential]";
        }
    }
}
