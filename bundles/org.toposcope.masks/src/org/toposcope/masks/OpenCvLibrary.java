package org.toposcope.masks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.CacheLocation;
import org.toposcope.core.ToposcopeException;
import org.toposcope.opencv.loader.OpenCvNatives;

/**
 * Loads OpenCV's native library once per process: the openpnp jar's copy for this platform is extracted once
 * into {@code CacheLocation.root()/opencv/4.9.0-0/<platform>/} (atomically, so a file there is complete) and loaded
 * through {@link OpenCvNatives}, a fragment of the OpenCV bundle, so the natives bind to the OpenCV classes'
 * loader. When the cache cannot be written, the jar's own loader extracts to a temporary folder instead.
 */
final class OpenCvLibrary {

    static final String NAME = "opencv_java490";
    static final String ARTIFACT = "org.openpnp:opencv 4.9.0-0";

    private OpenCvLibrary() {
    }

    /** Loads the library on first use; a one-line error naming the library when it cannot be loaded. */
    static void ensureLoaded() {
        Holder.check();
    }

    /** Where this platform's library is extracted. */
    static Path cachedFile() {
        return CacheLocation.root().resolve("opencv").resolve("4.9.0-0").resolve(platform()).resolve(System.mapLibraryName(NAME));
    }

    /** The jar's folder for this platform, e.g. {@code linux/x86_64}. */
    static String platform() {
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        String o = os.startsWith("linux") ? "linux" : os.startsWith("mac") || os.startsWith("darwin") ? "osx" : os.startsWith("windows") ? "windows" : null;
        String a = switch (arch) {
            case "amd64", "x86_64" -> "x86_64";
            case "aarch64", "arm64" -> "ARMv8";
            case "arm", "armv7l" -> "ARMv7";
            case "x86", "i386", "i686" -> "x86_32";
            default -> null;
        };
        if (o == null || a == null) {
            throw new ToposcopeException("no OpenCV native library " + System.mapLibraryName(NAME) + " in " + ARTIFACT + " for "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        }
        return o + "/" + a;
    }

    /** The JVM runs this once, on first use, and keeps the outcome: a load is not retried. */
    private static final class Holder {
        private static final String FAILURE = load();

        private static String load() {
            String library = System.mapLibraryName(NAME);
            try {
                Path file = cachedFile();
                if (!Files.isRegularFile(file)) {
                    try {
                        extract("/nu/pattern/opencv/" + platform() + "/" + library, file);
                    } catch (ToposcopeException | IOException e) {
                        // a read-only cache: the jar's own loader extracts to a temporary folder, deleted at exit
                        nu.pattern.OpenCV.loadLocally();
                        return null;
                    }
                }
                OpenCvNatives.load(file.toAbsolutePath().toString());
                return null;
            } catch (ToposcopeException e) {
                return e.getMessage();
            } catch (Throwable t) { // UnsatisfiedLinkError, ExceptionInInitializerError, the jar's own RuntimeExceptions
                Throwable cause = t.getCause() != null && t.getMessage() == null ? t.getCause() : t;
                String message = cause.getMessage() == null ? "" : ": " + cause.getMessage().lines().findFirst().orElse("");
                return "cannot load OpenCV's native library " + library + " (" + ARTIFACT + ", " + System.getProperty("os.name") + " "
                        + System.getProperty("os.arch") + "): " + cause.getClass().getSimpleName() + message;
            }
        }

        private static void extract(String resource, Path file) throws IOException {
            Files.createDirectories(file.getParent());
            AtomicFiles.write(file, file + ": cannot extract OpenCV's native library", channel -> {
                try (InputStream in = nu.pattern.OpenCV.class.getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IOException("the jar has no " + resource);
                    }
                    in.transferTo(Channels.newOutputStream(channel));
                }
            });
        }

        static void check() {
            if (FAILURE != null) {
                throw new ToposcopeException(FAILURE);
            }
        }
    }
}
