package org.toposcope.data;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;

/**
 * Data-set decorators (per-channel normalisation, Gaussian input noise) and direct access to this
 * bundle's readers for callers outside a registry.
 */
public final class Datasets {

    private Datasets() {
    }

    /** This bundle's readers, in the order {@link #open(Path, Map)} tries them. */
    public static List<DatasetReader> readers() {
        return List.of(new IdxDatasetReader(), new CifarBinaryReader(), new NpzDatasetReader(), new NpyDatasetReader(),
                new ImageFolderReader());
    }

    /** Opens {@code path} with the first of {@link #readers()} that recognises it. */
    public static Dataset open(Path path, Map<String, String> parameters) {
        if (!java.nio.file.Files.exists(path)) {
            throw new ToposcopeException(Inputs.name(path) + ": no such file or folder");
        }
        for (DatasetReader r : readers()) {
            if (r.canRead(path)) {
                return r.open(path, Parameters.resolve(r, parameters));
            }
        }
        throw new ToposcopeException(Inputs.name(path) + ": not a data set any reader recognises (IDX, CIFAR binary, "
                + ".npy, .npz, or a folder of class folders of images)");
    }

    /** {@code (x - mean[c]) / std[c]} per channel c; one mean and std apply to every channel. */
    public static Dataset normalised(Dataset dataset, double[] mean, double[] std) {
        return normalised(dataset, new Normalisation(dataset.name(), mean, std));
    }

    public static Dataset normalised(Dataset dataset, Normalisation n) {
        Normalisation.Kernel kernel = n.kernel(dataset.imageShape()[0], dataset.name());
        return new Decorated(dataset, dataset.name()) {
            @Override
            void transform(int image, float[] v, int offset, int channels, int plane) {
                kernel.apply(v, offset, plane);
            }
        };
    }

    /**
     * Adds Gaussian noise of standard deviation {@code sigma} to every value (of the decorated data set,
     * so after normalisation when wrapped around it). Image i's noise comes from its own {@code Gaussian}
     * stream seeded by {@code seed} and i, so it does not depend on how the data set is batched, and is
     * the same on every JVM.
     */
    public static Dataset withNoise(Dataset dataset, double sigma, long seed) {
        if (!(sigma >= 0) || !Double.isFinite(sigma)) {
            throw new ToposcopeException(dataset.name() + ": noise sigma " + sigma + " is not a finite number >= 0");
        }
        if (sigma == 0) {
            return dataset; // exactly the input, signs of zeros included
        }
        return new Decorated(dataset, dataset.name()) {
            @Override
            void transform(int image, float[] v, int offset, int channels, int plane) {
                int length = channels * plane;
                Gaussian noise = new Gaussian(seed ^ Gaussian.mix(image + 0x632be59bd9b4e019L));
                for (int k = offset, end = offset + length; k < end; k++) {
                    v[k] += (float) (sigma * noise.next());
                }
            }
        };
    }

    /** A data set whose images are those of another, changed image by image. */
    private abstract static class Decorated implements Dataset {
        private final Dataset inner;
        private final String name;

        Decorated(Dataset inner, String name) {
            this.inner = inner;
            this.name = name;
        }

        /** Changes image {@code image} (data-set index): {@code channels} planes of {@code plane} values from {@code offset}. */
        abstract void transform(int image, float[] v, int offset, int channels, int plane);

        @Override
        public String name() {
            return name;
        }

        @Override
        public int size() {
            return inner.size();
        }

        @Override
        public int[] imageShape() {
            return inner.imageShape();
        }

        @Override
        public List<String> classNames() {
            return inner.classNames();
        }

        @Override
        public Optional<SuperClasses> superClasses() {
            return inner.superClasses();
        }

        @Override
        public ImageBatch read(int first, int count) {
            ImageBatch b = inner.read(first, count);
            float[] v = b.values();
            int[] shape = b.shape();
            int plane = shape[2] * shape[3];
            int image = shape[1] * plane;
            for (int i = 0; i < shape[0]; i++) {
                transform(b.firstImage() + i, v, i * image, shape[1], plane);
            }
            return new ImageBatch(b.firstImage(), shape, v, b.labels());
        }

        @Override
        public void close() {
            inner.close();
        }
    }
}
