package org.toposcope.models.djl;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Normalisation;
import org.toposcope.models.djl.CifarResNet.Architecture;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;

import ai.djl.MalformedModelException;

/**
 * A model folder as {@code toposcope train} writes it: {@code model.json} (architecture, input
 * normalisation, class names, how it was trained, test accuracy) and {@code model.params} (DJL's
 * parameter encoding of the {@link CifarResNet} block). Folders are written completely or not at all:
 * into a hidden sibling folder that is renamed into place when everything is on disk.
 */
public final class DjlModelFolder {

    public static final String DESCRIPTION = "model.json";
    public static final String PARAMETERS = "model.params";
    static final String FORMAT = "toposcope-djl-resnet";
    static final int VERSION = 1;

    private DjlModelFolder() {
    }

    /** The folder of {@code path}: the folder itself, or the folder holding a {@code model.json} or {@code .params} file. */
    public static Path folderOf(Path path) {
        if (Files.isDirectory(path)) {
            return path;
        }
        if (!Files.exists(path)) {
            throw new ToposcopeException(path + ": no such model folder or file");
        }
        Path parent = path.toAbsolutePath().getParent();
        return parent;
    }

    /** Reads and checks {@code model.json}; every problem is one line naming the file. */
    public static ModelDescription readDescription(Path folder) {
        Path file = folder.resolve(DESCRIPTION);
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new ToposcopeException(folder + ": no " + DESCRIPTION + " (not a model folder written by 'toposcope train')");
        } catch (IOException e) {
            throw new ToposcopeException(file + ": cannot read: " + e.getMessage());
        }
        JsonObject root;
        try {
            JsonElement parsed = JsonParser.parseString(text);
            if (!parsed.isJsonObject()) {
                throw new ToposcopeException(file + ": not a JSON object");
            }
            root = parsed.getAsJsonObject();
        } catch (JsonParseException e) {
            throw new ToposcopeException(file + ": not valid JSON: " + firstLine(e));
        }
        try {
            String format = string(root, "format");
            if (!FORMAT.equals(format)) {
                throw new ToposcopeException("format is '" + format + "', expected '" + FORMAT + "'");
            }
            int version = integer(root, "version");
            if (version != VERSION) {
                throw new ToposcopeException("version " + version + " is not supported (this reader knows " + VERSION + ")");
            }
            JsonObject arch = object(root, "architecture");
            String type = string(arch, "type");
            if (!"cifar-resnet".equals(type)) {
                throw new ToposcopeException("architecture type '" + type + "' is not cifar-resnet");
            }
            Architecture architecture = new Architecture(integer(arch, "depth"), integers(arch, "widths"),
                    integer(arch, "channels"), integer(arch, "classes"));
            String name = string(root, "name");
            JsonObject input = object(root, "input");
            Normalisation normalisation = new Normalisation(name, reals(input, "mean"), reals(input, "std"));
            int channels = integer(input, "channels");
            if (channels != architecture.channels()) {
                throw new ToposcopeException("input.channels " + channels + " differs from architecture.channels "
                        + architecture.channels());
            }
            List<String> classNames = new ArrayList<>();
            for (JsonElement e : array(root, "classNames")) {
                classNames.add(e.getAsString());
            }
            OptionalDouble accuracy = OptionalDouble.empty();
            int testImages = 0;
            if (root.has("test")) {
                JsonObject test = object(root, "test");
                accuracy = OptionalDouble.of(real(test, "accuracy"));
                testImages = integer(test, "images");
            }
            return new ModelDescription(name, architecture, integer(input, "height"),
                    integer(input, "width"), normalisation, classNames, accuracy, testImages);
        } catch (ToposcopeException | IllegalStateException | UnsupportedOperationException | NumberFormatException e) {
            throw new ToposcopeException(file + ": " + firstLine(e));
        }
    }

    /** Loads the parameters into {@code network}; a missing, truncated or foreign file is one line. */
    static void readParameters(Path folder, CifarResNet network, ai.djl.ndarray.NDManager manager) {
        Path file = folder.resolve(PARAMETERS);
        try (DataInputStream in = new DataInputStream(new BufferedInputStream(Files.newInputStream(file)))) {
            network.loadParameters(manager, in);
            if (in.read() != -1) {
                throw new ToposcopeException(file + ": data left after the parameters of the architecture in "
                        + DESCRIPTION + " (a different depth or width?)");
            }
        } catch (NoSuchFileException e) {
            throw new ToposcopeException(file + ": no such file (the parameters of " + folder.resolve(DESCRIPTION) + ")");
        } catch (java.io.EOFException e) {
            throw new ToposcopeException(file + ": ends before all parameters of the architecture in " + DESCRIPTION
                    + " (truncated, or a smaller network)");
        } catch (IOException | MalformedModelException | RuntimeException e) {
            if (e instanceof ToposcopeException t) {
                throw t;
            }
            throw new ToposcopeException(file + ": not DJL parameters of the architecture in " + DESCRIPTION + ": "
                    + firstLine(e));
        }
    }

    /** The text of {@code model.json} for a trained network. */
    static String describe(ModelDescription d, JsonObject training) {
        JsonObject root = new JsonObject();
        root.addProperty("format", FORMAT);
        root.addProperty("version", VERSION);
        root.addProperty("name", d.name());
        root.addProperty("parameters", PARAMETERS);
        JsonObject arch = new JsonObject();
        arch.addProperty("type", "cifar-resnet");
        arch.addProperty("depth", d.architecture().depth());
        arch.add("widths", toArray(d.architecture().widths()));
        arch.addProperty("channels", d.architecture().channels());
        arch.addProperty("classes", d.architecture().classes());
        root.add("architecture", arch);
        JsonObject input = new JsonObject();
        input.addProperty("channels", d.architecture().channels());
        input.addProperty("height", d.height());
        input.addProperty("width", d.width());
        input.addProperty("normalisation", "(pixel / 255 - mean[c]) / std[c]");
        input.add("mean", toArray(Arrays.stream(d.normalisation().mean()).boxed().toList()));
        input.add("std", toArray(Arrays.stream(d.normalisation().std()).boxed().toList()));
        root.add("input", input);
        root.add("classNames", toArray(d.classNames()));
        if (training != null) {
            root.add("training", training);
        }
        if (d.testAccuracy().isPresent()) {
            JsonObject test = new JsonObject();
            test.addProperty("accuracy", d.testAccuracy().getAsDouble());
            test.addProperty("images", d.testImages());
            root.add("test", test);
        }
        Gson gson = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();
        return gson.toJson(root) + "\n";
    }

    /** Refuses an output folder that exists and is not empty, before any work is done. */
    public static void checkWritable(Path out) {
        if (Files.isDirectory(out)) {
            try (Stream<Path> entries = Files.list(out)) {
                if (entries.findAny().isPresent()) {
                    throw new ToposcopeException(out + ": already exists and is not empty; remove it or choose another folder");
                }
            } catch (IOException e) {
                throw new ToposcopeException(out + ": cannot list: " + e.getMessage());
            }
        } else if (Files.exists(out)) {
            throw new ToposcopeException(out + ": exists and is not a folder");
        }
    }

    /**
     * Writes {@code model.params} and {@code model.json} into a hidden sibling of {@code out}, forces them
     * to disk and renames the folder to {@code out}; on any failure nothing named {@code out} is created.
     */
    static void write(Path out, CifarResNet network, String json) {
        Path target = out.toAbsolutePath();
        checkWritable(target);
        Path temporary = target.resolveSibling("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        try {
            Files.createDirectories(target.getParent());
            Files.createDirectory(temporary);
            writeFile(temporary.resolve(PARAMETERS), o -> {
                DataOutputStream data = new DataOutputStream(new BufferedOutputStream(o));
                network.saveParameters(data);
                data.flush();
            });
            writeFile(temporary.resolve(DESCRIPTION), o -> o.write(json.getBytes(StandardCharsets.UTF_8)));
            if (Files.isDirectory(target)) {
                Files.delete(target); // empty, checked above; rename(2) would replace it, Files.move does not promise to
            }
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            throw new ToposcopeException(target + ": cannot write: the file system cannot rename atomically");
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException e) {
            throw new ToposcopeException(target + ": appeared while the model was written; not replaced");
        } catch (IOException e) {
            throw new ToposcopeException(target + ": cannot write: " + e.getClass().getSimpleName() + " " + firstLine(e));
        } finally {
            deleteTree(temporary);
        }
    }

    private interface Writer {
        void write(OutputStream out) throws IOException;
    }

    private static void writeFile(Path file, Writer writer) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            OutputStream out = Channels.newOutputStream(channel);
            writer.write(out);
            out.flush();
            channel.force(true);
        }
    }

    private static void deleteTree(Path folder) {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> all = Files.walk(folder)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            // a hidden, uniquely named leftover; nothing better to do
        }
    }

    private static JsonArray toArray(List<?> values) {
        JsonArray a = new JsonArray();
        for (Object v : values) {
            a.add(v instanceof Number n ? new JsonPrimitive(n) : new JsonPrimitive(v.toString()));
        }
        return a;
    }

    private static JsonElement member(JsonObject o, String key) {
        JsonElement e = o.get(key);
        if (e == null || e.isJsonNull()) {
            throw new ToposcopeException("missing '" + key + "'");
        }
        return e;
    }

    private static JsonObject object(JsonObject o, String key) {
        JsonElement e = member(o, key);
        if (!e.isJsonObject()) {
            throw new ToposcopeException("'" + key + "' is not an object");
        }
        return e.getAsJsonObject();
    }

    private static JsonArray array(JsonObject o, String key) {
        JsonElement e = member(o, key);
        if (!e.isJsonArray()) {
            throw new ToposcopeException("'" + key + "' is not an array");
        }
        return e.getAsJsonArray();
    }

    private static String string(JsonObject o, String key) {
        JsonElement e = member(o, key);
        if (!e.isJsonPrimitive()) {
            throw new ToposcopeException("'" + key + "' is not a string");
        }
        return e.getAsString();
    }

    private static int integer(JsonObject o, String key) {
        JsonElement e = member(o, key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ToposcopeException("'" + key + "' is not a number");
        }
        double v = e.getAsDouble();
        if (v != Math.rint(v) || Math.abs(v) > Integer.MAX_VALUE) {
            throw new ToposcopeException("'" + key + "' is not an integer: " + e);
        }
        return (int) v;
    }

    private static double real(JsonObject o, String key) {
        JsonElement e = member(o, key);
        if (!e.isJsonPrimitive() || !e.getAsJsonPrimitive().isNumber()) {
            throw new ToposcopeException("'" + key + "' is not a number");
        }
        return e.getAsDouble();
    }

    private static List<Integer> integers(JsonObject o, String key) {
        List<Integer> out = new ArrayList<>();
        for (JsonElement e : array(o, key)) {
            JsonObject holder = new JsonObject();
            holder.add(key, e);
            out.add(integer(holder, key));
        }
        return out;
    }

    private static double[] reals(JsonObject o, String key) {
        JsonArray a = array(o, key);
        double[] out = new double[a.size()];
        for (int i = 0; i < out.length; i++) {
            JsonObject holder = new JsonObject();
            holder.add(key, a.get(i));
            out[i] = real(holder, key);
        }
        return out;
    }

    static String firstLine(Throwable e) {
        Throwable t = e;
        String m = t.getMessage();
        while ((m == null || m.isBlank()) && t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
            m = t.getMessage();
        }
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(t.getClass().getSimpleName());
    }
}
