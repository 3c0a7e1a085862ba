package org.toposcope.core;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes a file entirely or not at all: the content goes to a hidden temporary file in the same folder,
 * is forced to disk, and is renamed over the target in one step. A failure leaves no temporary file and
 * the old content, if any, in place.
 */
public final class AtomicFiles {

    /** Produces the file's content. */
    @FunctionalInterface
    public interface Content {
        void writeTo(FileChannel channel) throws IOException;
    }

    private AtomicFiles() {
    }

    /**
     * @param failure start of the one-line error, e.g. {@code "x.npy: cannot write"}; the reason follows
     */
    public static void write(Path file, String failure, Content content) {
        Path absolute = file.toAbsolutePath();
        // our own random name rather than createTempFile, whose 0600 permissions would survive the rename
        Path temporary = absolute.resolveSibling(
                "." + absolute.getFileName() + "." + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.writeTo(channel);
                channel.force(true);
            }
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            throw new ToposcopeException(failure + ": the file system cannot rename atomically", e);
        } catch (IOException | UncheckedIOException e) {
            Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
            String message = t.getMessage() == null ? "" : " " + t.getMessage().lines().findFirst().orElse("");
            throw new ToposcopeException(failure + ": " + t.getClass().getSimpleName() + message, e);
        } finally {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException e) {
                // nothing more to do: the temporary file is hidden and named as ours
            }
        }
    }
}
