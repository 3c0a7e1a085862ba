package org.toposcope.models;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.fuzz.FuzzFiles;
import org.toposcope.fuzz.Mutation;
import org.toposcope.fuzz.ReaderCheck;
import org.toposcope.models.internal.ModelFiles;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Model files made by PyTorch (TorchScript, ONNX, torch.save and pickle files, malicious pickles),
 * mutated. The byte-level pre-checks ({@link ModelFiles#kind}, which decide what an engine may see) are
 * fuzzed at full strength; whole loads through libtorch and ONNX Runtime cost milliseconds each and
 * run natively, so fewer cases go that far.
 */
class ModelFilesFuzz {

    private static final String[] SOURCES = {"tiny.pt", "tiny.onnx", "state.pt", "legacy.pt", "state.pkl", "evil.pkl",
        "evil.pt", "evil_legacy.pt", "evil0.pt", "evil1.pth"};

    private final ReaderCheck preChecks = ReaderCheck.of("model-prechecks",
            "empty file|corrupt or truncated zip archive .*|corrupt zip entry .*", 4, 2 << 20);
    /** Allocation is not the point here: the engines allocate natively, DJL on the Java heap as it likes. */
    private final ReaderCheck loads = ReaderCheck.of("model-loads", "empty file|corrupt or truncated zip archive .*"
            + "|corrupt zip entry .*|refused: .*|not a TorchScript file .*|a TorchScript archive, not ONNX.*"
            + "|not a loadable (TorchScript module|ONNX model): .*|the graph has .*|input .*|two graph outputs .*"
            + "|forward .*|layer_names\\(\\) .*|input_shape\\(\\) .*", 1000, 1L << 30);

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.listOf(Mutation.binary());
    }

    @Provide
    Arbitrary<String> sources() {
        return Arbitraries.of(SOURCES);
    }

    @Provide
    Arbitrary<String> models() {
        return Arbitraries.of("tiny.pt", "tiny.onnx");
    }

    @Property
    void preChecks(@ForAll("sources") String source, @ForAll("mutations") List<Mutation> mutations,
            @ForAll("extensions") String extension) {
        byte[] bytes = Mutation.applyAll(read(source), mutations);
        Path file = FuzzFiles.write("model" + extension, bytes);
        ModelFiles.Kind kind = preChecks.check(file, source + " as " + extension + " " + mutations, ModelFiles::kind);
        if (!source.startsWith("tiny")) {
            assertNotEquals(ModelFiles.Kind.TORCHSCRIPT, kind, "a mutated pickle passed for TorchScript");
        }
        if (mutations.isEmpty() && !source.startsWith("tiny")) {
            assertNotEquals(ModelFiles.Kind.OTHER, kind, "a pickle was not recognised");
        }
        assertFalse(Files.exists(FuzzModels.marker(FuzzModels.dir())), "a pickle was executed");
    }

    @Provide
    Arbitrary<String> extensions() {
        return Arbitraries.of(".pt", ".onnx", ".pth", ".bin", ".pkl");
    }

    /** Mutated models through the real loaders, both ways round (a TorchScript file given to ONNX and back). */
    @Property(tries = 200)
    void fullLoads(@ForAll("models") String source, @ForAll("mutations") List<Mutation> mutations, @ForAll boolean torchscript) {
        byte[] bytes = Mutation.applyAll(read(source), mutations);
        Path file = FuzzFiles.write(torchscript ? "load.pt" : "load.onnx", bytes);
        ModelLoader loader = torchscript ? new TorchScriptModelLoader() : new OnnxModelLoader();
        loads.check(file, source + " via " + loader.id() + " " + mutations, f -> {
            try (LoadedModel model = loader.load(f, Parameters.defaults(loader), Progress.none())) {
                return model.layers(model.inputShape().orElse(new int[] {1, 8, 8})).size();
            }
        });
    }

    private static byte[] read(String source) {
        try {
            return Files.readAllBytes(FuzzModels.dir().resolve(source));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
