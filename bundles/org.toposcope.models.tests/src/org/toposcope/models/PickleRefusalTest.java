package org.toposcope.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.models.internal.ModelFiles;

/**
 * Issue 11: a pickle is never executed. Real torch.save files (state_dict, zip and legacy format), a
 * pickle.dump file, and pickles whose unpickling runs os.system (protocols 0, 1 and 4, plain and inside
 * torch.save) are refused by both loaders, named as pickles, and the command they carry never runs; the
 * same files loaded by Python do run it, so the test cannot pass vacuously.
 */
class PickleRefusalTest {

    private static final List<String> PICKLES = List.of("state.pt", "legacy.pt", "state.pkl", "evil.pkl", "evil.pt",
            "evil_legacy.pt", "evil0.pt", "evil1.pth");

    @Test
    void bothLoadersRefuseEveryPickleWithoutRunningIt() throws Exception {
        Path dir = FuzzModels.dir();
        Path marker = FuzzModels.marker(dir);
        for (String file : PICKLES) {
            assertEquals(ModelFiles.Kind.PICKLE, ModelFiles.kind(dir.resolve(file)), file);
            for (ModelLoader loader : List.of(new TorchScriptModelLoader(), new OnnxModelLoader())) {
                String m = assertThrows(ToposcopeException.class,
                        () -> loader.load(dir.resolve(file), Parameters.defaults(loader), Progress.none())).getMessage();
                assertTrue(m.startsWith(file + ": refused: this is pickled Python data"), m);
                assertTrue(m.contains("unpickling runs arbitrary Python code") && m.contains("tools/export_for_toposcope.py"), m);
                assertFalse(m.contains("\n"), m);
            }
        }
        assertFalse(Files.exists(marker), "a pickle was executed");

        // The control: Python's own loaders do execute them.
        for (String load : List.of("import pickle; pickle.load(open('evil.pkl', 'rb'))",
                "import pickle; pickle.load(open('evil0.pt', 'rb'))",
                "import torch; torch.load('evil.pt', weights_only=False)")) {
            Files.deleteIfExists(marker);
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", load).directory(dir.toFile()).redirectErrorStream(true).start();
            String log = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), load);
            assertTrue(Files.exists(marker), "Python did not run the pickle, so the refusal above proves nothing: " + load + "\n" + log);
        }
        Files.deleteIfExists(marker);
    }

    @Test
    void realModelsAreNotTakenForPickles() {
        Path dir = FuzzModels.dir();
        assertEquals(ModelFiles.Kind.TORCHSCRIPT, ModelFiles.kind(dir.resolve("tiny.pt")));
        assertEquals(ModelFiles.Kind.OTHER, ModelFiles.kind(dir.resolve("tiny.onnx")));
    }
}
