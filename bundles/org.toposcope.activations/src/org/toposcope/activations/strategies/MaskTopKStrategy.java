package org.toposcope.activations.strategies;

import java.nio.file.Path;
import java.util.List;

import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.data.NpyArray;
import org.toposcope.data.NpyReader;

/**
 * Spatial activations ranked by how much of the image's foreground (or background) they see: each
 * position's window of input pixels (its cell of the input grid, or a square of {@code receptive-field}
 * pixels around the cell's centre) is scored by the mean of a per-image mask (1 = foreground), and the
 * {@code k} best positions of each image give k rows; ties go to the first position in row-major order.
 */
abstract class MaskTopKStrategy extends BaseStrategy {

    static final ParameterSpec MASKS = ParameterSpec.text("masks", null,
            ".npy of N x H x W (or N x 1 x H x W) masks in [0, 1] at input resolution, 1 = foreground, indexed by image id");
    static final ParameterSpec K = ParameterSpec.integer("k", 1, "positions kept per image");
    static final ParameterSpec RECEPTIVE_FIELD = ParameterSpec.integer("receptive-field", 0,
            "side in input pixels of the square each position sees, centred on its cell; 0 = the position's cell of the input grid");

    /** True to rank by foreground, false by background. */
    abstract boolean foreground();

    @Override
    boolean needsPositions() {
        return true;
    }

    @Override
    List<ParameterSpec> ownParameters() {
        return List.of(MASKS, K, RECEPTIVE_FIELD);
    }

    @Override
    Collector builder(String layer, Parameters parameters) {
        int k = parameters.integer("k");
        int field = parameters.integer("receptive-field");
        if (k < 1) {
            throw new ToposcopeException(layer + ": " + id() + " needs k >= 1, got " + k);
        }
        if (field < 0) {
            throw new ToposcopeException(layer + ": " + id() + " needs receptive-field >= 0, got " + field);
        }
        Path file = Path.of(parameters.text("masks"));
        Masks masks = Masks.read(file);
        return new Collector(layer, parameters) {
            private Rows rows;
            private int[] top, bottom, left, right;
            private double[] integral;
            private double[] score;
            private boolean[] taken;

            @Override
            void started(Layout l) {
                if (k > l.positions()) {
                    throw new ToposcopeException(layer + ": " + id() + " asks for k = " + k + " positions per image but the feature map has "
                            + l.positions() + " (" + l.height() + " x " + l.width() + ")");
                }
                top = new int[l.height()];
                bottom = new int[l.height()];
                left = new int[l.width()];
                right = new int[l.width()];
                windows(l.height(), masks.height, top, bottom);
                windows(l.width(), masks.width, left, right);
                integral = new double[(masks.height + 1) * (masks.width + 1)];
                score = new double[l.positions()];
                taken = new boolean[l.positions()];
                rows = new Rows(l.channels(), 1024);
            }

            /** Input pixel ranges [from, to) seen by each of {@code cells} map positions along an input side of {@code pixels}. */
            private void windows(int cells, int pixels, int[] from, int[] to) {
                for (int r = 0; r < cells; r++) {
                    int a;
                    int b;
                    if (field == 0) {
                        a = (int) ((long) r * pixels / cells);
                        b = (int) ((long) (r + 1) * pixels / cells);
                        b = Math.max(b, a + 1); // more positions than pixels: each still sees one
                    } else {
                        double centre = (r + 0.5) * pixels / cells;
                        a = (int) Math.round(centre - field / 2.0);
                        b = a + field;
                    }
                    from[r] = Math.max(0, Math.min(a, pixels - 1));
                    to[r] = Math.max(from[r] + 1, Math.min(b, pixels));
                }
            }

            @Override
            void batch(float[] v, int n, int first, int[] labels) {
                int c = layout.channels();
                int p = layout.positions();
                int w = layout.width();
                int mw = masks.width + 1;
                for (int i = 0; i < n; i++) {
                    int image = first + i;
                    if (image >= masks.count) {
                        throw new ToposcopeException(masks.name + ": has " + masks.count + " masks, none for image " + image);
                    }
                    // summed-area table of this image's mask, so each window's sum is four look-ups
                    int base = image * masks.height * masks.width;
                    for (int y = 0; y < masks.height; y++) {
                        double rowSum = 0;
                        for (int x = 0; x < masks.width; x++) {
                            rowSum += masks.values[base + y * masks.width + x];
                            integral[(y + 1) * mw + x + 1] = integral[y * mw + x + 1] + rowSum;
                        }
                    }
                    for (int q = 0; q < p; q++) {
                        int r = q / w;
                        int col = q % w;
                        double sum = integral[bottom[r] * mw + right[col]] - integral[top[r] * mw + right[col]]
                                - integral[bottom[r] * mw + left[col]] + integral[top[r] * mw + left[col]];
                        double fraction = sum / ((bottom[r] - top[r]) * (right[col] - left[col]));
                        score[q] = foreground() ? fraction : 1 - fraction;
                        taken[q] = false;
                    }
                    for (int j = 0; j < k; j++) {
                        int best = -1;
                        for (int q = 0; q < p; q++) {
                            if (!taken[q] && (best < 0 || score[q] > score[best])) {
                                best = q;
                            }
                        }
                        taken[best] = true;
                        rows.appendStrided(v, i * c * p + best, p, image, labels[i], best / w, best % w);
                    }
                }
            }

            @Override
            Rows rows() {
                return rows;
            }
        };
    }

    /** The masks as floats, N x H x W. */
    private record Masks(String name, int count, int height, int width, float[] values) {

        static Masks read(Path file) {
            NpyArray a = NpyReader.readArray(file);
            String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
            int[] s = a.shape();
            boolean singleChannel = s.length == 4 && s[1] == 1;
            if (s.length != 3 && !singleChannel) {
                throw new ToposcopeException(name + ": masks must be N x H x W or N x 1 x H x W, this array is "
                        + java.util.Arrays.toString(s));
            }
            int h = s[s.length - 2];
            int w = s[s.length - 1];
            if (h == 0 || w == 0) {
                throw new ToposcopeException(name + ": masks of " + h + " x " + w + " pixels are empty");
            }
            double[] d = a.values();
            float[] values = new float[d.length];
            for (int i = 0; i < d.length; i++) {
                if (!(d[i] >= 0 && d[i] <= 1)) {
                    throw new ToposcopeException(name + ": mask value " + d[i] + " at index " + i + " is not in [0, 1]");
                }
                values[i] = (float) d[i];
            }
            return new Masks(name, s[0], h, w, values);
        }
    }
}
