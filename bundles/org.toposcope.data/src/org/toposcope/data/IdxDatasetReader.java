package org.toposcope.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.zip.GZIPInputStream;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;

/**
 * MNIST-family images: an IDX file of ubyte images (count, rows, cols), raw or gzip, with its labels file
 * found by MNIST's naming ({@code train-images-idx3-ubyte.gz} → {@code train-labels-idx1-ubyte.gz},
 * {@code x-images.idx3} → {@code x-labels.idx1}) or given. Class names are Fashion-MNIST's when the
 * path says "fashion", else digits.
 */
@Component(service = DatasetReader.class)
public final class IdxDatasetReader implements DatasetReader {

    public static final String ID = "idx";

    static final ParameterSpec CLASSES = ParameterSpec.choice("classes", "auto",
            "class names: auto (from the path), fashion-mnist, mnist, cifar-10, numbers", "auto", "fashion-mnist", "mnist",
            "cifar-10", "numbers");
    static final ParameterSpec SUPER_CLASSES = ParameterSpec.text("super-classes", "auto",
            "super-class map: auto (CIFAR-100's coarse classes; built-in for CIFAR-10, Fashion-MNIST), none, or a CSV/JSON file");

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.text("labels", "auto", "labels IDX file; auto finds it by MNIST's file naming"), CLASSES,
            SUPER_CLASSES);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "IDX images with their IDX labels (MNIST, Fashion-MNIST), raw or gzip";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean canRead(Path path) {
        if (!Files.isRegularFile(path)) {
            return false;
        }
        try (InputStream raw = Files.newInputStream(path)) {
            byte[] head = raw.readNBytes(4);
            if (head.length == 4 && head[0] == (byte) 0x1f && head[1] == (byte) 0x8b) {
                try (InputStream in = new GZIPInputStream(Files.newInputStream(path))) {
                    head = in.readNBytes(4);
                }
            }
            // ubyte images of rank 3
            return head.length == 4 && head[0] == 0 && head[1] == 0 && head[2] == IdxArray.UBYTE && head[3] == 3;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Dataset open(Path path, Parameters parameters) {
        String name = Inputs.name(path);
        Path labels = labelsFile(path, parameters.text("labels"));
        LabelledImages images = IdxReader.readImages(path, labels);
        String choice = parameters.text("classes");
        int maxLabel = -1;
        for (int label : images.labels()) {
            maxLabel = Math.max(maxLabel, label);
        }
        List<String> classNames = choice.equals("auto")
                ? (path.toAbsolutePath().toString().toLowerCase(Locale.ROOT).contains("fashion") ? ClassNames.FASHION_MNIST
                        : maxLabel < 10 ? ClassNames.MNIST : ClassNames.numbers(maxLabel + 1))
                : ClassNames.named(choice, maxLabel + 1);
        String labelsName = Inputs.name(labels);
        StoredDataset.checkLabels(images.labels(), classNames.size(), i -> labelsName);
        int[] shape = {1, images.rows(), images.cols()};
        int imageSize = StoredDataset.imageSize(name, shape);
        byte[] pixels = images.pixels();
        return new StoredDataset(name, shape, classNames,
                SuperClassMaps.resolve(parameters.text("super-classes"), classNames, Optional.empty()), images.labels(),
                (first, count, out) -> {
                    int from = first * imageSize;
                    for (int k = 0, n = count * imageSize; k < n; k++) {
                        out[k] = (pixels[from + k] & 0xff) / 255f;
                    }
                });
    }

    /** The given labels file, or the first existing sibling named by MNIST's conventions. */
    static Path labelsFile(Path images, String given) {
        if (!given.isBlank() && !given.strip().equals("auto")) {
            return Path.of(given.strip());
        }
        String name = Inputs.name(images);
        List<String> candidates = new ArrayList<>();
        for (String[] pair : new String[][] {{"images-idx3-ubyte", "labels-idx1-ubyte"}, {"images.idx3", "labels.idx1"},
            {"images-idx3", "labels-idx1"}, {"images", "labels"}}) {
            int at = name.lastIndexOf(pair[0]);
            if (at >= 0) {
                String base = name.substring(0, at) + pair[1] + name.substring(at + pair[0].length());
                candidates.add(base);
                candidates.add(base.endsWith(".gz") ? base.substring(0, base.length() - 3) : base + ".gz");
                break;
            }
        }
        for (String c : candidates) {
            Path p = images.resolveSibling(c);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ToposcopeException(name + ": no labels file"
                + (candidates.isEmpty() ? "" : " (looked for " + String.join(" and ", candidates) + ")")
                + "; give it as parameter labels");
    }
}
