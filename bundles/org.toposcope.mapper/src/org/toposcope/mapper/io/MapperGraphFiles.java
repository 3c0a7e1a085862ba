package org.toposcope.mapper.io;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;

import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.model.MapperGraph;

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
