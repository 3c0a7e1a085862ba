package org.toposcope.mapper.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonWriter;

/**
 * Mapper graphs as JSON ({@code {"name", "nodes": [{"id", "coverSet", "members": [...]}], "edges":
 * [{"source", "target", "sharedMembers"}]}}) or GraphML (node data: cover set, size, members as a
 * space-separated list; edge data: shared members). Files are written atomically.
 */
public final class MapperGraphFiles {

    private static final String GRAPHML = "http://graphml.graphdrawing.org/xmlns";

    private MapperGraphFiles() {
    }

    public static void writeJson(MapperGraph g, Writer out) throws IOException {
        JsonWriter json = new JsonWriter(out);
        json.beginObject().name("name").value(g.name()).name("nodes").beginArray();
        for (MapperGraph.Node n : g.nodes()) {
            json.beginObject().name("id").value(n.id()).name("coverSet").value(n.coverSet()).name("members").beginArray();
            for (int m : n.members()) {
                json.value(m);
            }
            json.endArray().endObject();
        }
        json.endArray().name("edges").beginArray();
        for (MapperGraph.Edge e : g.edges()) {
            json.beginObject().name("source").value(e.source()).name("target").value(e.target()).name("sharedMembers")
                    .value(e.sharedMembers()).endObject();
        }
        json.endArray().endObject();
        json.flush();
    }

    public static void writeGraphMl(MapperGraph g, Writer out) throws IOException {
        try {
            XMLStreamWriter xml = XMLOutputFactory.newDefaultFactory().createXMLStreamWriter(out);
            xml.writeStartDocument("UTF-8", "1.0");
            xml.writeCharacters("\n");
            xml.writeStartElement("graphml");
            xml.writeDefaultNamespace(GRAPHML);
            key(xml, "coverSet", "node", "int");
            key(xml, "size", "node", "int");
            key(xml, "members", "node", "string");
            key(xml, "sharedMembers", "edge", "int");
            xml.writeCharacters("\n  ");
            xml.writeStartElement("graph");
            xml.writeAttribute("id", g.name());
            xml.writeAttribute("edgedefault", "undirected");
            for (MapperGraph.Node n : g.nodes()) {
                xml.writeCharacters("\n    ");
                xml.writeStartElement("node");
                xml.writeAttribute("id", "n" + n.id());
                data(xml, "coverSet", Integer.toString(n.coverSet()));
                data(xml, "size", Integer.toString(n.size()));
                StringBuilder members = new StringBuilder();
                for (int m : n.members()) {
                    members.append(members.length() == 0 ? "" : " ").append(m);
                }
                data(xml, "members", members.toString());
                xml.writeEndElement();
            }
            for (MapperGraph.Edge e : g.edges()) {
                xml.writeCharacters("\n    ");
                xml.writeStartElement("edge");
                xml.writeAttribute("source", "n" + e.source());
                xml.writeAttribute("target", "n" + e.target());
                data(xml, "sharedMembers", Integer.toString(e.sharedMembers()));
                xml.writeEndElement();
            }
            xml.writeCharacters("\n  ");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndElement();
            xml.writeCharacters("\n");
            xml.writeEndDocument();
            xml.flush();
        } catch (XMLStreamException e) {
            throw new IOException(e.getMessage().lines().findFirst().orElse("XML error"), e);
        }
    }

    /** Writes GraphML when the name ends with {@code .graphml}, JSON otherwise; atomically. */
    public static void write(MapperGraph g, Path file) {
        boolean graphMl = file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".graphml");
        AtomicFiles.write(file, file + ": cannot write the mapper graph", channel -> {
            Writer out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            if (graphMl) {
                writeGraphMl(g, out);
            } else {
                writeJson(g, out);
            }
            out.flush();
        });
    }

    /** Reads the JSON form ({@link #writeJson}); problems are one line naming the file. */
    public static MapperGraph read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return readJson(in, name);
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ToposcopeException(name + ": not a mapper graph: " + m, e);
        } catch (IllegalArgumentException e) {
            throw new ToposcopeException(name + ": " + e.getMessage(), e);
        }
    }

    static MapperGraph readJson(Reader in, String file) throws IOException {
        JsonReader json = new JsonReader(in);
        String name = file;
        List<MapperGraph.Node> nodes = new ArrayList<>();
        List<MapperGraph.Edge> edges = new ArrayList<>();
        json.beginObject();
        while (json.hasNext()) {
            switch (json.nextName()) {
                case "name" -> name = json.nextString();
                case "nodes" -> {
                    json.beginArray();
                    while (json.hasNext()) {
                        int id = -1;
                        int coverSet = -1;
                        int[] members = new int[0];
                        json.beginObject();
                        while (json.hasNext()) {
                            switch (json.nextName()) {
                                case "id" -> id = json.nextInt();
                                case "coverSet" -> coverSet = json.nextInt();
                                case "members" -> members = ints(json);
                                default -> json.skipValue();
                            }
                        }
                        json.endObject();
                        if (id != nodes.size()) {
                            throw new IllegalArgumentException("node " + nodes.size() + " has id " + id);
                        }
                        nodes.add(new MapperGraph.Node(id, coverSet, members));
                    }
                    json.endArray();
                }
                case "edges" -> {
                    json.beginArray();
                    while (json.hasNext()) {
                        int source = -1;
                        int target = -1;
                        int shared = 0;
                        json.beginObject();
                        while (json.hasNext()) {
                            switch (json.nextName()) {
                                case "source" -> source = json.nextInt();
                                case "target" -> target = json.nextInt();
                                case "sharedMembers" -> shared = json.nextInt();
                                default -> json.skipValue();
                            }
                        }
                        json.endObject();
                        edges.add(new MapperGraph.Edge(source, target, shared));
                    }
                    json.endArray();
                }
                default -> json.skipValue();
            }
        }
        json.endObject();
        return new MapperGraph(name, nodes, edges);
    }

    private static int[] ints(JsonReader json) throws IOException {
        int[] v = new int[16];
        int n = 0;
        json.beginArray();
        while (json.hasNext()) {
            if (n == v.length) {
                v = java.util.Arrays.copyOf(v, n * 2);
            }
            v[n++] = json.nextInt();
        }
        json.endArray();
        return java.util.Arrays.copyOf(v, n);
    }

    private static void key(XMLStreamWriter xml, String name, String domain, String type) throws XMLStreamException {
        xml.writeCharacters("\n  ");
        xml.writeEmptyElement("key");
        xml.writeAttribute("id", name);
        xml.writeAttribute("for", domain);
        xml.writeAttribute("attr.name", name);
        xml.writeAttribute("attr.type", type);
    }

    private static void data(XMLStreamWriter xml, String key, String value) throws XMLStreamException {
        xml.writeStartElement("data");
        xml.writeAttribute("key", key);
        xml.writeCharacters(value);
        xml.writeEndElement();
    }
}
