package org.toposcope.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toposcope.data.DatasetTesting.fails;
import static org.toposcope.data.DatasetTesting.failsWith;
import static org.toposcope.data.DatasetTesting.open;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.spi.Dataset;

/** Folders of class folders of PNG and JPEG images written here with ImageIO. */
class ImageFolderTest {

    private final ImageFolderReader reader = new ImageFolderReader();

    @TempDir
    Path dir;

    private static BufferedImage image(Random random, int type, int w, int h) {
        BufferedImage b = new BufferedImage(w, h, type);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (type == BufferedImage.TYPE_INT_RGB) {
                    b.setRGB(x, y, random.nextInt(1 << 24));
                } else {
                    b.getRaster().setSample(x, y, 0, random.nextInt(type == BufferedImage.TYPE_USHORT_GRAY ? 65536 : 256));
                }
            }
        }
        return b;
    }

    private static void write(BufferedImage image, Path file) throws IOException {
        Files.createDirectories(file.getParent());
        String name = file.getFileName().toString();
        assertTrue(ImageIO.write(image, name.substring(name.lastIndexOf('.') + 1), file.toFile()), "no writer for " + name);
    }

    @Test
    void colourPngsAreExactInSortedOrder() throws IOException {
        Random random = new Random(5);
        Path root = dir.resolve("animals");
        // classes and files in sorted order: bird, cat, dog; 10.png before a.png before b.png
        String[][] files = {{"bird", "10.png"}, {"bird", "a.png"}, {"cat", "b.PNG"}, {"dog", "a.png"}, {"dog", "b.png"}};
        BufferedImage[] images = new BufferedImage[files.length];
        for (int i = files.length - 1; i >= 0; i--) {
            images[i] = image(random, BufferedImage.TYPE_INT_RGB, 7, 5);
            write(images[i], root.resolve(files[i][0]).resolve(files[i][1]));
        }
        Files.writeString(root.resolve("cat").resolve("notes.txt"), "not an image");
        Files.createDirectories(root.resolve(".hidden"));
        write(images[0], root.resolve(".hidden").resolve("x.png"));
        assertEquals(List.of("image-folder"), DatasetTesting.recognisedBy(root));
        assertFalse(reader.canRead(root.resolve("bird")));
        try (Dataset d = open(reader, root)) {
            assertEquals("animals", d.name());
            assertEquals(List.of("bird", "cat", "dog"), d.classNames());
            assertEquals(5, d.size());
            assertArrayEquals(new int[] {3, 5, 7}, d.imageShape());
            ImageBatch b = d.read(0, 5);
            assertArrayEquals(new int[] {0, 0, 1, 2, 2}, b.labels());
            float[] v = b.values();
            for (int i = 0; i < 5; i++) {
                for (int y = 0; y < 5; y++) {
                    for (int x = 0; x < 7; x++) {
                        int rgb = images[i].getRGB(x, y);
                        int at = i * 105 + y * 7 + x;
                        assertEquals(((rgb >> 16) & 0xff) / 255f, v[at], "red of image " + i);
                        assertEquals(((rgb >> 8) & 0xff) / 255f, v[at + 35], "green of image " + i);
                        assertEquals((rgb & 0xff) / 255f, v[at + 70], "blue of image " + i);
                    }
                }
            }
            assertArrayEquals(Arrays.copyOfRange(v, 3 * 105, 5 * 105), d.read(3, 9).values());
        }
    }

    @Test
    void greyscalePngsHaveOneChannelScaledByTheirDepth() throws IOException {
        Random random = new Random(6);
        Path root = dir.resolve("grey");
        BufferedImage a = image(random, BufferedImage.TYPE_BYTE_GRAY, 4, 3);
        BufferedImage b = image(random, BufferedImage.TYPE_BYTE_GRAY, 4, 3);
        write(a, root.resolve("x/a.png"));
        write(b, root.resolve("y/b.png"));
        try (Dataset d = open(reader, root)) {
            assertArrayEquals(new int[] {1, 3, 4}, d.imageShape());
            float[] v = d.read(0, 2).values();
            for (int p = 0; p < 12; p++) {
                assertEquals(a.getRaster().getSample(p % 4, p / 4, 0) / 255f, v[p]);
                assertEquals(b.getRaster().getSample(p % 4, p / 4, 0) / 255f, v[12 + p]);
            }
        }
        Path deep = dir.resolve("deep");
        BufferedImage c = image(random, BufferedImage.TYPE_USHORT_GRAY, 4, 3);
        write(c, deep.resolve("only/c.png"));
        try (Dataset d = open(reader, deep)) {
            float[] v = d.read(0, 1).values();
            for (int p = 0; p < 12; p++) {
                assertEquals(c.getRaster().getSample(p % 4, p / 4, 0) / 65535f, v[p]);
            }
        }
    }

    @Test
    void jpegsHaveShapeAndLabels() throws IOException {
        Random random = new Random(7);
        Path root = dir.resolve("jpeg");
        write(image(random, BufferedImage.TYPE_INT_RGB, 16, 8), root.resolve("one/a.jpg"));
        write(image(random, BufferedImage.TYPE_INT_RGB, 16, 8), root.resolve("two/b.jpeg"));
        write(image(random, BufferedImage.TYPE_INT_RGB, 16, 8), root.resolve("two/c.jpg"));
        try (Dataset d = open(reader, root)) {
            assertArrayEquals(new int[] {3, 8, 16}, d.imageShape());
            ImageBatch b = d.read(0, 3);
            assertArrayEquals(new int[] {0, 1, 1}, b.labels());
            for (float x : b.values()) {
                assertTrue(x >= 0 && x <= 1, "value " + x);
            }
        }
    }

    @Test
    void oddImagesAndBrokenFilesAreOneLineErrors() throws IOException {
        Random random = new Random(8);
        Path root = dir.resolve("mixed");
        write(image(random, BufferedImage.TYPE_INT_RGB, 6, 6), root.resolve("a/1.png"));
        write(image(random, BufferedImage.TYPE_INT_RGB, 6, 6), root.resolve("a/2.png"));
        write(image(random, BufferedImage.TYPE_INT_RGB, 6, 5), root.resolve("b/3.png"));
        fails("mixed/b/3.png: 6x5 colour, but mixed/a/1.png (the first image) is 6x6 colour", () -> open(reader, root));
        write(image(random, BufferedImage.TYPE_BYTE_GRAY, 6, 6), root.resolve("b/3.png"));
        fails("mixed/b/3.png: 6x6 greyscale, but mixed/a/1.png (the first image) is 6x6 colour", () -> open(reader, root));
        write(image(random, BufferedImage.TYPE_INT_RGB, 6, 6), root.resolve("b/3.png"));
        try (Dataset d = open(reader, root)) {
            assertEquals(3, d.size());
        }
        Files.write(root.resolve("b/4.png"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9});
        fails("mixed/b/4.png: not a PNG or JPEG image ImageIO can read", () -> open(reader, root));
        Files.delete(root.resolve("b/4.png"));
        DatasetTesting.survivesDamage(reader, root, root.resolve("a/2.png"), "mixed/a/2.png", 9);

        Path none = Files.createDirectories(dir.resolve("none/empty"));
        fails("none: no PNG or JPEG images in its 1 class folders", () -> open(reader, none.getParent()));
        Path flat = dir.resolve("flat");
        write(image(random, BufferedImage.TYPE_INT_RGB, 2, 2), flat.resolve("a.png"));
        fails("flat: no class folders (an image folder holds one folder of images per class)", () -> open(reader, flat));
        failsWith("a.png: not a folder", () -> open(reader, flat.resolve("a.png")));
        assertFalse(reader.canRead(flat));
    }
}
