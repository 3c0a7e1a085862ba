package org.toposcope.mapper.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.mapper.MapperBuilder;
import org.toposcope.mapper.cluster.Dbscan;
import org.toposcope.mapper.cover.UniformCover;
import org.toposcope.mapper.io.MapperGraphFiles;
import org.toposcope.mapper.lens.PcaLens;

/** JSON and GraphML files read back by Python's json and xml.etree describe the same graph. */
class MapperGraphFilesTest {

    private static final String SCRIPT = """
            import sys, json
            import xml.etree.ElementTree as ET
            g = json.load(open(sys.argv[1]))
            for n in g['nodes']:
                print('node', n['id'], n['coverSet'], ' '.join(map(str, n['members'])))
            for e in g['edges']:
                print('edge', e['source'], e['target'], e['sharedMembers'])
            ns = {'g': 'http://graphml.graphdrawing.org/xmlns'}
            graph = ET.parse(sys.argv[2]).getroot().find('g:graph', ns)
            for n in graph.findall('g:node', ns):
                d = {x.get('key'): x.text or '' for x in n.findall('g:data', ns)}
                assert int(d['size']) == len(d['members'].split())
                print('node', n.get('id')[1:], d['coverSet'], d['members'])
            for e in graph.findall('g:edge', ns):
                d = {x.get('key'): x.text for x in e.findall('g:data', ns)}
                print('edge', e.get('source')[1:], e.get('target')[1:], d['sharedMembers'])
            """;

    @TempDir
    Path dir;

    @Test
    void jsonAndGraphMlRoundTripThroughPython() throws Exception {
        var pca = new PcaLens();
        var cover = new UniformCover();
        var dbscan = new Dbscan();
        MapperGraph g = new MapperBuilder(pca, Parameters.resolve(pca, Map.of("components", "1")), cover,
                Parameters.resolve(cover, Map.of("intervals", "16")), dbscan,
                Parameters.resolve(dbscan, Map.of("eps", "0.3", "min-samples", "3")))
                .build(MapperBuilderTest.twoCircles(3), Progress.none());
        Path json = dir.resolve("g.json");
        Path graphMl = dir.resolve("g.graphml");
        MapperGraphFiles.write(g, json);
        MapperGraphFiles.write(g, graphMl);
        List<String> expected = new ArrayList<>();
        for (MapperGraph.Node n : g.nodes()) {
            StringBuilder b = new StringBuilder("node " + n.id() + " " + n.coverSet() + " ");
            for (int m : n.members()) {
                b.append(b.charAt(b.length() - 1) == ' ' ? "" : " ").append(m);
            }
            expected.add(b.toString());
        }
        for (MapperGraph.Edge e : g.edges()) {
            expected.add("edge " + e.source() + " " + e.target() + " " + e.sharedMembers());
        }
        List<String> both = new ArrayList<>(expected);
        both.addAll(expected);
        assertTrue(g.edges().size() > 10, g.toString());
        assertEquals(both, Python.run(dir, SCRIPT, json.toString(), graphMl.toString()));
        assertEquals(g, MapperGraphFiles.read(json), "the JSON form reads back to the same graph");
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.filter(f -> f.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void aMalformedGraphFileIsAOneLineError() throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"name\": \"g\", \"nodes\": [{\"id\": 0, \"coverSet\": 0, \"members\": [1, \"x\"]}]}");
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> MapperGraphFiles.read(file));
        assertTrue(e.getMessage().startsWith("bad.json: not a mapper graph: "), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        Files.writeString(file, "{\"nodes\": [], \"edges\": [{\"source\": 0, \"target\": 1}]}");
        e = assertThrows(ToposcopeException.class, () -> MapperGraphFiles.read(file));
        assertTrue(e.getMessage().startsWith("bad.json: "), e.getMessage());
    }

    @Test
    void anUnwritableFolderIsAOneLineError() {
        MapperGraph g = new MapperGraph("g", List.of(new MapperGraph.Node(0, 0, new int[] {1})), List.of());
        Path file = dir.resolve("missing").resolve("g.json");
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> MapperGraphFiles.write(g, file));
        assertTrue(e.getMessage().startsWith(file.toAbsolutePath() + ": cannot write the mapper graph: NoSuchFileException")
                || e.getMessage().startsWith(file + ": cannot write the mapper graph: NoSuchFileException"), e.getMessage());
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
    }
}
