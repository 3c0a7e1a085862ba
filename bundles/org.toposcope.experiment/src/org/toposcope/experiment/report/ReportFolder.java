package org.toposcope.experiment.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.model.Provenance;
import org.toposcope.core.model.SuperClasses;
import org.toposcope.data.ProvenanceFiles;
import org.toposcope.diagrams.io.DiagramFiles;
import org.toposcope.mapper.io.MapperGraphFiles;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;

/**
 * A report folder read back, for the workbench: the run's layers and matrices from {@code results.json},
 * where its images are from {@code manifest.json}, and on demand each layer's diagram, mapper graph and
 * point-cloud provenance (which image, which position, each row came from). Problems are one line naming
 * the file.
 */
public final class ReportFolder {

    /** One layer's point cloud: rows and dimension. */
    public record Layer(String name, int points, int dimension) {
    }

    /**
     * @param similarities one layer x layer matrix per similarity measure, named {@code <model> <id>}
     * @param mapperLayers layers that have a mapper graph
     */
    public record Model(String name, List<Layer> layers, DistanceMatrix distances, List<DistanceMatrix> similarities,
            List<String> mapperLayers) {
        public Model {
            layers = List.copyOf(layers);
            similarities = List.copyOf(similarities);
            mapperLayers = List.copyOf(mapperLayers);
        }

        public Layer layer(String name) {
            return layers.stream().filter(l -> l.name().equals(name)).findFirst()
                    .orElseThrow(() -> new ToposcopeException("model " + this.name + " has no layer " + name));
        }
    }

    private final Path folder;
    private final String name;
    private final int images;
    private final List<String> classNames;
    private final Optional<SuperClasses> superClasses;
    private final List<Model> models;
    private final Optional<DistanceMatrix> crossModel;
    private final Optional<Path> dataPath;

    private ReportFolder(Path folder, String name, int images, List<String> classNames, Optional<SuperClasses> superClasses,
            List<Model> models, Optional<DistanceMatrix> crossModel, Optional<Path> dataPath) {
        this.folder = folder;
        this.name = name;
        this.images = images;
        this.classNames = List.copyOf(classNames);
        this.superClasses = superClasses;
        this.models = List.copyOf(models);
        this.crossModel = crossModel;
        this.dataPath = dataPath;
    }

    /** True when the folder holds a report (its {@code results.json}). */
    public static boolean isReport(Path folder) {
        return Files.isRegularFile(folder.resolve("results.json"));
    }

    public static ReportFolder open(Path folder) {
        Path results = folder.resolve("results.json");
        if (!Files.isRegularFile(results)) {
            throw new ToposcopeException(folder + ": not a Toposcope report (no results.json)");
        }
        JsonObject r = json(results);
        try {
            List<String> classes = strings(r.getAsJsonArray("classes"));
            Optional<SuperClasses> superClasses = Optional.empty();
            if (r.has("super_classes") && r.has("super_class_of")) {
                JsonArray of = r.getAsJsonArray("super_class_of");
                int[] ofClass = new int[of.size()];
                for (int i = 0; i < ofClass.length; i++) {
                    ofClass[i] = of.get(i).getAsInt();
                }
                superClasses = Optional.of(new SuperClasses("super-classes", strings(r.getAsJsonArray("super_classes")), ofClass));
            }
            List<Model> models = new ArrayList<>();
            for (JsonElement e : r.getAsJsonArray("models")) {
                JsonObject m = e.getAsJsonObject();
                List<Layer> layers = new ArrayList<>();
                for (JsonElement l : m.getAsJsonArray("layers")) {
                    JsonObject o = l.getAsJsonObject();
                    layers.add(new Layer(o.get("layer").getAsString(), o.get("points").getAsInt(), o.get("dimension").getAsInt()));
                }
                List<DistanceMatrix> similarities = new ArrayList<>();
                for (JsonElement s : m.getAsJsonArray("similarities")) {
                    similarities.add(matrix(s.getAsJsonObject()));
                }
                List<String> mapperLayers = new ArrayList<>();
                for (JsonElement g : m.getAsJsonArray("mapper")) {
                    mapperLayers.add(g.getAsJsonObject().get("layer").getAsString());
                }
                models.add(new Model(m.get("model").getAsString(), layers, matrix(m.getAsJsonObject("distances")), similarities,
                        mapperLayers));
            }
            Optional<DistanceMatrix> cross = r.has("cross_model") ? Optional.of(matrix(r.getAsJsonObject("cross_model"))) : Optional.empty();
            Optional<Path> data = Optional.empty();
            Path manifest = folder.resolve("manifest.json");
            if (Files.isRegularFile(manifest)) {
                JsonObject mf = json(manifest);
                if (mf.has("data_path")) {
                    data = Optional.of(Path.of(mf.get("data_path").getAsString()));
                }
            }
            return new ReportFolder(folder, r.get("name").getAsString(), r.get("images").getAsInt(), classes, superClasses, models, cross,
                    data);
        } catch (RuntimeException e) {
            if (e instanceof ToposcopeException t) {
                throw t;
            }
            throw new ToposcopeException(results + ": not a Toposcope results file: " + firstLine(e), e);
        }
    }

    public Path folder() {
        return folder;
    }

    public String name() {
        return name;
    }

    public int images() {
        return images;
    }

    public List<String> classNames() {
        return classNames;
    }

    public Optional<SuperClasses> superClasses() {
        return superClasses;
    }

    public List<Model> models() {
        return models;
    }

    public Model model(String name) {
        return models.stream().filter(m -> m.name().equals(name)).findFirst()
                .orElseThrow(() -> new ToposcopeException(folder + ": no model " + name + " in this report"));
    }

    public Optional<DistanceMatrix> crossModel() {
        return crossModel;
    }

    /** The data set the images came from, when the manifest records it and it still exists. */
    public Optional<Path> dataPath() {
        return dataPath.filter(Files::exists);
    }

    public Path index() {
        return folder.resolve("index.html");
    }

    public PersistenceDiagram diagram(String model, String layer) {
        return DiagramFiles.read(file("diagrams", model, layer, ".json"));
    }

    public Optional<MapperGraph> mapperGraph(String model, String layer) {
        Path f = file("mapper", model, layer, ".json");
        return Files.isRegularFile(f) ? Optional.of(MapperGraphFiles.read(f)) : Optional.empty();
    }

    /**
     * Per node of the layer's mapper graph, the mean of the first lens column over its members (NaN where not finite);
     * empty for a graph without a lens file (reports written before it existed).
     */
    public Optional<double[]> mapperMeanLens(String model, String layer) {
        Path f = folder.resolve("mapper").resolve(ReportWriter.safe(model)).resolve(ReportWriter.safe(layer) + ".lens.csv");
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ToposcopeException(f + ": cannot read: " + e.getMessage());
        }
        if (lines.isEmpty() || !lines.get(0).equals("node,mean_lens")) {
            throw new ToposcopeException(f + ":1: expected the header node,mean_lens");
        }
        double[] lens = new double[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",", -1);
            try {
                if (cells.length != 2 || Integer.parseInt(cells[0]) != i - 1) {
                    throw new NumberFormatException("expected node " + (i - 1) + ",value");
                }
                lens[i - 1] = cells[1].isEmpty() ? Double.NaN : Double.parseDouble(cells[1]);
            } catch (NumberFormatException e) {
                throw new ToposcopeException(f + ":" + (i + 1) + ": " + e.getMessage());
            }
        }
        return Optional.of(lens);
    }

    /** Where each row of the layer's point cloud came from: image, label, position. */
    public Provenance provenance(String model, String layer) {
        return ProvenanceFiles.read(file("clouds", model, layer, ".provenance.csv"));
    }

    private Path file(String kind, String model, String layer, String suffix) {
        Path f = folder.resolve(kind).resolve(ReportWriter.safe(model)).resolve(ReportWriter.safe(layer) + suffix);
        if (!Files.isRegularFile(f)) {
            throw new ToposcopeException(f + ": missing from the report");
        }
        return f;
    }

    private static DistanceMatrix matrix(JsonObject m) {
        List<String> rows = strings(m.getAsJsonArray("rows"));
        List<String> columns = strings(m.getAsJsonArray("columns"));
        JsonArray values = m.getAsJsonArray("values");
        double[] v = new double[rows.size() * columns.size()];
        for (int i = 0; i < rows.size(); i++) {
            JsonArray row = values.get(i).getAsJsonArray();
            for (int j = 0; j < columns.size(); j++) {
                v[i * columns.size() + j] = row.get(j).isJsonNull() ? Double.NaN : row.get(j).getAsDouble();
            }
        }
        return new DistanceMatrix(m.get("name").getAsString(), rows, columns, v);
    }

    private static List<String> strings(JsonArray a) {
        List<String> out = new ArrayList<>();
        a.forEach(e -> out.add(e.getAsString()));
        return out;
    }

    private static JsonObject json(Path file) {
        try {
            return JsonParser.parseString(Files.readString(file, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new ToposcopeException(file + ": cannot read: " + e.getMessage());
        } catch (JsonParseException | IllegalStateException e) {
            throw new ToposcopeException(file + ": not valid JSON: " + firstLine(e));
        }
    }

    private static String firstLine(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
