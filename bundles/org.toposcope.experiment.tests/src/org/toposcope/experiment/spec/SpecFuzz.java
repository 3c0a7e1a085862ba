package org.toposcope.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.toposcope.fuzz.FuzzFiles;
import org.toposcope.fuzz.Mutation;
import org.toposcope.fuzz.ReaderCheck;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

/**
 * Experiment specs: valid ones in block and flow style, then text mutations and YAML's own hazards
 * (alias bombs, recursive aliases, deep nesting, merge keys, language tags, huge numbers).
 */
class SpecFuzz {

    /**
     * snakeyaml-engine's garbage grows with the square of a long scalar's length (115 MB of short-lived
     * objects for 240 KB); specs are at most SpecReader.MAX_BYTES (256 KiB) long, which bounds it.
     */
    private final ReaderCheck check = ReaderCheck.of("spec-yaml",
            "the spec is empty|not valid YAML: .*|larger than \\d+ bytes, not an experiment spec", 1000, 4 << 20);

    private static final String BLOCK = """
            # a spec
            name: fuzz
            seed: 7
            data:
              path: images.idx
              images: 100
              normalise: auto
              batch: 32
            models:
              - a/first.pt
              - b/second.onnx
            layers: [conv1, layer1.0, layer2.0]
            strategy: top-l2
            filtration:
              id: vietoris-rips
              parameters: {max-dimension: 1}
            metric:
              id: sliced-wasserstein
              dimensions: h1
              parameters: {directions: 50}
            similarity: [linear-cka, svcca]
            mapper:
              layers: [conv1]
              lens: l2-norm
              cover: {id: uniform, parameters: {intervals: 10, overlap: 0.3}}
              clusterer: dbscan
            sensitivity:
              layer: layer2.0
              step: 4
            """;

    private static final String FLOW = "{name: fuzz, data: {path: x.npz, images: 10}, models: [m.pt], layers: all, "
            + "metric: {id: bottleneck, dimensions: both}, similarity: [linear-cka]}\n";

    enum Hazard {
        NONE, ALIAS_BOMB, RECURSIVE_ALIAS, DEEP_LISTS, DEEP_MAPS, DEEP_BLOCK, MERGE_KEYS, PYTHON_TAG, HUGE_NUMBER, LONG_SCALAR, MANY_KEYS
    }

    @Provide
    Arbitrary<List<Mutation>> mutations() {
        return Mutation.listOf(Mutation.text());
    }

    @Provide
    Arbitrary<Hazard> hazards() {
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(Hazard.NONE)),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(Hazard.class)));
    }

    @Property
    void specs(@ForAll boolean flow, @ForAll("hazards") Hazard hazard, @ForAll @IntRange(min = 1, max = 12) int size,
            @ForAll("mutations") List<Mutation> mutations) {
        String text = (flow ? FLOW : BLOCK) + hazard(hazard, size);
        Path file = FuzzFiles.write("spec.yaml", Mutation.applyAll(text.getBytes(StandardCharsets.UTF_8), mutations));
        check.check(file, (flow ? "flow " : "block ") + hazard + " x" + size + " " + mutations, SpecReader::read);
        if (mutations.isEmpty() && hazard == Hazard.NONE) { // again outside the check, so a refusal fails with its message
            assertEquals("fuzz", SpecReader.read(file).name());
        }
    }

    /** A top-level key carrying the hazard; the reader refuses unknown keys, but only after composing them. */
    static String hazard(Hazard hazard, int size) {
        switch (hazard) {
            case NONE:
                return "";
            case ALIAS_BOMB: { // each level refers to the last one `size` times: size^9 nodes if expanded
                StringBuilder s = new StringBuilder("bomb:\n  l0: &l0 [x, x, x, x, x, x, x, x, x, x]\n");
                for (int level = 1; level < 9; level++) {
                    s.append("  l").append(level).append(": &l").append(level).append(" [");
                    for (int i = 0; i < size; i++) {
                        s.append(i == 0 ? "" : ", ").append("*l").append(level - 1);
                    }
                    s.append("]\n");
                }
                return s.toString();
            }
            case RECURSIVE_ALIAS:
                return "loop: &loop [a, *loop]\nself: &self {key: *self}\n";
            case DEEP_LISTS:
                return "deep: " + "[".repeat(size * 500) + "]".repeat(size * 500) + "\n";
            case DEEP_MAPS:
                return "deep: " + "{a: ".repeat(size * 300) + "b" + "}".repeat(size * 300) + "\n";
            case DEEP_BLOCK:
                return "deep:\n  " + "- ".repeat(size * 1000) + "x\n";
            case MERGE_KEYS:
                return "base: &base {id: uniform}\nextra:\n  <<: *base\n  <<: *base\n";
            case PYTHON_TAG:
                return "evil: !!python/object/apply:os.system ['touch /tmp/toposcope-yaml-ran']\n";
            case HUGE_NUMBER:
                return "seed: " + "9".repeat(size * 50) + "\n";
            case LONG_SCALAR:
                return "long: " + "x".repeat(size * 22_000) + "\n"; // up to SpecReader.MAX_BYTES
            case MANY_KEYS: {
                StringBuilder s = new StringBuilder("many:\n");
                for (int i = 0; i < size * 2000; i++) {
                    s.append("  k").append(i).append(": ").append(i).append('\n');
                }
                return s.toString();
            }
            default:
                throw new IllegalStateException(hazard.toString());
        }
    }
}
