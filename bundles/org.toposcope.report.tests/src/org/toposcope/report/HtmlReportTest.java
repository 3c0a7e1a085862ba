package org.toposcope.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.ToposcopeException;

class HtmlReportTest {

    @TempDir
    Path dir;

    @Test
    void writesAnEscapedPageAtomically() throws Exception {
        Path index = dir.resolve("index.html");
        Files.writeString(index, "old");
        new HtmlReport("Experiment <fashion> & co")
                .section("Persistence")
                .paragraph("<script>alert('x')</script> and \"quotes\"")
                .figure("figures/pd layer1.png", "figures/pd layer1.svg", "Diagram of <layer1>")
                .section("Similarity")
                .table(List.of("layer", "CKA"), List.of(List.of("conv1", "0.93"), List.of("<fc>", "1")))
                .link("mapper/layer3.html", "interactive mapper")
                .write(index);
        String html = Files.readString(index);
        assertFalse(html.contains("<script"), "a script tag got through");
        assertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; and &quot;quotes&quot;"));
        assertTrue(html.contains("<title>Experiment &lt;fashion&gt; &amp; co</title>"));
        assertTrue(html.contains("<img src=\"figures/pd%20layer1.png\" alt=\"Diagram of &lt;layer1&gt;\">"));
        assertTrue(html.contains("href=\"figures/pd%20layer1.svg\""));
        assertTrue(html.contains("<td>&lt;fc&gt;</td>") && html.contains("<td class=\"num\">0.93</td>"));
        assertTrue(html.contains("<a href=\"#s2\">Similarity</a>"), "no table of contents");
        assertTrue(html.contains("<a href=\"mapper/layer3.html\">interactive mapper</a>"));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(index), files.toList(), "temporary files left behind");
        }
        // the page parses as XML-ish HTML? at least every opened table closes
        assertEquals(count(html, "<table>"), count(html, "</table>"));
    }

    @Test
    void refusesAbsoluteFiguresScriptLinksAndRaggedTables() {
        HtmlReport report = new HtmlReport("r");
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> report.figure("/tmp/x.png", null, "c"));
        assertEquals("report figure '/tmp/x.png': not a path relative to the report", e.getMessage());
        assertThrows(ToposcopeException.class, () -> report.figure("https://example.org/x.png", null, "c"));
        assertThrows(ToposcopeException.class, () -> report.link("javascript:alert(1)", "x"));
        e = assertThrows(ToposcopeException.class, () -> report.table(List.of("a", "b"), List.of(List.of("1"))));
        assertEquals("report 'r': table row 0 has 1 cells for 2 columns", e.getMessage());
    }

    @Test
    void failedWriteLeavesTheOldPageAndNoTemporaryFile() throws Exception {
        Path folder = dir.resolve("index.html");
        Files.createDirectory(folder);
        Files.writeString(folder.resolve("keep"), "x");
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> new HtmlReport("r").write(folder));
        assertTrue(e.getMessage().startsWith(folder + ": cannot write"), e.getMessage());
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(folder), files.toList());
        }
    }

    private static int count(String text, String what) {
        int n = 0;
        for (int i = text.indexOf(what); i >= 0; i = text.indexOf(what, i + 1)) {
            n++;
        }
        return n;
    }
}
