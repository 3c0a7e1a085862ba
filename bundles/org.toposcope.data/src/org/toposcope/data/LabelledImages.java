package org.toposcope.data;

/**
 * Images with one label each, as in MNIST: {@code count} images of {@code rows × cols} unsigned-byte
 * pixels, image after image, row after row, and a label 0 to 255 per image. The arrays are shared,
 * not copied, so a training set is held once; treat them as read-only.
 */
public record LabelledImages(int count, int rows, int cols, byte[] pixels, int[] labels) {

    public LabelledImages {
        if (count < 0 || rows < 0 || cols < 0) {
            throw new IllegalArgumentException("negative size " + count + "×" + rows + "×" + cols);
        }
        if ((long) count * rows * cols != pixels.length) {
            throw new IllegalArgumentException(pixels.length + " pixels are not " + count + " images of " + rows + "×" + cols);
        }
        if (labels.length != count) {
            throw new IllegalArgumentException(labels.length + " labels for " + count + " images");
        }
        for (int label : labels) {
            if (label < 0 || label > 255) {
                throw new IllegalArgumentException("label " + label + " is not in 0..255");
            }
        }
    }

    /** The pixel at ({@code row}, {@code col}) of image {@code image}, 0 to 255. */
    public int pixel(int image, int row, int col) {
        return pixels[(image * rows + row) * cols + col] & 0xff;
    }

    public int label(int image) {
        return labels[image];
    }
}
