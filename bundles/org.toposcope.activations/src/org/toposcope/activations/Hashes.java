package org.toposcope.activations;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.Stream;

import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;

/**
 * SHA-256 of a file, or of a folder: its regular files in sorted relative-path order, each as path,
 * a NUL byte, length and content, so renaming or moving a file inside changes the digest.
 */
public final class Hashes {

    private Hashes() {
    }

    public static String sha256(Path path, Progress progress) {
        MessageDigest digest;
        try {
            digest = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
        String name = path.getFileName() == null ? path.toString() : path.getFileName().toString();
        byte[] buffer = new byte[1 << 16];
        try {
            if (Files.isDirectory(path)) {
                List<Path> files;
                try (Stream<Path> s = Files.walk(path)) {
                    files = s.filter(Files::isRegularFile).sorted().toList();
                }
                for (Path f : files) {
                    digest.update(path.relativize(f).toString().getBytes(StandardCharsets.UTF_8));
                    digest.update((byte) 0);
                    digest.update(Long.toString(Files.size(f)).getBytes(StandardCharsets.US_ASCII));
                    update(digest, f, buffer, progress);
                }
            } else {
                update(digest, path, buffer, progress);
            }
        } catch (IOException e) {
            throw new ToposcopeException(name + ": cannot read: " + e.getMessage(), e);
        }
        return HexFormat.of().formatHex(digest.digest());
    }

    private static void update(MessageDigest digest, Path file, byte[] buffer, Progress progress) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            int n;
            while ((n = in.read(buffer)) > 0) {
                digest.update(buffer, 0, n);
                progress.checkCancelled();
            }
        }
    }
}
