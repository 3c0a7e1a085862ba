package org.toposcope.experiment.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.toposcope.core.AtomicFiles;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.experiment.ExperimentResult;
import org.toposcope.experiment.ExperimentResult.Correlation;
import org.toposcope.experiment.ExperimentResult.LayerResult;
import org.toposcope.experiment.ExperimentResult.MapperResult;
import org.toposcope.experiment.ExperimentResult.ModelResult;
import org.toposcope.experiment.Findings;

import com.google.gson.stream.JsonWriter;

/**
 * {@code results.json}: every number of a run, and nothing that varies between runs of the same spec
 * (no times, no paths), so two runs can be compared byte for byte.
 */
final class ResultsJson {

    private ResultsJson() {
    }

    static void write(ExperimentResult r, Path file) {
        AtomicFiles.write(file, file + ": cannot write", channel -> {
            BufferedWriter out = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            JsonWriter w = new JsonWriter(out);
            w.setIndent(" ");
            w.beginObject();
            w.name("name").value(r.name());
            w.name("images").value(r.images());
            strings(w, "layers", r.layers());
            strings(w, "classes", r.classNames());
            if (r.superClasses().isPresent()) {
                strings(w, "super_classes", r.superClasses().get().names());
                w.name("super_class_of").beginArray();
                for (int c : r.superClasses().get().ofClass()) {
                    w.value(c);
                }
                w.endArray();
            }
            findings(w, r.findings());
            w.name("models").beginArray();
            for (ModelResult m : r.models()) {
                model(w, m);
            }
            w.endArray();
            if (r.crossModel().isPresent()) {
                w.name("cross_model");
                matrix(w, r.crossModel().get());
                var s = r.stability().orElseThrow();
                w.name("stability").beginObject();
                strings(w, "models", s.models());
                doubles(w, "pearson", s.pearson());
                doubles(w, "spearman", s.spearman());
                w.endObject();
            }
            w.endObject();
            w.flush();
            out.write('\n');
            out.flush();
        });
    }

    private static void findings(JsonWriter w, Findings f) throws IOException {
        w.name("findings").beginObject();
        w.name("model").value(f.model());
        w.name("within_stage_mean_distance");
        ReportWriter.number(w, f.withinStage());
        w.name("between_stage_mean_distance");
        ReportWriter.number(w, f.betweenStage());
        w.name("block_ratio");
        ReportWriter.number(w, f.blockRatio());
        strings(w, "purity_layers", f.purityLayers());
        doubles(w, "class_purity", f.classPurity());
        doubles(w, "super_class_purity", f.superClassPurity());
        w.endObject();
    }

    private static void model(JsonWriter w, ModelResult m) throws IOException {
        w.beginObject();
        w.name("model").value(m.model());
        w.name("layers").beginArray();
        for (LayerResult l : m.layers()) {
            w.beginObject();
            w.name("layer").value(l.layer());
            w.name("points").value(l.points());
            w.name("dimension").value(l.dimension());
            w.name("diagram").beginArray();
            for (PersistenceDiagram.Dimension d : l.diagram().dimensions()) {
                w.beginObject();
                w.name("dim").value(d.dimension());
                w.name("finite").value(d.finiteCount());
                w.name("essential").value(d.essentialBirths().length);
                double total = 0;
                for (int i = 0; i < d.finiteCount(); i++) {
                    total += d.death(i) - d.birth(i);
                }
                w.name("total_persistence");
                ReportWriter.number(w, total);
                w.endObject();
            }
            w.endArray();
            w.endObject();
        }
        w.endArray();
        w.name("distances");
        matrix(w, m.distances());
        w.name("similarities").beginArray();
        for (DistanceMatrix s : m.similarities()) {
            matrix(w, s);
        }
        w.endArray();
        w.name("correlations").beginArray();
        for (Correlation c : m.correlations()) {
            w.beginObject();
            w.name("similarity").value(c.similarity());
            w.name("pearson");
            ReportWriter.number(w, c.pearson());
            w.name("spearman");
            ReportWriter.number(w, c.spearman());
            w.endObject();
        }
        w.endArray();
        w.name("mapper").beginArray();
        for (MapperResult r : m.mapper()) {
            w.beginObject();
            w.name("layer").value(r.layer());
            w.name("nodes").value(r.graph().nodes().size());
            w.name("edges").value(r.graph().edges().size());
            w.name("class_purity");
            ReportWriter.number(w, r.classPurity());
            w.name("super_class_purity");
            ReportWriter.number(w, r.superClassPurity());
            w.name("image_purity");
            ReportWriter.number(w, r.imagePurity());
            w.endObject();
        }
        w.endArray();
        if (m.sensitivity().isPresent()) {
            var c = m.sensitivity().get();
            w.name("sensitivity").beginObject();
            w.name("layer").value(c.layer());
            w.name("removed").beginArray();
            for (int k : c.removed()) {
                w.value(k);
            }
            w.endArray();
            doubles(w, "fraction_removed", c.fractionRemoved());
            doubles(w, "diagram_distance", c.diagramDistance());
            doubles(w, "similarity", c.similarity());
            w.endObject();
        }
        w.endObject();
    }

    private static void matrix(JsonWriter w, DistanceMatrix m) throws IOException {
        w.beginObject();
        w.name("name").value(m.name());
        strings(w, "rows", m.rowLabels());
        strings(w, "columns", m.columnLabels());
        w.name("values").beginArray();
        for (int i = 0; i < m.rows(); i++) {
            w.beginArray();
            for (int j = 0; j < m.columns(); j++) {
                ReportWriter.number(w, m.get(i, j));
            }
            w.endArray();
        }
        w.endArray();
        w.endObject();
    }

    private static void strings(JsonWriter w, String name, List<String> values) throws IOException {
        w.name(name).beginArray();
        for (String v : values) {
            w.value(v);
        }
        w.endArray();
    }

    private static void doubles(JsonWriter w, String name, double[] values) throws IOException {
        w.name(name).beginArray();
        for (double v : values) {
            ReportWriter.number(w, v);
        }
        w.endArray();
    }
}
