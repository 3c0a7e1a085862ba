package org.toposcope.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;

/**
 * Images in a .npy array, (N, C, H, W) or (N, H, W) (one channel), or (N, H, W, C) with
 * {@code layout=nhwc}; uint8 scaled by 1/255, floats as stored. Labels are a 1-D integer .npy: the
 * parameter, else {@code X-labels.npy} for {@code X-images.npy} ({@code X-labels.npy} or
 * {@code X_labels.npy} for {@code X.npy}), else {@code labels.npy} beside it.
 * The array is read from the file batch by batch.
 */
@Component(service = DatasetReader.class)
public final class NpyDatasetReader implements DatasetReader {

    public static final String ID = "npy";

    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.text("labels", "auto", "labels .npy; auto for X-labels.npy or labels.npy beside the images"),
            ArrayImages.LAYOUT, IdxDatasetReader.CLASSES, IdxDatasetReader.SUPER_CLASSES);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "images in a NumPy .npy array (N x C x H x W or N x H x W) with labels in a second .npy";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean canRead(Path path) {
        return Inputs.name(path).toLowerCase(Locale.ROOT).endsWith(".npy") && Files.isRegularFile(path) && startsWith(path, MAGIC);
    }

    static boolean startsWith(Path path, byte[] magic) {
        try (InputStream in = Files.newInputStream(path)) {
            return Arrays.equals(in.readNBytes(magic.length), magic);
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public Dataset open(Path path, Parameters parameters) {
        String name = Inputs.name(path);
        Path labelsFile = labelsFile(path, parameters.text("labels"));
        NpyReader.Layout images;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ)) {
            images = NpyReader.layout(channel, name, true);
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
        boolean channelsLast = parameters.text("layout").equals("nhwc");
        ArrayImages.imageShape(images, channelsLast);
        int[] labels;
        String labelsName = Inputs.name(labelsFile);
        try (FileChannel channel = FileChannel.open(labelsFile, StandardOpenOption.READ)) {
            labels = ArrayImages.labels(channel, NpyReader.layout(channel, labelsName, true), images.header().shape()[0]);
        } catch (IOException e) {
            throw Inputs.ioError(labelsName, e);
        }
        return ArrayImages.dataset(name, images, channelsLast, labels, parameters,
                () -> FileChannel.open(path, StandardOpenOption.READ));
    }

    private static Path labelsFile(Path images, String given) {
        if (!given.isBlank() && !given.strip().equals("auto")) {
            return Path.of(given.strip());
        }
        String name = Inputs.name(images);
        List<String> candidates = new ArrayList<>();
        int at = name.lastIndexOf("images");
        if (at >= 0) {
            candidates.add(name.substring(0, at) + "labels" + name.substring(at + "images".length()));
        } else {
            String stem = name.substring(0, name.length() - ".npy".length());
            candidates.add(stem + "-labels.npy");
            candidates.add(stem + "_labels.npy");
        }
        candidates.add("labels.npy");
        for (String c : candidates) {
            Path p = images.resolveSibling(c);
            if (!c.equals(name) && Files.isRegularFile(p)) {
                return p;
            }
        }
        throw new ToposcopeException(name + ": no labels file (looked for " + String.join(", ", candidates)
                + " beside it); give it as parameter labels");
    }
}
