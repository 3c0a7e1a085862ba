package org.toposcope.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code toposcope run} and {@code toposcope demo} as a user calls them. */
class RunCommandTest {

    @TempDir
    Path dir;

    @Test
    void runWritesTheReportAndPrintsItsIndex() throws IOException {
        Path spec = dir.resolve("small.yaml");
        Files.writeString(spec, """
                name: small
                data: {path: sample:fashion-mnist-test, images: 30}
                models: [sample:fashion-resnet20]
                layers: [stem, stage3.block3]
                """);
        Path out = dir.resolve("out");
        CliRun r = CliRun.of("run", spec.toString(), "--out", out.toString());
        assertEquals(0, r.code(), r.err());
        assertEquals(out.resolve("index.html").toAbsolutePath().toString(), r.out().trim());
        assertTrue(Files.isRegularFile(out.resolve("figures/fashion-resnet20/distances.svg")));
        assertEquals(Files.readString(spec), Files.readString(out.resolve("spec.yaml")), "the report keeps the spec as given");
    }

    @Test
    void aBadSpecIsOneLineAndExitCodeOne() throws IOException {
        Path spec = dir.resolve("bad.yaml");
        Files.writeString(spec, "data: {path: sample:fashion-mnist-test}\nmodels: [sample:fashion-resnet20]\nlayers: [stem, nope]\n");
        CliRun r = CliRun.of("run", spec.toString(), "--out", dir.resolve("out").toString());
        assertEquals(1, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("toposcope: bad.yaml: layers: 'nope' is not a layer of model fashion-resnet20"), r.err());
        assertFalse(Files.exists(dir.resolve("out")));

        r = CliRun.of("run", dir.resolve("missing.yaml").toString());
        assertEquals(1, r.code());
        assertEquals("toposcope: missing.yaml: no such spec file", r.err().trim());

        Files.writeString(spec, "data: [unclosed\n");
        r = CliRun.of("run", spec.toString());
        assertEquals(1, r.code());
        assertTrue(r.err().startsWith("toposcope: bad.yaml: line ") && r.err().contains("not valid YAML"), r.err());
    }

    @Test
    void demoPrintsItsSpecForUsersToStartFrom() throws IOException {
        CliRun r = CliRun.of("demo", "--print-spec");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("models:") && r.out().contains("sample:fashion-resnet20"), r.out());
        // what it prints runs as a spec of its own: check it through the plan (no computation) with an unknown layer swapped in
        Path spec = dir.resolve("mine.yaml");
        Files.writeString(spec, r.out().replace("stage3.block1,", "stage3.block7,"));
        CliRun bad = CliRun.of("run", spec.toString(), "--out", dir.resolve("x").toString());
        assertTrue(bad.err().startsWith("toposcope: mine.yaml: layers: 'stage3.block7' is not a layer"), bad.err());
    }
}
