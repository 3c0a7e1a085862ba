package org.toposcope.activations;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerActivations;
import org.toposcope.data.NpyFormat;

/**
 * Writes an activations folder batch by batch. Everything goes into a hidden temporary folder next
 * to the target: each layer's .npy starts with the header for the final image count and rows are
 * appended as batches arrive; {@link #commit} adds labels and manifest, forces the files to disk and
 * renames the folder into place in one step. Until then, and after {@link #close} without a commit
 * (failure or cancel), the target does not exist and the temporary folder is removed.
 */
public final class ActivationsWriter implements AutoCloseable {

    private static final int CHUNK = 1 << 20;

    private final Manifest manifest;
    private final Path target;
    private final Path temporary;
    private final Map<String, FileChannel> channels = new LinkedHashMap<>();
    private final long[] labels;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(CHUNK).order(ByteOrder.LITTLE_ENDIAN);
    // a process stopped by Ctrl-C never reaches close(): the hook removes the unfinished folder then
    private final Thread cleanup;
    private int written;
    private boolean done;

    private ActivationsWriter(Manifest manifest, Path target, Path temporary) {
        this.manifest = manifest;
        this.target = target;
        this.temporary = temporary;
        this.labels = new long[manifest.images()];
        this.cleanup = new Thread(() -> deleteTree(temporary), "toposcope: remove unfinished " + temporary.getFileName());
    }

    /** Starts a folder for {@code manifest}; the target must not exist (or be an empty folder). */
    public static ActivationsWriter create(Path target, Manifest manifest) {
        Path absolute = target.toAbsolutePath();
        String name = absolute.getFileName().toString();
        if (Files.exists(absolute) && !isEmptyFolder(absolute)) {
            throw new ToposcopeException(name + ": already exists; give a new folder");
        }
        Path temporary = absolute.resolveSibling("." + name + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        ActivationsWriter w = new ActivationsWriter(manifest, absolute, temporary);
        try {
            Files.createDirectories(absolute.getParent());
            Files.createDirectory(temporary);
            Runtime.getRuntime().addShutdownHook(w.cleanup);
            for (Manifest.Layer layer : manifest.layers()) {
                FileChannel c = FileChannel.open(temporary.resolve(layer.file()), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                w.channels.put(layer.name(), c);
                long[] shape = new long[layer.shapePerImage().length + 1];
                shape[0] = manifest.images();
                for (int i = 1; i < shape.length; i++) {
                    shape[i] = layer.shapePerImage()[i - 1];
                }
                NpyFormat.writeFully(c, ByteBuffer.wrap(NpyFormat.header("<f4", shape)));
            }
        } catch (IOException e) {
            w.close();
            throw error(name, e);
        }
        return w;
    }

    /** A file name for a layer: its name with characters other than letters, digits, '.', '-' and '_' replaced by '_'. */
    public static String fileName(String layer, java.util.Set<String> taken) {
        String base = layer.replaceAll("[^A-Za-z0-9._-]", "_");
        if (base.isEmpty() || base.startsWith(".")) {
            base = "_" + base;
        }
        String file = base + ".npy";
        for (int i = 2; taken.contains(file) || file.equals(Manifest.LABELS); i++) {
            file = base + "-" + i + ".npy";
        }
        return file;
    }

    /** Appends one batch of every layer; batches must come in image order, starting at image 0. */
    public void accept(Map<String, LayerActivations> batch) {
        int n = -1;
        int first = -1;
        int[] batchLabels = null;
        for (Manifest.Layer layer : manifest.layers()) {
            LayerActivations a = batch.get(layer.name());
            if (a == null) {
                throw new ToposcopeException(manifest.model().name() + ": the model returned no activations for layer " + layer.name());
            }
            int[] shape = a.shape();
            if (!Arrays.equals(Arrays.copyOfRange(shape, 1, shape.length), layer.shapePerImage())) {
                throw new ToposcopeException(manifest.model().name() + ": layer " + layer.name() + " returned " + Arrays.toString(shape)
                        + " for a batch, not N x " + Arrays.toString(layer.shapePerImage()) + " as reported");
            }
            if (n < 0) {
                n = a.batchSize();
                first = a.firstImage();
                batchLabels = a.labels();
            } else if (a.batchSize() != n || a.firstImage() != first) {
                throw new ToposcopeException(manifest.model().name() + ": layer " + layer.name() + " returned a batch of "
                        + a.batchSize() + " images from " + a.firstImage() + ", other layers " + n + " from " + first);
            }
        }
        if (n < 0) {
            return;
        }
        if (first != written || written + n > manifest.images()) {
            throw new ToposcopeException(target.getFileName() + ": batch of images " + first + ".." + (first + n - 1)
                    + " does not follow image " + (written - 1) + " of " + manifest.images());
        }
        try {
            for (Manifest.Layer layer : manifest.layers()) {
                write(channels.get(layer.name()), batch.get(layer.name()).valuesView());
            }
        } catch (IOException e) {
            throw error(target.getFileName().toString(), e);
        }
        for (int i = 0; i < n; i++) {
            labels[written + i] = batchLabels[i];
        }
        written += n;
    }

    private void write(FileChannel c, FloatBuffer values) throws IOException {
        int perChunk = CHUNK / 4;
        while (values.hasRemaining()) {
            int count = Math.min(perChunk, values.remaining());
            buffer.clear();
            buffer.asFloatBuffer().put(values.slice(values.position(), count));
            values.position(values.position() + count);
            buffer.limit(count * 4);
            NpyFormat.writeFully(c, buffer);
        }
    }

    /** Number of images written so far. */
    public int written() {
        return written;
    }

    /** Writes labels and manifest and moves the folder into place; fails if fewer images came than announced. */
    public Path commit() {
        String name = target.getFileName().toString();
        if (written != manifest.images()) {
            close();
            throw new ToposcopeException(name + ": " + written + " images were captured, " + manifest.images() + " announced");
        }
        try {
            for (FileChannel c : channels.values()) {
                c.force(true);
                c.close();
            }
            try (FileChannel c = FileChannel.open(temporary.resolve(Manifest.LABELS), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                NpyFormat.writeFully(c, ByteBuffer.wrap(NpyFormat.header("<i8", new long[] {labels.length})));
                ByteBuffer b = ByteBuffer.allocate(labels.length * 8).order(ByteOrder.LITTLE_ENDIAN);
                b.asLongBuffer().put(labels);
                NpyFormat.writeFully(c, b);
                c.force(true);
            }
            try (FileChannel c = FileChannel.open(temporary.resolve(Manifest.FILE), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                NpyFormat.writeFully(c, ByteBuffer.wrap(manifest.toJson().getBytes(StandardCharsets.UTF_8)));
                c.force(true);
            }
            if (isEmptyFolder(target)) {
                Files.delete(target);
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
            done = true;
            return target;
        } catch (AtomicMoveNotSupportedException e) {
            throw new ToposcopeException(name + ": the file system cannot rename the finished folder atomically", e);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new ToposcopeException(name + ": appeared while capturing; not replaced", e);
        } catch (IOException e) {
            throw error(name, e);
        } finally {
            close();
        }
    }

    /** Without a commit: discards everything written. After a commit: nothing. */
    @Override
    public void close() {
        for (FileChannel c : channels.values()) {
            try {
                c.close();
            } catch (IOException e) {
                // closing a channel we abandon: nothing to report
            }
        }
        channels.clear();
        if (!done) {
            deleteTree(temporary);
            done = true;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(cleanup);
        } catch (IllegalStateException | IllegalArgumentException e) {
            // already shutting down (the hook runs) or never registered
        }
    }

    private static void deleteTree(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a hidden *.tmp folder left behind is named as ours; nothing more to do
        }
    }

    private static boolean isEmptyFolder(Path p) {
        if (!Files.isDirectory(p)) {
            return false;
        }
        try (Stream<Path> s = Files.list(p)) {
            return s.findAny().isEmpty();
        } catch (IOException e) {
            return false;
        }
    }

    private static ToposcopeException error(String name, IOException e) {
        String m = e.getMessage() == null ? "" : " " + e.getMessage().lines().findFirst().orElse("");
        return new ToposcopeException(name + ": cannot write: " + e.getClass().getSimpleName() + m, e);
    }
}
