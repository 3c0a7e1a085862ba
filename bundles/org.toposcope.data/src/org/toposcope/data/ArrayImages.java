package org.toposcope.data;

import java.io.IOException;
import java.nio.channels.SeekableByteChannel;
import java.util.List;
import java.util.Optional;

import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.Dataset;

/** What the npy and npz readers share: images and labels from checked .npy layouts. */
final class ArrayImages {

    static final ParameterSpec LAYOUT = ParameterSpec.choice("layout", "nchw",
            "axis order of a 4-D image array: nchw (channels first, as PyTorch) or nhwc (channels last)", "nchw", "nhwc");

    /** Labels beyond this are more likely a wrong array than classes. */
    static final int MAX_CLASSES = 1 << 16;

    /** Opens a fresh channel on the stored .npy bytes for one batch. */
    @FunctionalInterface
    interface Source {
        SeekableByteChannel open() throws IOException;
    }

    private ArrayImages() {
    }

    /** The image shape C x H x W of an (N, H, W) or (N, C, H, W) / (N, H, W, C) array. */
    static int[] imageShape(NpyReader.Layout images, boolean channelsLast) {
        long[] s = images.header().shape();
        String what = images.name() + ": images";
        if (s.length != 3 && s.length != 4) {
            throw new ToposcopeException(what + " need shape (N, H, W) or " + (channelsLast ? "(N, H, W, C)" : "(N, C, H, W)")
                    + ", this array has " + NpyHeader.format(s));
        }
        if (images.type() != NpyReader.Type.U1 && images.type() != NpyReader.Type.F4 && images.type() != NpyReader.Type.F8) {
            throw new ToposcopeException(what + " need dtype uint8 (scaled by 1/255) or float32/float64, this array has "
                    + images.header().descr());
        }
        if (images.header().fortranOrder() && s.length > 1) {
            throw new ToposcopeException(what + " in Fortran order are not read; save np.ascontiguousarray(images)");
        }
        int[] shape = s.length == 3 ? new int[] {1, (int) s[1], (int) s[2]}
                : channelsLast ? new int[] {(int) s[3], (int) s[1], (int) s[2]} : new int[] {(int) s[1], (int) s[2], (int) s[3]};
        for (int d : shape) {
            if (d == 0) {
                throw new ToposcopeException(what + " of shape " + NpyHeader.format(s) + " are empty");
            }
        }
        StoredDataset.imageSize(images.name(), shape);
        return shape;
    }

    /** Labels of a 1-D integer array with one entry per image. */
    static int[] labels(SeekableByteChannel channel, NpyReader.Layout labels, long imageCount) throws IOException {
        long[] s = labels.header().shape();
        if (s.length != 1 || s[0] != imageCount) {
            throw new ToposcopeException(labels.name() + ": labels need shape (" + imageCount + ",), one per image; this array has "
                    + NpyHeader.format(s));
        }
        if (labels.type() == NpyReader.Type.F4 || labels.type() == NpyReader.Type.F8) {
            throw new ToposcopeException(labels.name() + ": labels need an integer dtype, this array has " + labels.header().descr());
        }
        double[] v = NpyReader.values(channel, labels, false);
        int[] out = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] >= MAX_CLASSES) {
                throw new ToposcopeException(labels.name() + ": byte " + (labels.dataOffset() + (long) i * labels.type().bytes)
                        + ": label " + (long) v[i] + " of image " + i + " is not in 0.." + (MAX_CLASSES - 1));
            }
            out[i] = (int) v[i];
        }
        return out;
    }

    static Dataset dataset(String name, NpyReader.Layout images, boolean channelsLast, int[] labels, Parameters p,
            Source source) {
        int[] shape = imageShape(images, channelsLast);
        int maxLabel = -1;
        for (int l : labels) {
            maxLabel = Math.max(maxLabel, l);
        }
        String choice = p.text("classes");
        List<String> classNames = choice.equals("auto") ? ClassNames.numbers(maxLabel + 1) : ClassNames.named(choice, maxLabel + 1);
        StoredDataset.checkLabels(labels, classNames.size(), i -> name);
        int imageSize = StoredDataset.imageSize(name, shape);
        float divisor = images.type() == NpyReader.Type.U1 ? 255f : 1f;
        return new StoredDataset(name, shape, classNames,
                SuperClassMaps.resolve(p.text("super-classes"), classNames, Optional.empty()), labels, (first, count, out) -> {
                    try (SeekableByteChannel channel = source.open()) {
                        if (!channelsLast || shape[0] == 1) {
                            NpyReader.floats(channel, images, (long) first * imageSize, count * imageSize, divisor, out, 0);
                            return;
                        }
                        float[] hwc = new float[imageSize];
                        int c = shape[0];
                        int plane = shape[1] * shape[2];
                        for (int i = 0; i < count; i++) {
                            NpyReader.floats(channel, images, (long) (first + i) * imageSize, imageSize, divisor, hwc, 0);
                            for (int q = 0, k = i * imageSize; q < plane; q++) {
                                for (int ch = 0; ch < c; ch++) {
                                    out[k + ch * plane + q] = hwc[q * c + ch];
                                }
                            }
                        }
                    }
                });
    }
}
