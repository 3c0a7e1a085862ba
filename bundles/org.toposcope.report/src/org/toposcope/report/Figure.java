package org.toposcope.report;

import java.awt.Graphics2D;
import java.awt.Rectangle;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Objects;

import javax.imageio.ImageIO;
import javax.imageio.stream.ImageOutputStream;
import javax.imageio.stream.MemoryCacheImageOutputStream;

import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;
import org.toposcope.core.AtomicFiles;
import org.toposcope.core.ToposcopeException;

/** A drawable figure, rendered to PNG and SVG from the same chart. */
public final class Figure {

    /** Largest side accepted, in pixels: 16384² ARGB is already 1 GiB. */
    public static final int MAX_SIDE = 16384;

    private final String title;
    private final JFreeChart chart;

    Figure(String title, JFreeChart chart) {
        this.title = Objects.requireNonNull(title, "title");
        this.chart = chart;
    }

    public String title() {
        return title;
    }

    /** The figure drawn on an image of the given size (white background). */
    public BufferedImage toImage(int width, int height) {
        checkSize(title, width, height);
        Headless.ensure();
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            synchronized (chart) {
                chart.draw(g, new Rectangle(0, 0, width, height));
            }
        } finally {
            g.dispose();
        }
        return image;
    }

    /** The figure as an SVG document; the same figure always gives the same text. */
    public String toSvg(int width, int height) {
        checkSize(title, width, height);
        Headless.ensure();
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        // JFreeSVG's default prefix is time-based; a fixed one keeps files reproducible
        g.setDefsKeyPrefix("ts");
        synchronized (chart) {
            chart.draw(g, new Rectangle(0, 0, width, height));
        }
        // no DOCTYPE (unlike getSVGDocument): XML readers would try to fetch the DTD from w3.org
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + g.getSVGElement() + "\n";
    }

    /** Writes a PNG atomically. */
    public void writePng(Path file, int width, int height) {
        checkSize(file.toString(), width, height);
        BufferedImage image = toImage(width, height);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(1 << 16);
        // an in-memory stream: ImageIO's default file cache makes a temporary file (deleteOnExit), refused during shutdown
        try (ImageOutputStream out = new MemoryCacheImageOutputStream(bytes)) {
            if (!ImageIO.write(image, "png", out)) {
                throw new ToposcopeException(file + ": cannot write: no PNG writer in this Java runtime");
            }
        } catch (IOException e) {
            throw new ToposcopeException(file + ": cannot encode PNG: " + e.getMessage(), e);
        }
        write(file, bytes.toByteArray());
    }

    /** Writes an SVG document atomically. */
    public void writeSvg(Path file, int width, int height) {
        checkSize(file.toString(), width, height);
        write(file, toSvg(width, height).getBytes(StandardCharsets.UTF_8));
    }

    JFreeChart chart() {
        return chart;
    }

    static void write(Path file, byte[] bytes) {
        AtomicFiles.write(file, file + ": cannot write", channel -> {
            ByteBuffer buffer = ByteBuffer.wrap(bytes);
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        });
    }

    private static void checkSize(String what, int width, int height) {
        if (width < 16 || height < 16 || width > MAX_SIDE || height > MAX_SIDE) {
            throw new ToposcopeException(what + ": figure size " + width + " x " + height + " is outside 16.." + MAX_SIDE + " pixels");
        }
    }

    @Override
    public String toString() {
        return "Figure[" + title + "]";
    }
}
