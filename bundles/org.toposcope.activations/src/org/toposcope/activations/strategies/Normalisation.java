package org.toposcope.activations.strategies;

/** What is done to the finished cloud's rows: nothing, each row scaled to unit length, or each column to mean 0 and deviation 1. */
enum Normalisation {
    NONE, UNIT, STANDARDISE;

    static final String[] CHOICES = {"none", "unit", "standardise"};

    static Normalisation of(String choice) {
        return switch (choice) {
            case "unit" -> UNIT;
            case "standardise" -> STANDARDISE;
            default -> NONE;
        };
    }

    void apply(double[] c, int rows, int dimension) {
        switch (this) {
            case NONE -> {
            }
            case UNIT -> {
                for (int r = 0; r < rows; r++) {
                    double sum = 0;
                    for (int j = 0; j < dimension; j++) {
                        sum += c[r * dimension + j] * c[r * dimension + j];
                    }
                    // a zero row has no direction; it stays at the origin
                    if (sum > 0) {
                        double scale = 1 / Math.sqrt(sum);
                        for (int j = 0; j < dimension; j++) {
                            c[r * dimension + j] *= scale;
                        }
                    }
                }
            }
            case STANDARDISE -> {
                for (int j = 0; j < dimension; j++) {
                    double mean = 0;
                    for (int r = 0; r < rows; r++) {
                        mean += c[r * dimension + j];
                    }
                    mean /= rows;
                    double variance = 0;
                    for (int r = 0; r < rows; r++) {
                        double d = c[r * dimension + j] - mean;
                        variance += d * d;
                    }
                    double deviation = Math.sqrt(variance / rows);
                    // a constant column carries no information; centring it to 0 keeps it harmless
                    double scale = deviation > 0 ? 1 / deviation : 0;
                    for (int r = 0; r < rows; r++) {
                        c[r * dimension + j] = (c[r * dimension + j] - mean) * scale;
                    }
                }
            }
        }
    }
}
