package org.toposcope.experiment.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.toposcope.core.ToposcopeException;

class SpecReaderTest {

    private static final String MINIMAL = """
            data: {path: images.gz}
            models: [model.pt]
            """;

    private static String error(String yaml) {
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> SpecReader.parse(yaml, "bad.yaml", null));
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertTrue(e.getMessage().startsWith("bad.yaml: "), e.getMessage());
        return e.getMessage();
    }

    /** Found by SpecFuzz (issue 11). */
    @Test
    void fuzzFindingsAreOneLineErrors(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws java.io.IOException {
        // deep nesting overflowed snakeyaml-engine's recursive composer (StackOverflowError)
        assertEquals("bad.yaml: line 3: not valid YAML for a spec: collections nested more than 64 deep",
                error("data: {path: x}\nmodels: [a]\ndeep: " + "[".repeat(5000) + "]".repeat(5000) + "\n"));
        assertEquals("bad.yaml: not valid YAML: nested too deeply for a spec",
                error("data: {path: x}\nmodels: [a]\ndeep:\n  " + "- ".repeat(100_000) + "x\n"));
        assertTrue(error("data: {path: x}\nmodels: [a]\nok: '[[[[" + "[".repeat(100) + "'\n").contains("ok: unknown key"));
        // a key holding a Unicode line separator made a message of two lines
        String m = error("{\u2028name: x, data: {path: x}, models: [a]}\n");
        assertTrue(m.startsWith("bad.yaml: line 1: ?name: unknown key"), m);
        // malformed UTF-8 named no position
        java.nio.file.Path f = dir.resolve("bad.yaml");
        java.nio.file.Files.write(f, new byte[] {'a', ':', ' ', (byte) 0xff, '\n'});
        assertEquals("bad.yaml: byte 3: not UTF-8 text",
                assertThrows(ToposcopeException.class, () -> SpecReader.read(f)).getMessage());
    }

    @Test
    void minimalSpecGetsThePaperDefaults() {
        ExperimentSpec s = SpecReader.parse(MINIMAL, "tiny.yaml", null);
        assertEquals("tiny", s.name());
        assertEquals(0, s.seed());
        assertEquals(-1, s.data().images());
        assertEquals(List.of(new ExperimentSpec.ModelSpec("model", "model.pt")), s.models());
        assertEquals(List.of(), s.layers(), "all layers");
        assertEquals("top-l2", s.strategy().id());
        assertEquals("vietoris-rips", s.filtration().id());
        assertEquals("sliced-wasserstein", s.metric().id());
        assertEquals("h1", s.dimensions());
        assertEquals("linear-cka", s.similarities().get(0).id());
        assertTrue(s.mapper().isEmpty());
        assertTrue(s.sensitivity().isEmpty());
    }

    @Test
    void fullSpecIsReadWithParameters() {
        ExperimentSpec s = SpecReader.parse("""
                name: x
                seed: 7
                data: {path: d, images: 100, normalise: none, super-classes: none, batch: 16}
                models:
                  - path: a/m.pt
                  - {path: b/m.pt, name: second}
                layers: [l1, l2]
                strategy: {id: spatial-sample, parameters: {count: 50}}
                filtration: {id: vietoris-rips, parameters: {max-dimension: 2}}
                metric: {id: wasserstein, dimensions: both, parameters: {p: 1}}
                similarity: [linear-cka, {id: rbf-cka, parameters: {factor: 0.5}}]
                mapper: {layers: l2, lens: pca, cover: {id: quantile, parameters: {intervals: 10}}}
                sensitivity: {layer: l1, step: 2}
                """, "x.yaml", null);
        assertEquals(7, s.seed());
        assertEquals(new ExperimentSpec.DataSpec("d", 100, "none", "none", 16), s.data());
        assertEquals(List.of("m", "second"), s.models().stream().map(ExperimentSpec.ModelSpec::name).toList());
        assertEquals(Map.of("count", "50"), s.strategy().parameters());
        assertEquals("both", s.dimensions());
        assertEquals(Map.of("p", "1"), s.metric().parameters());
        assertEquals(List.of("linear-cka", "rbf-cka"), s.similarities().stream().map(Step::id).toList());
        assertEquals("similarity[1]", s.similarities().get(1).key());
        assertEquals(List.of("l2"), s.mapper().get().layers());
        assertEquals("dbscan", s.mapper().get().clusterer().id());
        assertEquals(Map.of("intervals", "10"), s.mapper().get().cover().parameters());
        assertEquals(new ExperimentSpec.SensitivitySpec("l1", 2), s.sensitivity().get());
    }

    @Test
    void badYamlNamesTheLine() {
        String m = error("data: {path: x\nmodels: [a]\n");
        assertTrue(m.contains("not valid YAML"), m);
        assertTrue(m.matches("bad\\.yaml: line \\d+: .*"), m);
    }

    @Test
    void unknownKeyIsNamedWithItsPathAndLine() {
        String m = error(MINIMAL + "mapper:\n  lense: pca\n");
        assertEquals("bad.yaml: line 4: mapper.lense: unknown key (known here: layers, lens, lens-layer, cover, clusterer)", m);
        assertTrue(error(MINIMAL + "metrik: bottleneck\n").contains("metrik: unknown key"));
    }

    @Test
    void missingAndMistypedValuesAreNamed() {
        assertTrue(error("models: [a]\n").contains("data: is required"));
        assertTrue(error("data: {images: 3}\nmodels: [a]\n").contains("data.path: is required"));
        assertTrue(error("data: {path: x, images: many}\nmodels: [a]\n").contains("data.images: 'many' is not an integer"));
        assertTrue(error("data: {path: x, images: 0}\nmodels: [a]\n").contains("data.images: must be a positive count"));
        assertTrue(error("data: {path: [x]}\nmodels: [a]\n").contains("data.path: must be a single value, not a list"));
        assertTrue(error(MINIMAL + "strategy: {parameters: {}}\n").contains("strategy.id: is required"));
        assertTrue(error(MINIMAL + "sensitivity: {layer: a, step: 0}\n").contains("sensitivity.step: must be at least 1"));
        assertTrue(error("data: {path: x}\nmodels: []\n").contains("models: needs at least one model"));
        assertTrue(error("data: {path: x}\nmodels: [a/m.pt, b/m.pt]\n").contains("a second model named 'm'"));
        assertTrue(error("- a\n- b\n").contains("the spec must be a mapping"));
        assertEquals("bad.yaml: the spec is empty", error(""));
    }

    @Test
    void duplicateKeysAreRefused() {
        assertEquals("bad.yaml: line 4: seed: given twice", error(MINIMAL + "seed: 1\nseed: 2\n"));
        assertTrue(error("data: {path: a, path: b}\nmodels: [a]\n").contains("data.path: given twice"));
    }

    @Test
    void aliasBombsAreRefused() {
        StringBuilder y = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        char prev = 'a';
        for (char c = 'b'; c <= 'j'; c++) {
            y.append(c).append(": &").append(c).append(" [");
            for (int i = 0; i < 10; i++) {
                y.append(i == 0 ? "" : ", ").append('*').append(prev);
            }
            y.append("]\n");
            prev = c;
        }
        y.append(MINIMAL);
        assertTrue(error(y.toString()).contains("not valid YAML"), "100 aliases to collections exceed the limit");
    }
}
