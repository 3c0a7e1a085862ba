import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Enumeration;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.zip.ZipEntry;

/**
 * Rewrites the Equinox launcher and framework jars of a materialized product without their signature
 * files and per-entry digests. The JDK's own class loaders verify signed jars on every start (a fixed
 * cost of several hundred milliseconds on a busy two-core machine) and Class-Data Sharing skips classes
 * of signed jars; the bundles Equinox loads itself are not verified and are left untouched.
 * <p>
 * Run as a source file: {@code java UnsignStartupJars.java <product folder>}. A jar is replaced through
 * a temporary file in the same folder, so an interrupted build never leaves a half-written jar.
 */
public final class UnsignStartupJars {

    private static final String[] PREFIXES = {"org.eclipse.equinox.launcher_", "org.eclipse.osgi_"};

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: java UnsignStartupJars.java <product folder>");
        }
        Path plugins = Path.of(args[0], "plugins");
        int found = 0;
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(plugins, "*.jar")) {
            for (Path jar : jars) {
                String name = jar.getFileName().toString();
                for (String prefix : PREFIXES) {
                    if (name.startsWith(prefix)) {
                        found++;
                        if (unsign(jar)) {
                            System.out.println("unsigned " + jar);
                        }
                    }
                }
            }
        }
        if (found != PREFIXES.length) {
            throw new IOException(plugins + ": expected one launcher and one framework jar, found " + found);
        }
    }

    /** Rewrites the jar without signature files; false when it has none. */
    private static boolean unsign(Path jar) throws IOException {
        Path tmp = Files.createTempFile(jar.getParent(), jar.getFileName().toString(), ".tmp");
        boolean signed = false;
        try (JarFile in = new JarFile(jar.toFile(), false)) {
            Manifest manifest = in.getManifest();
            for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                signed |= isSignatureFile(e.nextElement().getName());
            }
            if (!signed || manifest == null) {
                Files.delete(tmp);
                return false;
            }
            // only the main section is kept: the per-entry sections hold the digests the signature covered
            Manifest main = new Manifest();
            main.getMainAttributes().putAll(manifest.getMainAttributes());
            try (OutputStream file = Files.newOutputStream(tmp); JarOutputStream out = new JarOutputStream(file, main)) {
                for (Enumeration<? extends ZipEntry> e = in.entries(); e.hasMoreElements();) {
                    ZipEntry entry = e.nextElement();
                    String entryName = entry.getName();
                    if (isSignatureFile(entryName) || entryName.equalsIgnoreCase(JarFile.MANIFEST_NAME)) {
                        continue;
                    }
                    ZipEntry copy = new ZipEntry(entryName);
                    copy.setTime(entry.getTime());
                    out.putNextEntry(copy);
                    try (InputStream data = in.getInputStream(entry)) {
                        data.transferTo(out);
                    }
                    out.closeEntry();
                }
            }
            try {
                Files.setPosixFilePermissions(tmp, Files.getPosixFilePermissions(jar));
            } catch (UnsupportedOperationException notPosix) {
                // the temporary file's default permissions are then the only choice
            }
            Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            return true;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static boolean isSignatureFile(String name) {
        String upper = name.toUpperCase(java.util.Locale.ROOT);
        return upper.startsWith("META-INF/") && upper.indexOf('/', "META-INF/".length()) < 0
                && (upper.endsWith(".SF") || upper.endsWith(".RSA") || upper.endsWith(".DSA") || upper.endsWith(".EC")
                        || upper.startsWith("META-INF/SIG-"));
    }
}
