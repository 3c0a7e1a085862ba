package org.toposcope.models.djl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.samples.Samples;

/** Damaged copies of the shipped model folder: each is one line naming the file and the problem. */
class CorruptModelTest {

    @TempDir
    Path dir;

    private Path folder;
    private String json;
    private byte[] params;

    @BeforeEach
    void copy() throws IOException {
        Path shipped = Samples.fashionModel();
        folder = Files.createDirectories(dir.resolve("m"));
        json = Files.readString(shipped.resolve("model.json"));
        params = Files.readAllBytes(shipped.resolve("model.params"));
        Files.writeString(folder.resolve("model.json"), json);
        Files.write(folder.resolve("model.params"), params);
    }

    private String error() {
        ModelLoader loader = Registry.current().get(ModelLoader.class, "djl");
        ToposcopeException e = assertThrows(ToposcopeException.class,
                () -> loader.load(folder, Parameters.defaults(loader), Progress.none()).close());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void theIntactCopyLoads() {
        try (DjlLoadedModel m = DjlLoadedModel.open(folder.resolve("model.params"), false)) {
            assertEquals("fashion-resnet20", m.name());
        }
    }

    @Test
    void missingFiles() throws IOException {
        Files.delete(folder.resolve("model.params"));
        assertTrue(error().startsWith(folder.resolve("model.params") + ": no such file"));
        Files.delete(folder.resolve("model.json"));
        assertEquals(folder + ": no model.json (not a model folder written by 'toposcope train')", error());
        assertThrows(ToposcopeException.class, () -> DjlLoadedModel.open(dir.resolve("absent"), false));
    }

    @Test
    void truncatedOrGarbledParameters() throws IOException {
        Path p = folder.resolve("model.params");
        Files.write(p, Arrays.copyOf(params, params.length / 2));
        assertTrue(error().startsWith(p + ": ends before all parameters"), error());
        Files.write(p, Arrays.copyOf(params, params.length + 10));
        assertTrue(error().startsWith(p + ": data left after the parameters"), error());
        byte[] garbage = params.clone();
        for (int i = 0; i < 64; i++) {
            garbage[i] = (byte) (i * 37);
        }
        Files.write(p, garbage);
        assertTrue(error().startsWith(p + ": "), error());
        Files.write(p, new byte[0]);
        assertTrue(error().startsWith(p + ": "), error());
    }

    @Test
    void descriptionsThatDoNotFitTheParameters() throws IOException {
        Path j = folder.resolve("model.json");
        for (String depth : new String[] {"32", "14", "8"}) {
            Files.writeString(j, json.replace("\"depth\": 20", "\"depth\": " + depth));
            String message = error();
            assertTrue(message.startsWith(folder.resolve("model.params") + ": "), message);
            assertTrue(message.contains("the architecture in model.json"), message);
        }
        Files.writeString(j, json.replace("\"classes\": 10", "\"classes\": 7"));
        assertTrue(error().startsWith(j + ": "), error());
    }

    @Test
    void malformedDescriptions() throws IOException {
        Path j = folder.resolve("model.json");
        Files.writeString(j, json.substring(0, json.length() / 2));
        assertTrue(error().startsWith(j + ": not valid JSON: "), error());
        Files.writeString(j, "[1, 2]");
        assertEquals(j + ": not a JSON object", error());
        Files.writeString(j, json.replace("\"depth\": 20,", ""));
        assertEquals(j + ": missing 'depth'", error());
        Files.writeString(j, json.replace("\"depth\": 20", "\"depth\": 21"));
        assertEquals(j + ": depth 21 is not 6n+2 for 3 stages (e.g. 20)", error());
        Files.writeString(j, json.replace("toposcope-djl-resnet", "something-else"));
        assertEquals(j + ": format is 'something-else', expected 'toposcope-djl-resnet'", error());
    }
}
