package org.toposcope.data;

import java.awt.image.BufferedImage;
import java.awt.image.Raster;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.stream.ImageInputStream;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;

/**
 * A folder with one sub-folder of PNG or JPEG images per class, as torchvision's ImageFolder: class
 * names are the sub-folders' names in sorted order, images are taken in sorted order of their names,
 * other files and hidden entries are ignored. Every image must have the size and channel count of the
 * first (greyscale: 1 channel; colour, palette included: 3; alpha is dropped). Headers are checked at
 * open; pixels are decoded batch by batch. Greyscale samples are scaled by their bit depth, colour ones
 * read as 8-bit sRGB.
 */
@Component(service = DatasetReader.class)
public final class ImageFolderReader implements DatasetReader {

    public static final String ID = "image-folder";

    private static final List<ParameterSpec> PARAMETERS = List.of(IdxDatasetReader.SUPER_CLASSES);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "a folder of class folders of PNG or JPEG images, all of one size";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean canRead(Path path) {
        if (!Files.isDirectory(path)) {
            return false;
        }
        try {
            for (Path dir : classFolders(path)) {
                if (!images(dir).isEmpty()) {
                    return true;
                }
            }
        } catch (ToposcopeException e) {
            return false;
        }
        return false;
    }

    private record Header(int width, int height, int channels) {
        String describe() {
            return width + "x" + height + (channels == 1 ? " greyscale" : channels == 3 ? " colour" : " with " + channels
                    + " colour channels");
        }
    }

    @Override
    public Dataset open(Path folder, Parameters parameters) {
        String name = Inputs.name(folder);
        if (!Files.isDirectory(folder)) {
            throw new ToposcopeException(name + ": not a folder (an image folder holds one folder of images per class)");
        }
        List<Path> classes = classFolders(folder);
        if (classes.isEmpty()) {
            throw new ToposcopeException(name + ": no class folders (an image folder holds one folder of images per class)");
        }
        List<String> classNames = new ArrayList<>();
        List<Path> files = new ArrayList<>();
        Inputs.Ints labels = new Inputs.Ints(name);
        for (int c = 0; c < classes.size(); c++) {
            classNames.add(Inputs.name(classes.get(c)));
            for (Path image : images(classes.get(c))) {
                files.add(image);
                labels.add(c);
            }
        }
        if (files.isEmpty()) {
            throw new ToposcopeException(name + ": no PNG or JPEG images in its " + classes.size() + " class folders");
        }
        Header first = header(folder, files.get(0));
        if (first.channels != 1 && first.channels != 3) {
            throw new ToposcopeException(relative(folder, files.get(0)) + ": " + first.describe()
                    + " is not supported (greyscale or colour are)");
        }
        for (int i = 1; i < files.size(); i++) {
            Header h = header(folder, files.get(i));
            if (!h.equals(first)) {
                throw new ToposcopeException(relative(folder, files.get(i)) + ": " + h.describe() + ", but "
                        + relative(folder, files.get(0)) + " (the first image) is " + first.describe());
            }
        }
        int[] shape = {first.channels, first.height, first.width};
        int imageSize = StoredDataset.imageSize(name, shape);
        List<Path> fileList = List.copyOf(files);
        return new StoredDataset(name, shape, classNames,
                SuperClassMaps.resolve(parameters.text("super-classes"), classNames, java.util.Optional.empty()),
                labels.array(), (start, count, out) -> {
                    for (int i = 0; i < count; i++) {
                        decode(folder, fileList.get(start + i), first, out, i * imageSize);
                    }
                });
    }

    private static List<Path> classFolders(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> Files.isDirectory(p) && !Inputs.name(p).startsWith(".")).sorted().toList();
        } catch (IOException e) {
            throw Inputs.ioError(Inputs.name(folder), e);
        } catch (java.io.UncheckedIOException e) {
            throw Inputs.ioError(Inputs.name(folder), e.getCause());
        }
    }

    private static List<Path> images(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> {
                String n = Inputs.name(p).toLowerCase(Locale.ROOT);
                return !n.startsWith(".") && (n.endsWith(".png") || n.endsWith(".jpg") || n.endsWith(".jpeg"))
                        && Files.isRegularFile(p);
            }).sorted().toList();
        } catch (IOException e) {
            throw Inputs.ioError(Inputs.name(dir), e);
        } catch (java.io.UncheckedIOException e) {
            throw Inputs.ioError(Inputs.name(dir), e.getCause());
        }
    }

    private static String relative(Path folder, Path file) {
        return Inputs.name(folder) + "/" + folder.relativize(file).toString().replace('\\', '/');
    }

    /** Runs {@code body} with an ImageIO reader on {@code file}; any decoder failure is one line naming the file. */
    private interface WithReader<T> {
        T apply(ImageReader reader) throws IOException;
    }

    private static <T> T withReader(Path folder, Path file, WithReader<T> body) {
        String name = relative(folder, file);
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            if (in == null) {
                throw new ToposcopeException(name + ": cannot open");
            }
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new ToposcopeException(name + ": not a PNG or JPEG image ImageIO can read");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                return body.apply(reader);
            } finally {
                reader.dispose();
            }
        } catch (ToposcopeException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            // decoders report corrupt data as IIOException but also as runtime exceptions of their own
            String detail = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ToposcopeException(name + ": cannot decode: " + detail, e);
        }
    }

    private static Header header(Path folder, Path file) {
        return withReader(folder, file, reader -> {
            ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type == null) {
                Iterator<ImageTypeSpecifier> types = reader.getImageTypes(0);
                type = types.hasNext() ? types.next() : null;
            }
            if (type == null) {
                throw new ToposcopeException(relative(folder, file) + ": unknown colour model");
            }
            return new Header(reader.getWidth(0), reader.getHeight(0), type.getColorModel().getNumColorComponents());
        });
    }

    private static void decode(Path folder, Path file, Header expected, float[] out, int offset) {
        withReader(folder, file, reader -> {
            BufferedImage image = reader.read(0);
            Header h = new Header(image.getWidth(), image.getHeight(), image.getColorModel().getNumColorComponents());
            if (!h.equals(expected)) {
                throw new ToposcopeException(relative(folder, file) + ": decodes as " + h.describe() + ", not "
                        + expected.describe() + " (it changed since the data set was opened?)");
            }
            int w = h.width;
            int plane = w * h.height;
            if (h.channels == 1) {
                Raster raster = image.getRaster();
                float max = (1 << raster.getSampleModel().getSampleSize(0)) - 1;
                for (int y = 0, k = offset; y < h.height; y++) {
                    for (int x = 0; x < w; x++, k++) {
                        out[k] = raster.getSample(x, y, 0) / max;
                    }
                }
            } else {
                int[] rgb = image.getRGB(0, 0, w, h.height, null, 0, w);
                for (int p = 0; p < plane; p++) {
                    int v = rgb[p];
                    out[offset + p] = ((v >> 16) & 0xff) / 255f;
                    out[offset + plane + p] = ((v >> 8) & 0xff) / 255f;
                    out[offset + 2 * plane + p] = (v & 0xff) / 255f;
                }
            }
            return null;
        });
    }
}
