package org.toposcope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

/** Reads back what the figures wrote: PNG through ImageIO, SVG through the JDK's XML parser. */
final class Rendered {

    private Rendered() {
    }

    static BufferedImage png(Path file, int width, int height) throws IOException {
        BufferedImage image = ImageIO.read(file.toFile());
        assertTrue(image != null, file + " does not decode as an image");
        assertEquals(width, image.getWidth(), "width of " + file);
        assertEquals(height, image.getHeight(), "height of " + file);
        return image;
    }

    /** Variance of the pixels' grey level: 0 for a blank image. */
    static double variance(BufferedImage image) {
        double sum = 0, sumSq = 0;
        long n = (long) image.getWidth() * image.getHeight();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                int rgb = image.getRGB(x, y);
                double grey = 0.299 * ((rgb >> 16) & 255) + 0.587 * ((rgb >> 8) & 255) + 0.114 * (rgb & 255);
                sum += grey;
                sumSq += grey * grey;
            }
        }
        double mean = sum / n;
        return sumSq / n - mean * mean;
    }

    /** Pixels of exactly this colour: count, sum of x, sum of y. */
    static long[] pixels(BufferedImage image, java.awt.Color colour) {
        long count = 0, sx = 0, sy = 0;
        int want = colour.getRGB() & 0xFFFFFF;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if ((image.getRGB(x, y) & 0xFFFFFF) == want) {
                    count++;
                    sx += x;
                    sy += y;
                }
            }
        }
        return new long[] { count, sx, sy };
    }

    static Document svg(Path file) throws Exception {
        byte[] bytes = Files.readAllBytes(file);
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document doc = factory.newDocumentBuilder().parse(new ByteArrayInputStream(bytes));
        assertEquals("svg", doc.getDocumentElement().getLocalName(), file + " root element");
        return doc;
    }

    /** The text of every {@code <text>} element, joined by newlines. */
    static String texts(Document doc) {
        NodeList texts = doc.getElementsByTagNameNS("*", "text");
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < texts.getLength(); i++) {
            b.append(texts.item(i).getTextContent()).append('\n');
        }
        return b.toString();
    }

    static String read(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    }
}
