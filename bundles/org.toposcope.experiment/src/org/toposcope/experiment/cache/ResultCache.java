package org.toposcope.experiment.cache;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.ToposcopeException;

/**
 * Intermediate results keyed by the SHA-256 of everything they were computed from. An entry is one file,
 * written atomically, that carries its payload's length and digest; an entry whose length or digest does
 * not match (a torn disk, a hand edit) is deleted and counts as a miss, so a bad entry is recomputed,
 * never used.
 */
public final class ResultCache {

    private static final byte[] MAGIC = "TPSCACHE".getBytes(StandardCharsets.US_ASCII);
    private static final int HEADER = MAGIC.length + Long.BYTES + 32;
    private static final String LOCK = "lock";

    private final Path folder;
    private final AtomicInteger hits = new AtomicInteger();
    private final AtomicInteger misses = new AtomicInteger();
    private final AtomicInteger discarded = new AtomicInteger();

    public ResultCache(Path folder) {
        this.folder = folder;
    }

    public Path folder() {
        return folder;
    }

    /** The key of a result: the digest of its inputs' descriptions, in order. */
    public static String key(String... parts) {
        MessageDigest d = sha256();
        for (String p : parts) {
            d.update(p.getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
        }
        return HexFormat.of().formatHex(d.digest());
    }

    public Optional<byte[]> get(String kind, String key) {
        Path file = file(kind, key);
        if (!Files.isRegularFile(file)) {
            misses.incrementAndGet();
            return Optional.empty();
        }
        try {
            byte[] all = Files.readAllBytes(file);
            Optional<byte[]> payload = verified(all);
            if (payload.isPresent()) {
                hits.incrementAndGet();
                return payload;
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // unreadable: treat as absent and let the computation rewrite it
        }
        discarded.incrementAndGet();
        misses.incrementAndGet();
        return Optional.empty();
    }

    public void put(String kind, String key, byte[] payload) {
        Path file = file(kind, key);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new ToposcopeException(file.getParent() + ": cannot create the cache folder: " + e.getMessage());
        }
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.put(MAGIC).putLong(payload.length).put(sha256().digest(payload)).flip();
        AtomicFiles.write(file, file + ": cannot write", channel -> {
            while (header.hasRemaining()) {
                channel.write(header);
            }
            ByteBuffer body = ByteBuffer.wrap(payload);
            while (body.hasRemaining()) {
                channel.write(body);
            }
        });
    }

    /** Held by a run for its whole duration; the operating system releases it when the process dies. */
    public interface Lock extends AutoCloseable {
        @Override
        void close();
    }

    /**
     * Locks {@code folder} (created if need be) for one run: a second run into the same report folder, in this
     * or another process, fails at once with one line instead of mixing its files with the first one's.
     */
    public static Lock lock(Path folder) {
        Path file = folder.resolve(LOCK);
        try {
            Files.createDirectories(folder);
            FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                throw new ToposcopeException(folder.getParent() + ": another run is writing this report folder");
            }
            FileLock held = lock;
            return () -> {
                try {
                    held.release();
                    channel.close();
                } catch (IOException e) {
                    // closing the channel failed: the lock goes with the process anyway
                }
            };
        } catch (IOException e) {
            throw new ToposcopeException(file + ": cannot lock the cache: " + e.getMessage());
        }
    }

    /**
     * Deletes the hidden temporary files that writes cut off by a kill leave behind (entries are written to
     * a temporary name and renamed, so a kill never leaves a partial entry). Call only under {@link #lock}.
     */
    public void deleteTemporaryFiles() {
        if (!Files.isDirectory(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder, 2)) {
            for (Path p : all.filter(p -> p.getFileName().toString().startsWith(".") && p.getFileName().toString().endsWith(".tmp")).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a leftover temporary file is harmless: entries are only ever read under their final names
        }
    }

    public int hits() {
        return hits.get();
    }

    public int misses() {
        return misses.get();
    }

    /** Entries found corrupt and deleted. */
    public int discarded() {
        return discarded.get();
    }

    Path file(String kind, String key) {
        if (!kind.matches("[a-z0-9-]+") || !key.matches("[0-9a-f]{64}")) {
            throw new IllegalArgumentException("bad cache kind or key: " + kind + "/" + key);
        }
        return folder.resolve(kind).resolve(key + ".bin");
    }

    private static Optional<byte[]> verified(byte[] all) {
        if (all.length < HEADER || !Arrays.equals(all, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            return Optional.empty();
        }
        ByteBuffer b = ByteBuffer.wrap(all);
        b.position(MAGIC.length);
        long length = b.getLong();
        if (length != all.length - HEADER) {
            return Optional.empty();
        }
        byte[] digest = new byte[32];
        b.get(digest);
        byte[] payload = Arrays.copyOfRange(all, HEADER, all.length);
        return MessageDigest.isEqual(digest, sha256().digest(payload)) ? Optional.of(payload) : Optional.empty();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
