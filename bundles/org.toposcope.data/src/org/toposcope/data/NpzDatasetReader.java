package org.toposcope.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DatasetReader;

/**
 * Images and labels in one .npz (NumPy's zip of .npy files, stored or deflated): keys {@code images}
 * or {@code x}, and {@code labels} or {@code y}, unless given. Both entries are read into memory in
 * their stored form; an entry grows in chunks up to its declared size, so a forged size costs nothing.
 */
@Component(service = DatasetReader.class)
public final class NpzDatasetReader implements DatasetReader {

    public static final String ID = "npz";

    private static final byte[] MAGIC = {'P', 'K', 3, 4};
    private static final int FIRST_CHUNK = 1 << 20;

    private static final List<ParameterSpec> PARAMETERS = List.of(
            ParameterSpec.text("images", "auto", "key of the image array; auto for images or x"),
            ParameterSpec.text("labels", "auto", "key of the label array; auto for labels or y"), ArrayImages.LAYOUT,
            IdxDatasetReader.CLASSES, IdxDatasetReader.SUPER_CLASSES);

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "images and labels in a NumPy .npz (keys images/x and labels/y)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return PARAMETERS;
    }

    @Override
    public boolean canRead(Path path) {
        return Inputs.name(path).toLowerCase(Locale.ROOT).endsWith(".npz") && Files.isRegularFile(path)
                && NpyDatasetReader.startsWith(path, MAGIC);
    }

    @Override
    public Dataset open(Path path, Parameters parameters) {
        String name = Inputs.name(path);
        byte[] images;
        byte[] labels;
        String imagesName;
        String labelsName;
        try (ZipFile zip = new ZipFile(path.toFile())) {
            ZipEntry imageEntry = entry(zip, name, parameters.text("images"), "images", "x");
            ZipEntry labelEntry = entry(zip, name, parameters.text("labels"), "labels", "y");
            imagesName = name + "/" + imageEntry.getName();
            labelsName = name + "/" + labelEntry.getName();
            images = read(zip, imageEntry, imagesName);
            labels = read(zip, labelEntry, labelsName);
        } catch (ZipException | java.io.EOFException e) {
            // a central directory pointing past the end is an EOFException: corruption, not an I/O failure
            throw new ToposcopeException(name + ": not a readable .npz (zip) file: " + oneLine(e), e);
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
        try {
            BytesChannel imageBytes = new BytesChannel(images, images.length);
            NpyReader.Layout imageLayout = NpyReader.layout(imageBytes, imagesName, true);
            boolean channelsLast = parameters.text("layout").equals("nhwc");
            ArrayImages.imageShape(imageLayout, channelsLast);
            BytesChannel labelBytes = new BytesChannel(labels, labels.length);
            int[] labelValues = ArrayImages.labels(labelBytes, NpyReader.layout(labelBytes, labelsName, true),
                    imageLayout.header().shape()[0]);
            return ArrayImages.dataset(name, imageLayout, channelsLast, labelValues, parameters,
                    () -> new BytesChannel(images, images.length));
        } catch (IOException e) {
            throw Inputs.ioError(name, e); // in-memory reads fail only by a programming error
        }
    }

    private static String oneLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }

    private static ZipEntry entry(ZipFile zip, String name, String given, String... defaults) {
        String[] keys = given.isBlank() || given.strip().equals("auto") ? defaults : new String[] {given.strip()};
        for (String key : keys) {
            ZipEntry e = zip.getEntry(key + ".npy");
            if (e != null) {
                return e;
            }
        }
        // entry names come from the file: escape them so the message stays one line
        List<String> present = zip.stream().map(ZipEntry::getName).limit(20).map(NpyHeader::printable).toList();
        throw new ToposcopeException(name + ": no array " + NpyHeader.printable(String.join(" or ", keys)) + " (it has "
                + (present.isEmpty() ? "none" : String.join(", ", present)) + ")");
    }

    /** The entry's bytes, allocated as they arrive, never beyond its declared size. */
    private static byte[] read(ZipFile zip, ZipEntry entry, String name) throws IOException {
        long declared = entry.getSize();
        if (declared > Inputs.MAX_ARRAY) {
            throw new ToposcopeException(name + ": the zip entry declares " + declared + " bytes, more than fit in one Java array");
        }
        int limit = declared < 0 ? Inputs.MAX_ARRAY : (int) declared;
        try (InputStream in = zip.getInputStream(entry)) {
            byte[] data = new byte[Math.min(limit, FIRST_CHUNK)];
            int filled = 0;
            while (true) {
                if (filled == data.length) {
                    if (filled == limit) {
                        break;
                    }
                    int capacity = (int) Math.min(limit, 2L * data.length);
                    try {
                        data = Arrays.copyOf(data, capacity);
                    } catch (OutOfMemoryError e) {
                        throw Inputs.outOfMemory(name, capacity);
                    }
                }
                int n = in.readNBytes(data, filled, data.length - filled);
                filled += n;
                if (filled < data.length) {
                    break;
                }
            }
            if (declared >= 0 && filled < declared) {
                throw new ToposcopeException(name + ": byte " + filled + ": the entry ends before its declared " + declared
                        + " bytes");
            }
            if (declared >= 0 && in.read() >= 0) {
                throw new ToposcopeException(name + ": byte " + declared + ": the entry goes on past its declared size");
            }
            return filled == data.length ? data : Arrays.copyOf(data, filled);
        } catch (ZipException | java.io.EOFException e) {
            throw new ToposcopeException(name + ": corrupt zip entry: " + oneLine(e), e);
        }
    }
}
