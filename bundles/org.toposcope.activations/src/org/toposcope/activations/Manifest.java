package org.toposcope.activations;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.model.SuperClasses;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

/**
 * What {@code manifest.json} of an activations folder says: how many images, each layer's file and
 * per-image shape, where the activations came from (model and data with SHA-256 digests), how they
 * were captured (limit, batch, seed, input normalisation), the class names and super-classes, and the
 * Toposcope version. Labels are in {@code labels.npy} (int64, one per image; images are the data
 * set's first {@code images}).
 */
public record Manifest(int images, int[] imageShape, List<Layer> layers, List<String> classNames,
        Optional<SuperClasses> superClasses, Source model, Source data, int limit, int batch, long seed,
        String normalisation, String toposcopeVersion) {

    public static final String FORMAT = "toposcope-activations";
    public static final int FORMAT_VERSION = 1;
    public static final String FILE = "manifest.json";
    public static final String LABELS = "labels.npy";

    /** A layer, its .npy file in the folder (N x shapePerImage, little-endian float32) and one image's shape. */
    public record Layer(String name, String file, int[] shapePerImage) {
        public Layer {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(file, "file");
            shapePerImage = shapePerImage.clone();
        }

        @Override
        public int[] shapePerImage() {
            return shapePerImage.clone();
        }

        public LayerInfo info() {
            return new LayerInfo(name, shapePerImage);
        }

        /** Values per image. */
        public int features() {
            int f = 1;
            for (int s : shapePerImage) {
                f *= s;
            }
            return f;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Layer l && l.name.equals(name) && l.file.equals(file) && Arrays.equals(l.shapePerImage, shapePerImage);
        }

        @Override
        public int hashCode() {
            return name.hashCode() * 31 + Arrays.hashCode(shapePerImage);
        }
    }

    /** A model or data set: its name, the path it was read from and the SHA-256 of its bytes ("" when unknown). */
    public record Source(String name, String path, String sha256) {
        public Source {
            Objects.requireNonNull(name, "name");
            path = path == null ? "" : path;
            sha256 = sha256 == null ? "" : sha256;
        }
    }

    public Manifest {
        imageShape = imageShape.clone();
        layers = List.copyOf(layers);
        classNames = List.copyOf(classNames);
        Objects.requireNonNull(superClasses, "superClasses");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(data, "data");
        normalisation = normalisation == null ? "none" : normalisation;
        toposcopeVersion = toposcopeVersion == null ? "" : toposcopeVersion;
    }

    @Override
    public int[] imageShape() {
        return imageShape.clone();
    }

    /** The layer of this name; a one-line error listing the known layers when there is none. */
    public Layer layer(String name) {
        for (Layer l : layers) {
            if (l.name.equals(name)) {
                return l;
            }
        }
        throw new ToposcopeException("no layer '" + name + "' (known: " + String.join(", ", layerNames()) + ")");
    }

    public List<String> layerNames() {
        return layers.stream().map(Layer::name).toList();
    }

    String toJson() {
        JsonObject o = new JsonObject();
        o.addProperty("format", FORMAT);
        o.addProperty("format_version", FORMAT_VERSION);
        o.addProperty("toposcope_version", toposcopeVersion);
        o.addProperty("images", images);
        o.add("image_shape", ints(imageShape));
        o.add("model", source(model));
        o.add("data", source(data));
        o.addProperty("limit", limit);
        o.addProperty("batch", batch);
        o.addProperty("seed", seed);
        o.addProperty("normalisation", normalisation);
        JsonObject labels = new JsonObject();
        labels.addProperty("file", LABELS);
        labels.addProperty("dtype", "<i8");
        o.add("labels", labels);
        JsonArray names = new JsonArray();
        classNames.forEach(names::add);
        o.add("class_names", names);
        o.add("super_classes", superClasses.<JsonElement>map(s -> {
            JsonObject j = new JsonObject();
            j.addProperty("name", s.name());
            JsonArray n = new JsonArray();
            s.names().forEach(n::add);
            j.add("names", n);
            j.add("of_class", ints(s.ofClass()));
            return j;
        }).orElse(JsonNull.INSTANCE));
        JsonArray ls = new JsonArray();
        for (Layer l : layers) {
            JsonObject j = new JsonObject();
            j.addProperty("name", l.name);
            j.addProperty("file", l.file);
            int[] shape = new int[l.shapePerImage.length + 1];
            shape[0] = images;
            System.arraycopy(l.shapePerImage, 0, shape, 1, l.shapePerImage.length);
            j.add("shape", ints(shape));
            j.addProperty("dtype", "<f4");
            ls.add(j);
        }
        o.add("layers", ls);
        return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(o) + "\n";
    }

    /** Parses and checks a manifest; every problem is one line naming {@code name}. */
    static Manifest fromJson(String name, String text) {
        try {
            JsonElement root = JsonParser.parseString(text);
            if (!root.isJsonObject()) {
                throw new ToposcopeException(name + ": not a JSON object");
            }
            JsonObject o = root.getAsJsonObject();
            if (!FORMAT.equals(string(o, "format", name))) {
                throw new ToposcopeException(name + ": format is not '" + FORMAT + "'");
            }
            int version = integer(o, "format_version", name);
            if (version != FORMAT_VERSION) {
                throw new ToposcopeException(name + ": format_version " + version + " is not " + FORMAT_VERSION);
            }
            int images = integer(o, "images", name);
            if (images < 0) {
                throw new ToposcopeException(name + ": images is negative");
            }
            List<Layer> layers = new ArrayList<>();
            for (JsonElement e : array(o, "layers", name)) {
                JsonObject l = e.getAsJsonObject();
                String layerName = string(l, "name", name);
                int[] shape = ints(array(l, "shape", name));
                if (shape.length < 2 || shape[0] != images) {
                    throw new ToposcopeException(name + ": layer " + layerName + " has shape " + Arrays.toString(shape)
                            + ", not " + images + " images x features");
                }
                String file = string(l, "file", name);
                if (file.contains("/") || file.contains("\\") || file.startsWith(".")) {
                    throw new ToposcopeException(name + ": layer " + layerName + " names file '" + file + "' outside the folder");
                }
                layers.add(new Layer(layerName, file, Arrays.copyOfRange(shape, 1, shape.length)));
            }
            List<String> classNames = new ArrayList<>();
            for (JsonElement e : array(o, "class_names", name)) {
                classNames.add(e.getAsString());
            }
            Optional<SuperClasses> superClasses = Optional.empty();
            JsonElement s = o.get("super_classes");
            if (s != null && s.isJsonObject()) {
                JsonObject j = s.getAsJsonObject();
                List<String> names = new ArrayList<>();
                for (JsonElement e : array(j, "names", name)) {
                    names.add(e.getAsString());
                }
                superClasses = Optional.of(new SuperClasses(string(j, "name", name), names, ints(array(j, "of_class", name))));
            }
            return new Manifest(images, ints(array(o, "image_shape", name)), layers, classNames, superClasses,
                    source(o, "model", name), source(o, "data", name), integer(o, "limit", name), integer(o, "batch", name),
                    o.has("seed") ? o.get("seed").getAsLong() : 0, optional(o, "normalisation"), optional(o, "toposcope_version"));
        } catch (ToposcopeException e) {
            throw e;
        } catch (RuntimeException e) {
            // gson's syntax and type errors are multi-line or cryptic; the first line is enough
            String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
            throw new ToposcopeException(name + ": malformed manifest: " + m, e);
        }
    }

    private static JsonArray ints(int[] values) {
        JsonArray a = new JsonArray();
        for (int v : values) {
            a.add(new JsonPrimitive(v));
        }
        return a;
    }

    private static int[] ints(JsonArray a) {
        int[] v = new int[a.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.get(i).getAsInt();
        }
        return v;
    }

    private static JsonObject source(Source s) {
        JsonObject j = new JsonObject();
        j.addProperty("name", s.name());
        j.addProperty("path", s.path());
        j.addProperty("sha256", s.sha256());
        return j;
    }

    private static Source source(JsonObject o, String key, String name) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonObject()) {
            throw new ToposcopeException(name + ": no object '" + key + "'");
        }
        JsonObject j = e.getAsJsonObject();
        return new Source(string(j, "name", name), optional(j, "path"), optional(j, "sha256"));
    }

    private static String string(JsonObject o, String key, String name) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive()) {
            throw new ToposcopeException(name + ": no string '" + key + "'");
        }
        return e.getAsString();
    }

    private static String optional(JsonObject o, String key) {
        JsonElement e = o.get(key);
        return e == null || e.isJsonNull() ? "" : e.getAsString();
    }

    private static int integer(JsonObject o, String key, String name) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ToposcopeException(name + ": no number '" + key + "'");
        }
        return e.getAsInt();
    }

    private static JsonArray array(JsonObject o, String key, String name) {
        JsonElement e = o.get(key);
        if (e == null || !e.isJsonArray()) {
            throw new ToposcopeException(name + ": no array '" + key + "'");
        }
        return e.getAsJsonArray();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Manifest m && m.images == images && Arrays.equals(m.imageShape, imageShape) && m.layers.equals(layers)
                && m.classNames.equals(classNames) && m.superClasses.equals(superClasses) && m.model.equals(model)
                && m.data.equals(data) && m.limit == limit && m.batch == batch && m.seed == seed
                && m.normalisation.equals(normalisation) && m.toposcopeVersion.equals(toposcopeVersion);
    }

    @Override
    public int hashCode() {
        return Objects.hash(images, layers, classNames, model, data);
    }
}
