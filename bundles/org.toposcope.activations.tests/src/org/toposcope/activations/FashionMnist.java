package org.toposcope.activations;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.core.spi.Dataset;
import org.toposcope.data.IdxReader;
import org.toposcope.data.LabelledImages;

/** The real Fashion-MNIST test set (apt package dataset-fashion-mnist) as a {@link Dataset}, pixels scaled to [0, 1]. */
final class FashionMnist implements Dataset {

    static final Path FOLDER = Path.of("/usr/share/datasets/fashion-mnist");
    static final List<String> CLASSES = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt",
            "Sneaker", "Bag", "Ankle boot");

    private final LabelledImages images;

    FashionMnist() {
        images = IdxReader.readImages(FOLDER.resolve("t10k-images-idx3-ubyte.gz"), FOLDER.resolve("t10k-labels-idx1-ubyte.gz"));
    }

    @Override
    public String name() {
        return "fashion-mnist-t10k";
    }

    @Override
    public int size() {
        return images.count();
    }

    @Override
    public int[] imageShape() {
        return new int[] {1, images.rows(), images.cols()};
    }

    @Override
    public List<String> classNames() {
        return CLASSES;
    }

    @Override
    public Optional<SuperClasses> superClasses() {
        return Optional.of(new SuperClasses("clothing-shoes-bags", List.of("clothing", "shoes", "bags"),
                new int[] {0, 0, 0, 0, 0, 1, 0, 1, 2, 1}));
    }

    @Override
    public ImageBatch read(int first, int count) {
        int n = Math.max(0, Math.min(count, size() - first));
        int pixels = images.rows() * images.cols();
        float[] v = new float[n * pixels];
        int[] labels = new int[n];
        byte[] bytes = images.pixels();
        for (int i = 0; i < n; i++) {
            for (int p = 0; p < pixels; p++) {
                v[i * pixels + p] = (bytes[(first + i) * pixels + p] & 0xff) / 255f;
            }
            labels[i] = images.label(first + i);
        }
        return new ImageBatch(first, new int[] {n, 1, images.rows(), images.cols()}, v, labels);
    }
}
