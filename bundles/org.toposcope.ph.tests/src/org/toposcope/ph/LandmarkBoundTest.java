package org.toposcope.ph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.PointCloud;

/**
 * Landmark subsampling records its approximation and bound in the result, and the bound holds: gudhi's
 * bottleneck distance between the landmark and the exact diagrams is at most twice the covering radius.
 */
class LandmarkBoundTest {

    private final VietorisRipsBackend backend = new VietorisRipsBackend();

    private Parameters params(String... keyValues) {
        return PhTesting.params(backend, keyValues);
    }

    @Test
    void landmarkDiagramsStayWithinTwiceTheCoveringRadius(@TempDir Path dir) throws Exception {
        Random r = new Random(21);
        List<String> pairs = new ArrayList<>();
        List<Double> bounds = new ArrayList<>();
        Pattern radius = Pattern.compile("<= 2r = ([0-9.e+-]+)]$");
        for (int i = 0; i < 20; i++) {
            double[][] points = switch (i % 4) {
                case 0 -> VietorisRipsReferenceTest.circle(r, 300, 0.05);
                case 1 -> VietorisRipsReferenceTest.gaussian(r, 250, 3);
                case 2 -> VietorisRipsReferenceTest.torus(r, 300);
                default -> VietorisRipsReferenceTest.sphere(r, 250);
            };
            PointCloud cloud = PointCloud.of("c" + i, points);
            String method = i % 2 == 0 ? "maxmin" : "random";
            PersistenceDiagram exact = backend.compute(cloud, params("max-dimension", "1", "threshold", "inf"), Progress.none());
            PersistenceDiagram approx = backend.compute(cloud, params("max-dimension", "1", "threshold", "inf", "subsample", method,
                    "subsample-size", Integer.toString(60 + 5 * i)), Progress.none());
            assertTrue(approx.name().startsWith("c" + i + VietorisRipsBackend.APPROXIMATION + method + " landmarks, "), approx.name());
            Matcher m = radius.matcher(approx.name());
            assertTrue(m.find(), approx.name());
            bounds.add(Double.parseDouble(m.group(1)));
            Path a = write(dir.resolve("exact" + i), exact);
            Path b = write(dir.resolve("approx" + i), approx);
            pairs.add(a + "," + b);
        }
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/python3",
                Path.of(System.getProperty("toposcope.ph.scripts", "scripts"), "gudhi_bottleneck.py").toString()));
        cmd.addAll(pairs);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        List<String> lines = p.inputReader().lines().toList();
        assertTrue(p.waitFor(600, TimeUnit.SECONDS) && p.exitValue() == 0, String.join("\n", lines));
        assertEquals(20, lines.size(), String.join("\n", lines));
        for (int i = 0; i < 20; i++) {
            String[] t = lines.get(i).trim().split(" ");
            for (int k = 0; k + 1 < t.length; k += 2) {
                double distance = Double.parseDouble(t[k + 1]);
                assertTrue(distance <= bounds.get(i) * (1 + 1e-9), "cloud " + i + " H" + t[k] + ": bottleneck " + distance
                        + " > bound " + bounds.get(i));
            }
        }
    }

    private static Path write(Path file, PersistenceDiagram d) throws IOException {
        List<String> rows = new ArrayList<>();
        for (int k = 0; k <= d.maxDimension(); k++) {
            PersistenceDiagram.Dimension dim = d.dimension(k);
            for (int i = 0; i < dim.finiteCount(); i++) {
                rows.add(String.format(Locale.ROOT, "%d %.17g %.17g", k, dim.birth(i), dim.death(i)));
            }
            for (double b : dim.essentialBirths()) {
                rows.add(String.format(Locale.ROOT, "%d %.17g inf", k, b));
            }
        }
        return Files.write(file, rows);
    }
}
