package org.toposcope.samples;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.CacheLocation;
import org.toposcope.core.ToposcopeException;

/**
 * The files shipped in this bundle, as paths on disk: the default model (a ResNet-20 trained on
 * Fashion-MNIST) and a 2,000-image sample of the Fashion-MNIST test set. Inside OSGi, or when the bundle
 * is a jar on a class path, the files are entries of the bundle: they are copied once to
 * {@code <cache>/samples/<content hash>/}, so a changed bundle never sees stale copies. In a development
 * checkout, where the class is loaded from a folder, the files are used where they are.
 */
public final class Samples {

    /** Folder of the default model, as the {@code djl} model loader reads it. */
    public static final String FASHION_MODEL = "models/fashion-resnet20";
    public static final String FASHION_TEST_IMAGES = "fashion-mnist/t10k-sample-images-idx3-ubyte.gz";
    public static final String FASHION_TEST_LABELS = "fashion-mnist/t10k-sample-labels-idx1-ubyte.gz";
    /** For each sample image, its index in the full Fashion-MNIST test set. */
    public static final String FASHION_TEST_INDICES = "fashion-mnist/t10k-sample-indices.txt";

    /** The experiment {@code toposcope demo} runs. */
    public static final String DEMO_SPEC = "experiments/demo.yaml";

    private static final List<String> MODEL_FILES = List.of("model.json", "model.params");

    private Samples() {
    }

    /** The default model's folder (model.json + model.params). */
    public static Path fashionModel() {
        List<String> entries = new ArrayList<>();
        for (String f : MODEL_FILES) {
            entries.add(FASHION_MODEL + "/" + f);
        }
        return locate(entries).get(0).getParent();
    }

    // images and labels are located together, so a reader that looks for the labels beside the images finds them
    public static Path fashionTestImages() {
        return locate(List.of(FASHION_TEST_IMAGES, FASHION_TEST_LABELS)).get(0);
    }

    public static Path fashionTestLabels() {
        return locate(List.of(FASHION_TEST_IMAGES, FASHION_TEST_LABELS)).get(1);
    }

    public static Path fashionTestIndices() {
        return locate(List.of(FASHION_TEST_INDICES)).get(0);
    }

    /** The demo experiment's spec, as text. */
    public static String demoSpec() {
        try {
            return Files.readString(locate(List.of(DEMO_SPEC)).get(0), java.nio.charset.StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToposcopeException(DEMO_SPEC + ": cannot read: " + e.getMessage());
        }
    }

    /**
     * Paths of bundle entries (slash-separated, relative to the bundle root), located together: when they
     * must be copied, they go to one folder, keeping their relative layout.
     */
    public static List<Path> locate(List<String> entries) {
        List<URL> urls = new ArrayList<>();
        for (String entry : entries) {
            URL url = Samples.class.getClassLoader().getResource(entry);
            if (url == null) {
                Path checkout = inCheckout(entry);
                if (checkout == null) {
                    throw new ToposcopeException("sample file " + entry + " is not in the org.toposcope.samples bundle");
                }
                try {
                    url = checkout.toUri().toURL();
                } catch (IOException e) {
                    throw new ToposcopeException(checkout + ": " + e.getMessage());
                }
            }
            urls.add(url);
        }
        if (urls.stream().allMatch(u -> "file".equals(u.getProtocol()))) {
            List<Path> paths = new ArrayList<>();
            for (URL u : urls) {
                try {
                    paths.add(Path.of(u.toURI()));
                } catch (URISyntaxException e) {
                    throw new ToposcopeException(u + ": " + e.getMessage());
                }
            }
            return paths;
        }
        return extract(entries, urls);
    }

    private static List<Path> extract(List<String> entries, List<URL> urls) {
        List<byte[]> contents = new ArrayList<>();
        MessageDigest digest = sha256();
        for (int i = 0; i < urls.size(); i++) {
            try (InputStream in = urls.get(i).openStream()) {
                byte[] bytes = in.readAllBytes();
                digest.update(entries.get(i).getBytes(java.nio.charset.StandardCharsets.UTF_8));
                digest.update(bytes);
                contents.add(bytes);
            } catch (IOException e) {
                throw new ToposcopeException(urls.get(i) + ": cannot read: " + e.getMessage());
            }
        }
        Path folder = CacheLocation.root().resolve("samples").resolve(HexFormat.of().formatHex(digest.digest(), 0, 8));
        List<Path> paths = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            Path target = folder.resolve(entries.get(i));
            byte[] bytes = contents.get(i);
            try {
                if (!Files.exists(target) || Files.size(target) != bytes.length) {
                    Files.createDirectories(target.getParent());
                    AtomicFiles.write(target, target + ": cannot write", channel -> {
                        ByteBuffer buffer = ByteBuffer.wrap(bytes);
                        while (buffer.hasRemaining()) {
                            channel.write(buffer);
                        }
                    });
                }
            } catch (IOException e) {
                throw new ToposcopeException(target + ": cannot write: " + e.getMessage());
            }
            paths.add(target);
        }
        return paths;
    }

    // a class folder such as bundles/org.toposcope.samples/target/classes or bin: the entries are above it
    private static Path inCheckout(String entry) {
        CodeSource source = Samples.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null || !"file".equals(source.getLocation().getProtocol())) {
            return null;
        }
        try {
            Path dir = Path.of(source.getLocation().toURI());
            for (int up = 0; up < 3 && dir != null; up++, dir = dir.getParent()) {
                Path candidate = dir.resolve(entry);
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
        return null;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }
}
