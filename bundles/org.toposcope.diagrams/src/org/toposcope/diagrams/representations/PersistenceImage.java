package org.toposcope.diagrams.representations;

import java.util.Arrays;

import org.toposcope.core.model.PersistenceDiagram;

/**
 * Persistence image (Adams et al. 2017) in birth–persistence coordinates: each finite pair (b, d)
 * becomes (b, p = d - b) and contributes w(p) · N((b, p), σ²I) evaluated at the pixel grid points,
 * with the linear ramp weight w(p) = min(p / pMax, 1). Like {@code gudhi.representations.PersistenceImage},
 * the Gaussian is evaluated at the grid points (numpy.linspace of each range) rather than integrated.
 *
 * @param width  number of birth samples (columns)
 * @param height number of persistence samples (rows)
 * @param pixels row-major, row = persistence index, column = birth index: gudhi's flattening order
 */
public record PersistenceImage(int width, int height, double[] pixels) {

    /**
     * What to draw.
     *
     * @param birthMin          first birth sample
     * @param birthMax          last birth sample
     * @param width             number of birth samples
     * @param persistenceMin    first persistence sample
     * @param persistenceMax    last persistence sample
     * @param height            number of persistence samples
     * @param sigma             standard deviation of the Gaussian kernel
     * @param weightPersistence pMax of the weight ramp: pairs at least this persistent get weight 1
     */
    public record Spec(double birthMin, double birthMax, int width, double persistenceMin, double persistenceMax,
            int height, double sigma, double weightPersistence) {
        public Spec {
            if (!(sigma > 0) || !(weightPersistence > 0)) {
                throw new IllegalArgumentException("sigma and weightPersistence must be > 0: " + sigma + ", " + weightPersistence);
            }
        }
    }

    public PersistenceImage {
        pixels = pixels.clone();
        if (pixels.length != width * height) {
            throw new IllegalArgumentException(width + "x" + height + " image with " + pixels.length + " pixels");
        }
    }

    public double pixel(int row, int column) {
        return pixels[row * width + column];
    }

    @Override
    public double[] pixels() {
        return pixels.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PersistenceImage i && i.width == width && i.height == height && Arrays.equals(i.pixels, pixels);
    }

    @Override
    public int hashCode() {
        return width + 31 * Arrays.hashCode(pixels);
    }

    @Override
    public String toString() {
        return "PersistenceImage[" + width + "x" + height + "]";
    }

    public static PersistenceImage of(PersistenceDiagram.Dimension d, Spec spec) {
        double[] xs = Grid.linspace(spec.birthMin(), spec.birthMax(), spec.width());
        double[] ys = Grid.linspace(spec.persistenceMin(), spec.persistenceMax(), spec.height());
        int w = xs.length;
        int h = ys.length;
        double[] pixels = new double[w * h];
        double[] gx = new double[w];
        double[] gy = new double[h];
        double twoVar = 2 * spec.sigma() * spec.sigma();
        double norm = 1 / (Math.PI * twoVar);
        for (int p = 0; p < d.finiteCount(); p++) {
            double b = d.birth(p);
            double pers = d.death(p) - b;
            double weight = Math.min(pers / spec.weightPersistence(), 1) * norm;
            // the kernel is separable: w·h exponentials become w + h
            for (int c = 0; c < w; c++) {
                double dx = b - xs[c];
                gx[c] = Math.exp(-dx * dx / twoVar);
            }
            for (int r = 0; r < h; r++) {
                double dy = pers - ys[r];
                gy[r] = weight * Math.exp(-dy * dy / twoVar);
            }
            for (int r = 0; r < h; r++) {
                double fy = gy[r];
                int base = r * w;
                for (int c = 0; c < w; c++) {
                    pixels[base + c] += fy * gx[c];
                }
            }
        }
        return new PersistenceImage(w, h, pixels);
    }
}
