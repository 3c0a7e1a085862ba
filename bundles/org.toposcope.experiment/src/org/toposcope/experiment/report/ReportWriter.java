package org.toposcope.experiment.report;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.toposcope.comparison.ComparisonFiles;
import org.toposcope.comparison.SensitivityCurve;
import org.toposcope.core.AtomicFiles;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.data.ProvenanceFiles;
import org.toposcope.diagrams.io.DiagramFiles;
import org.toposcope.experiment.ExperimentResult;
import org.toposcope.experiment.ExperimentResult.Correlation;
import org.toposcope.experiment.ExperimentResult.LayerResult;
import org.toposcope.experiment.ExperimentResult.MapperResult;
import org.toposcope.experiment.ExperimentResult.ModelResult;
import org.toposcope.experiment.Plan;
import org.toposcope.mapper.io.MapperGraphFiles;
import org.toposcope.report.Charts;
import org.toposcope.report.Figure;
import org.toposcope.report.HtmlReport;
import org.toposcope.report.MapperPage;
import org.toposcope.report.NodeColouring;
import org.toposcope.report.Series;

import com.google.gson.stream.JsonWriter;

/**
 * Writes a run's report folder: {@code index.html} with PNG figures (SVG beside each), every number as
 * CSV and JSON, diagrams and mapper graphs as files, the spec and a manifest. Each file is written
 * atomically; {@code index.html} last, so it never points at a file not yet written by this run.
 */
public final class ReportWriter {

    private static final int WIDTH = 720;
    private static final int HEIGHT = 560;

    private ReportWriter() {
    }

    public static void write(Plan plan, ExperimentResult result, RunManifest manifest, Path out, Progress progress) {
        try {
            Files.createDirectories(out);
        } catch (IOException e) {
            throw new ToposcopeException(out + ": cannot create the report folder: " + e.getMessage());
        }
        String metric = plan.metric().id() + " distance, " + plan.dimensions().toString().toLowerCase(Locale.ROOT).replace("both", "H0 + H1")
                .replace("h0", "H0").replace("h1", "H1");
        HtmlReport html = new HtmlReport("Toposcope report: " + result.name());
        html.paragraph(String.format(Locale.ROOT, "%d images of %s; %d model(s); %d layer(s); point clouds by %s; %s persistence; "
                + "layers compared by %s.", result.images(), Path.of(plan.spec().data().path()).getFileName(), result.models().size(),
                result.layers().size(), plan.strategy().id(), plan.filtration().id(), metric));
        if (!result.failures().isEmpty()) {
            // first, so nobody reads the findings without knowing what is missing from them
            html.section("Failed steps");
            html.paragraph(result.failures().size() + " step(s) failed because an extension threw, hung or returned malformed output; "
                    + "their results are missing below, everything else was computed.");
            List<List<String>> rows = new ArrayList<>();
            for (ExperimentResult.StepFailure f : result.failures()) {
                rows.add(List.of(f.step(), f.plugin(), f.reason()));
            }
            html.table(List.of("step", "plugin", "reason"), rows);
        }
        html.section("Findings");
        for (String s : result.findings().sentences(metric)) {
            html.paragraph(s);
        }
        int steps = result.models().size() * (result.layers().size() + 4) + 2;
        progress.begin("writing the report", steps);
        for (ModelResult m : result.models()) {
            writeModel(plan, result, m, metric, out, html, progress);
        }
        if (result.crossModel().isPresent()) {
            html.section("Across models");
            DistanceMatrix cross = result.crossModel().get();
            figure(progress, html, out, "figures/cross-model", Charts.heatMap(cross, "Layers of all models: " + metric, metric),
                    "Cross-model matrix: the layers of every model against the layers of every other (" + metric + ").");
            ComparisonFiles.writeCsv(cross, mkdirs(out.resolve("data/cross-model.csv")));
            var st = result.stability().orElseThrow();
            html.paragraph(String.format(Locale.ROOT, "Stability of the within-model matrix across the %d models: Pearson correlation of upper "
                    + "triangles mean %.3f (min %.3f), Spearman mean %.3f (min %.3f).", st.models().size(), st.meanPearson(), st.minPearson(),
                    st.meanSpearman(), st.minSpearman()));
            html.link("data/cross-model.csv", "cross-model matrix (CSV)");
        }
        progress.worked(1);
        html.section("Files");
        html.link("results.json", "every number of this report (JSON)");
        html.link("spec.yaml", "the experiment spec");
        html.link("manifest.json", "manifest: inputs' digests, parameters, versions, seed, timings");
        writeText(out.resolve("spec.yaml"), plan.spec().source());
        ResultsJson.write(result, out.resolve("results.json"));
        manifest.write(out.resolve("manifest.json"));
        html.write(out.resolve("index.html"));
        progress.worked(1);
    }

    private static void writeModel(Plan plan, ExperimentResult result, ModelResult m, String metric, Path out, HtmlReport html,
            Progress progress) {
        String dir = safe(m.model());
        html.section("Model " + m.model() + ": layers compared");
        figure(progress, html, out, "figures/" + dir + "/distances", Charts.heatMap(m.distances(), m.model() + ": " + metric, "distance"),
                "Layer x layer " + metric + " between the layers' persistence diagrams.");
        ComparisonFiles.writeCsv(m.distances(), mkdirs(out.resolve("data/" + dir + "/distances.csv")));
        for (DistanceMatrix s : m.similarities()) {
            String id = s.name().substring(s.name().lastIndexOf(' ') + 1);
            figure(progress, html, out, "figures/" + dir + "/" + safe(id), Charts.heatMap(s, m.model() + ": " + id, id),
                    "Layer x layer " + id + " of the same point clouds.");
            ComparisonFiles.writeCsv(s, mkdirs(out.resolve("data/" + dir + "/" + safe(id) + ".csv")));
        }
        List<List<String>> rows = new ArrayList<>();
        for (Correlation c : m.correlations()) {
            rows.add(List.of(c.similarity(), fmt(c.pearson()), fmt(c.spearman())));
        }
        html.paragraph("How the persistence distances agree with representational similarity (upper triangles; a distance and a "
                + "similarity that agree correlate negatively):");
        html.table(List.of("similarity", "Pearson", "Spearman"), rows);
        progress.worked(1);

        html.section("Model " + m.model() + ": persistence per layer");
        List<List<String>> layerRows = new ArrayList<>();
        for (LayerResult l : m.layers()) {
            PersistenceDiagram d = l.diagram();
            layerRows.add(List.of(l.layer(), Integer.toString(l.points()), Integer.toString(l.dimension()),
                    Integer.toString(d.dimension(0).finiteCount() + d.dimension(0).essentialBirths().length),
                    Integer.toString(d.dimension(1).finiteCount()), fmt(maxPersistence(d.dimension(1)))));
            DiagramFiles.write(d, mkdirs(out.resolve("diagrams/" + dir + "/" + safe(l.layer()) + ".json")));
            ProvenanceFiles.write(l.provenance(), mkdirs(out.resolve("clouds/" + dir + "/" + safe(l.layer()) + ".provenance.csv")));
        }
        html.table(List.of("layer", "points", "dimension", "H0 classes", "H1 pairs", "longest H1 bar"), layerRows);
        for (LayerResult l : m.layers()) {
            progress.checkCancelled();
            String base = "figures/" + dir + "/" + safe(l.layer());
            figure(progress, html, out, base + "-diagram", Charts.persistenceDiagram(l.diagram(), m.model() + " " + l.layer()),
                    "Persistence diagram of " + l.layer() + " (" + l.points() + " points in R^" + l.dimension() + ").");
            figure(progress, html, out, base + "-barcode", Charts.barcode(l.diagram(), m.model() + " " + l.layer() + " barcode"),
                    "Barcode of " + l.layer() + ".");
            progress.worked(1);
        }

        if (!m.mapper().isEmpty()) {
            html.section("Model " + m.model() + ": mapper graphs");
            List<String> layers = m.mapper().stream().map(MapperResult::layer).toList();
            List<Series> purity = new ArrayList<>();
            purity.add(new Series("class purity", index(layers.size()), m.mapper().stream().mapToDouble(MapperResult::classPurity).toArray()));
            if (result.superClasses().isPresent()) {
                purity.add(new Series("super-class purity", index(layers.size()),
                        m.mapper().stream().mapToDouble(MapperResult::superClassPurity).toArray()));
            }
            purity.add(new Series("per-image class purity", index(layers.size()),
                    m.mapper().stream().mapToDouble(MapperResult::imagePurity).toArray()));
            figure(progress, html, out, "figures/" + dir + "/purity", Charts.categoryLines(m.model() + ": mapper purity by layer", "layer", "purity",
                    layers, purity), "Node-wise purity (mean over nodes of 1 / distinct labels) of each layer's mapper graph.");
            writePurityCsv(m, out.resolve("data/" + dir + "/purity.csv"));
            Plan.Mapper mp = plan.mapper().orElseThrow();
            for (MapperResult r : m.mapper()) {
                progress.checkCancelled();
                String base = "mapper/" + dir + "/" + safe(r.layer());
                MapperGraphFiles.write(r.graph(), mkdirs(out.resolve(base + ".json")));
                MapperGraphFiles.write(r.graph(), out.resolve(base + ".graphml"));
                writeMeanLens(r, out.resolve(base + ".lens.csv"));
                if (!mp.figureLayers().contains(r.layer())) {
                    continue;
                }
                List<NodeColouring> colourings = new ArrayList<>();
                if (r.superLabels().isPresent()) {
                    colourings.add(NodeColouring.of("super-class", r.graph(), r.superLabels().get(), result.superClasses().orElseThrow().names()));
                }
                colourings.add(NodeColouring.of("class", r.graph(), r.labels(), result.classNames()));
                MapperPage.write(out.resolve(base + ".html"), r.graph(), colourings, r.meanLens(), m.model() + " " + r.layer() + " mapper graph");
                figure(progress, html, out, "figures/" + dir + "/" + safe(r.layer()) + "-mapper",
                        Charts.mapperGraph(r.graph(), colourings.get(0), m.model() + " " + r.layer() + ": mapper graph by " + colourings.get(0).by()),
                        String.format(Locale.ROOT, "Mapper graph of %s (%s lens, %s cover, %s): %d nodes, %d edges; class purity %.3f%s.",
                                r.layer(), mp.lens().id(), mp.cover().id(), mp.clusterer().id(), r.graph().nodes().size(),
                                r.graph().edges().size(), r.classPurity(), r.superLabels().isPresent()
                                        ? String.format(Locale.ROOT, ", super-class purity %.3f", r.superClassPurity()) : ""));
                html.link(base + ".html", "interactive mapper graph of " + r.layer() + " (HTML)");
            }
        }
        progress.worked(1);

        if (m.sensitivity().isPresent()) {
            SensitivityCurve c = m.sensitivity().get();
            html.section("Model " + m.model() + ": sensitivity of " + c.layer());
            figure(progress, html, out, "figures/" + dir + "/sensitivity-distance", Charts.lines("Deleting the smallest principal directions of "
                    + c.layer(), "fraction of directions removed", metric + " to the original",
                    List.of(new Series(metric, c.fractionRemoved(), c.diagramDistance()))),
                    "Distance between the diagram of the cloud with its k smallest principal directions deleted and the original diagram.");
            String simId = plan.similarities().get(0).id();
            figure(progress, html, out, "figures/" + dir + "/sensitivity-similarity", Charts.lines("The same deletions seen by " + simId,
                    "fraction of directions removed", simId + " to the original", List.of(new Series(simId, c.fractionRemoved(), c.similarity()))),
                    simId + " between the original cloud and the cloud with its k smallest principal directions deleted.");
            ComparisonFiles.writeCsv(c, mkdirs(out.resolve("data/" + dir + "/sensitivity.csv")));
        }
        progress.worked(1);
    }

    private static void figure(Progress progress, HtmlReport html, Path out, String base, Figure figure, String caption) {
        progress.checkCancelled(); // a figure takes up to a few hundred milliseconds; cancelling must not wait for all of them
        Path png = mkdirs(out.resolve(base + ".png"));
        figure.writePng(png, WIDTH, HEIGHT);
        figure.writeSvg(out.resolve(base + ".svg"), WIDTH, HEIGHT);
        html.figure(base + ".png", base + ".svg", caption);
    }

    private static void writePurityCsv(ModelResult m, Path file) {
        StringBuilder s = new StringBuilder("layer,nodes,edges,class_purity,super_class_purity,image_purity\n");
        for (MapperResult r : m.mapper()) {
            s.append(r.layer()).append(',').append(r.graph().nodes().size()).append(',').append(r.graph().edges().size()).append(',')
                    .append(r.classPurity()).append(',').append(r.superClassPurity()).append(',').append(r.imagePurity()).append('\n');
        }
        writeText(mkdirs(file), s.toString());
    }

    /** node,mean_lens per line (Double.toString, empty when not finite), so the workbench can colour by lens. */
    private static void writeMeanLens(MapperResult r, Path file) {
        StringBuilder s = new StringBuilder("node,mean_lens\n");
        double[] lens = r.meanLens();
        for (int n = 0; n < lens.length; n++) {
            s.append(n).append(',').append(Double.isFinite(lens[n]) ? Double.toString(lens[n]) : "").append('\n');
        }
        writeText(file, s.toString());
    }

    static void writeText(Path file, String text) {
        AtomicFiles.write(file, file + ": cannot write", channel -> {
            Writer w = new BufferedWriter(Channels.newWriter(channel, StandardCharsets.UTF_8));
            w.write(text);
            w.flush();
        });
    }

    static Path mkdirs(Path file) {
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new ToposcopeException(file.getParent() + ": cannot create: " + e.getMessage());
        }
        return file;
    }

    private static double[] index(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i;
        }
        return x;
    }

    private static double maxPersistence(PersistenceDiagram.Dimension d) {
        double max = 0;
        for (int i = 0; i < d.finiteCount(); i++) {
            max = Math.max(max, d.death(i) - d.birth(i));
        }
        return max;
    }

    static String fmt(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.4g", v);
    }

    /** A name usable as a file name on every system. */
    public static String safe(String name) {
        String s = name.replaceAll("[^A-Za-z0-9._-]", "_");
        return s.isEmpty() || s.startsWith(".") ? "_" + s : s;
    }

    static void number(JsonWriter w, double v) throws IOException {
        if (Double.isFinite(v)) {
            w.value(v);
        } else {
            w.nullValue();
        }
    }

}
