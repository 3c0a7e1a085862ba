package org.toposcope.activations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.function.Consumer;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.data.NpyFormat;

/**
 * An activations folder opened for reading: the manifest is parsed and every file it names is checked
 * (dtype, C order, shape, exact length) before anything else is read; layers are then read back in
 * batches with positional reads, so memory is one batch whatever the folder's size.
 */
public final class ActivationsFolder {

    private static final int CHUNK = 1 << 20;

    private final Path folder;
    private final Manifest manifest;
    private final int[] labels;

    private ActivationsFolder(Path folder, Manifest manifest, int[] labels) {
        this.folder = folder;
        this.manifest = manifest;
        this.labels = labels;
    }

    public static ActivationsFolder open(Path folder) {
        String name = folder.getFileName() == null ? folder.toString() : folder.getFileName().toString();
        if (!Files.isDirectory(folder)) {
            throw new ToposcopeException(name + ": not a folder of activations");
        }
        Path manifestFile = folder.resolve(Manifest.FILE);
        String text;
        try {
            text = Files.readString(manifestFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ToposcopeException(name + ": no " + Manifest.FILE + " (not written by toposcope activations?)");
        } catch (IOException e) {
            throw new ToposcopeException(name + "/" + Manifest.FILE + ": cannot read: " + e.getMessage(), e);
        }
        Manifest manifest = Manifest.fromJson(name + "/" + Manifest.FILE, text);
        for (Manifest.Layer layer : manifest.layers()) {
            check(folder, name + "/" + layer.file(), layer.file(), "<f4", manifest.images(), layer.shapePerImage(), 4);
        }
        int[] labels = readLabels(folder, name + "/" + Manifest.LABELS, manifest.images());
        return new ActivationsFolder(folder, manifest, labels);
    }

    private static NpyFormat.Header check(Path folder, String name, String file, String descr, int images, int[] perImage, int itemBytes) {
        try (FileChannel c = FileChannel.open(folder.resolve(file), StandardOpenOption.READ)) {
            NpyFormat.Header h = NpyFormat.readHeader(c, name);
            long[] expected = new long[perImage.length + 1];
            expected[0] = images;
            for (int i = 0; i < perImage.length; i++) {
                expected[i + 1] = perImage[i];
            }
            if (!h.descr().equals(descr) || h.fortranOrder()) {
                throw new ToposcopeException(name + ": dtype " + h.descr() + (h.fortranOrder() ? " in Fortran order" : "")
                        + ", expected " + descr + " in C order");
            }
            if (!Arrays.equals(h.shape(), expected)) {
                throw new ToposcopeException(name + ": shape " + Arrays.toString(h.shape()) + " differs from the manifest's "
                        + Arrays.toString(expected));
            }
            long bytes = itemBytes;
            for (long s : expected) {
                bytes *= s;
            }
            if (c.size() != h.dataOffset() + bytes) {
                throw new ToposcopeException(name + ": " + (c.size() - h.dataOffset()) + " bytes of data, " + bytes + " expected");
            }
            return h;
        } catch (NoSuchFileException e) {
            throw new ToposcopeException(name + ": missing");
        } catch (IOException e) {
            throw new ToposcopeException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private static int[] readLabels(Path folder, String name, int images) {
        try (FileChannel c = FileChannel.open(folder.resolve(Manifest.LABELS), StandardOpenOption.READ)) {
            NpyFormat.Header h = NpyFormat.readHeader(c, name);
            int item = switch (h.descr()) {
                case "<i8" -> 8;
                case "<i4" -> 4;
                default -> throw new ToposcopeException(name + ": dtype " + h.descr() + ", expected <i8 or <i4");
            };
            check(folder, name, Manifest.LABELS, h.descr(), images, new int[0], item);
            ByteBuffer b = ByteBuffer.allocate(images * item).order(ByteOrder.LITTLE_ENDIAN);
            NpyFormat.readFully(c, b, h.dataOffset());
            int[] labels = new int[images];
            for (int i = 0; i < images; i++) {
                long v = item == 8 ? b.getLong(i * 8) : b.getInt(i * 4);
                if (v < 0 || v > Integer.MAX_VALUE) {
                    throw new ToposcopeException(name + ": label " + v + " of image " + i + " is not a class index");
                }
                labels[i] = (int) v;
            }
            return labels;
        } catch (NoSuchFileException e) {
            throw new ToposcopeException(name + ": missing");
        } catch (IOException e) {
            throw new ToposcopeException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    public Manifest manifest() {
        return manifest;
    }

    public Path folder() {
        return folder;
    }

    public int images() {
        return manifest.images();
    }

    public int[] labels() {
        return labels.clone();
    }

    /** Images {@code first .. first+count-1} of one layer (clipped to the end). */
    public LayerActivations read(String layer, int first, int count) {
        Manifest.Layer l = manifest.layer(layer);
        String name = folder.getFileName() + "/" + l.file();
        try (FileChannel c = FileChannel.open(folder.resolve(l.file()), StandardOpenOption.READ)) {
            return read(c, NpyFormat.readHeader(c, name), l, first, count, name);
        } catch (IOException e) {
            throw new ToposcopeException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    private LayerActivations read(FileChannel c, NpyFormat.Header h, Manifest.Layer l, int first, int count, String name) throws IOException {
        if (first < 0 || count < 0 || first > images()) {
            throw new IllegalArgumentException("images " + first + " + " + count + " of " + images());
        }
        int n = Math.min(count, images() - first);
        int f = l.features();
        float[] values = new float[Math.multiplyExact(n, f)];
        // a fixed chunk rather than a batch-sized byte buffer: one copy of the batch fewer in memory
        ByteBuffer b = ByteBuffer.allocate(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
        long position = h.dataOffset() + (long) first * f * 4;
        for (int from = 0; from < values.length; from += CHUNK / 4) {
            int floats = Math.min(CHUNK / 4, values.length - from);
            b.clear().limit(floats * 4);
            NpyFormat.readFully(c, b, position + (long) from * 4);
            b.flip().asFloatBuffer().get(values, from, floats);
        }
        int[] shape = new int[l.shapePerImage().length + 1];
        shape[0] = n;
        System.arraycopy(l.shapePerImage(), 0, shape, 1, shape.length - 1);
        return new LayerActivations(l.name(), shape, values, first, Arrays.copyOfRange(labels, first, first + n));
    }

    /** Streams one layer in batches of {@code batch} images, in order. */
    public void stream(String layer, int batch, Consumer<LayerActivations> sink, Progress progress) {
        if (batch < 1) {
            throw new ToposcopeException("batch size must be at least 1, got " + batch);
        }
        Manifest.Layer l = manifest.layer(layer);
        String name = folder.getFileName() + "/" + l.file();
        progress.begin("reading " + layer, images());
        try (FileChannel c = FileChannel.open(folder.resolve(l.file()), StandardOpenOption.READ)) {
            NpyFormat.Header h = NpyFormat.readHeader(c, name);
            for (int first = 0; first < images(); first += batch) {
                progress.checkCancelled();
                LayerActivations a = read(c, h, l, first, batch, name);
                sink.accept(a);
                progress.worked(a.batchSize());
            }
        } catch (IOException e) {
            throw new ToposcopeException(name + ": cannot read: " + e.getMessage(), e);
        }
    }

    /** The point cloud a strategy makes of one layer, streaming the layer through it. */
    public PointCloud pointCloud(String layer, PointCloudStrategy strategy, Parameters parameters, int batch, Progress progress) {
        manifest.layer(layer);
        PointCloudStrategy.Builder builder = strategy.begin(layer, parameters);
        stream(layer, batch, builder::accept, progress);
        return builder.build();
    }
}
