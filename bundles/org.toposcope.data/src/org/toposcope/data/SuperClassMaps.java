package org.toposcope.data;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.SuperClasses;

import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.gson.stream.MalformedJsonException;

/**
 * Groupings of classes into super-classes: built-in ones for CIFAR-10 and Fashion-MNIST, and user files.
 * A user file is either CSV lines {@code class,superclass} (blank lines, {@code #} comments and a
 * {@code class,superclass} header are skipped) or a JSON object mapping each class to its super-class
 * ({@code {"cat": "animals"}}) or each super-class to its classes ({@code {"animals": ["cat", "dog"]}}).
 * Every class must be mapped exactly once; super-classes are numbered in order of first appearance.
 */
public final class SuperClassMaps {

    /** CIFAR-10: airplane, automobile, ship and truck are vehicles, the other six animals. */
    public static final SuperClasses CIFAR_10_VEHICLES_ANIMALS = new SuperClasses("vehicles-animals",
            List.of("vehicles", "animals"), new int[] {0, 0, 1, 1, 1, 1, 1, 1, 0, 0});

    /**
     * Fashion-MNIST: tops (T-shirt/top, Pullover, Dress, Coat, Shirt), bottoms (Trouser), footwear (Sandal,
     * Sneaker, Ankle boot), bags (Bag). Dress counts as a top: it is worn from the shoulders, its images are
     * torso silhouettes like coats and shirts, and classifiers confuse it with those, not with trousers.
     */
    public static final SuperClasses FASHION_MNIST_GROUPS = new SuperClasses("clothing-groups",
            List.of("tops", "bottoms", "footwear", "bags"), new int[] {0, 1, 0, 0, 0, 2, 0, 2, 3, 2});

    /** Files larger than this are not class maps. */
    static final long MAX_FILE = 1 << 24;

    private SuperClassMaps() {
    }

    /** The built-in grouping for data sets with exactly these class names, if any. */
    public static Optional<SuperClasses> builtIn(List<String> classNames) {
        if (classNames.equals(ClassNames.CIFAR_10)) {
            return Optional.of(CIFAR_10_VEHICLES_ANIMALS);
        }
        if (classNames.equals(ClassNames.FASHION_MNIST)) {
            return Optional.of(FASHION_MNIST_GROUPS);
        }
        return Optional.empty();
    }

    /**
     * The {@code super-classes} parameter: {@code auto} for the format's own grouping or else the built-in one,
     * {@code none} for none, otherwise a file.
     */
    static Optional<SuperClasses> resolve(String parameter, List<String> classNames, Optional<SuperClasses> own) {
        String p = parameter.trim();
        if (p.isEmpty() || p.equals("auto")) {
            return own.isPresent() ? own : builtIn(classNames);
        }
        if (p.equals("none")) {
            return Optional.empty();
        }
        return Optional.of(read(Path.of(p), classNames));
    }

    /** A user file (CSV or JSON, told by its first non-blank character) over the data set's class names. */
    public static SuperClasses read(Path file, List<String> classNames) {
        String name = Inputs.name(file);
        String text;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw new ToposcopeException(name + ": more than " + MAX_FILE + " bytes is not a super-class file");
            }
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new ToposcopeException(name + ": not UTF-8 text", e);
        } catch (IOException e) {
            throw Inputs.ioError(name, e);
        }
        Builder b = new Builder(name, classNames);
        if (text.strip().startsWith("{")) {
            json(b, text);
        } else {
            csv(b, text);
        }
        return b.build(stem(name));
    }

    private static void csv(Builder b, String text) {
        String[] lines = text.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#") || (i == 0 && line.replace(" ", "").equalsIgnoreCase("class,superclass"))) {
                continue;
            }
            int comma = line.indexOf(',');
            if (comma < 0 || line.indexOf(',', comma + 1) >= 0) {
                throw new ToposcopeException(b.file + ":" + (i + 1) + ": expected class,superclass");
            }
            b.map(unquote(line.substring(0, comma)), unquote(line.substring(comma + 1)), ":" + (i + 1));
        }
    }

    private static String unquote(String s) {
        String t = s.strip();
        return t.length() >= 2 && t.startsWith("\"") && t.endsWith("\"") ? t.substring(1, t.length() - 1) : t;
    }

    private static void json(Builder b, String text) {
        try (JsonReader in = new JsonReader(new StringReader(text))) {
            in.beginObject();
            while (in.hasNext()) {
                String key = in.nextName();
                String where = ": JSON key '" + key + "'";
                if (in.peek() == JsonToken.BEGIN_ARRAY) {
                    in.beginArray();
                    while (in.hasNext()) {
                        b.map(string(in, b.file, where), key, where);
                    }
                    in.endArray();
                } else {
                    b.map(key, string(in, b.file, where), where);
                }
            }
            in.endObject();
            if (in.peek() != JsonToken.END_DOCUMENT) {
                throw new ToposcopeException(b.file + ": text after the JSON object");
            }
        } catch (MalformedJsonException | java.io.EOFException | IllegalStateException e) {
            throw new ToposcopeException(b.file + ": not a JSON object of class names: " + oneLine(e.getMessage()), e);
        } catch (IOException e) {
            throw new ToposcopeException(b.file + ": " + oneLine(e.getMessage()), e);
        }
    }

    private static String string(JsonReader in, String file, String where) throws IOException {
        if (in.peek() != JsonToken.STRING) {
            throw new ToposcopeException(file + where + ": expected a string, found " + in.peek().name().toLowerCase());
        }
        return in.nextString();
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String stem(String name) {
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Collects class → super-class pairs, checking each against the data set's classes. */
    private static final class Builder {
        final String file;
        final List<String> classNames;
        final Map<String, Integer> classIndex = new LinkedHashMap<>();
        final Map<String, Integer> superIndex = new LinkedHashMap<>();
        final int[] ofClass;

        Builder(String file, List<String> classNames) {
            this.file = file;
            this.classNames = classNames;
            for (int i = 0; i < classNames.size(); i++) {
                classIndex.putIfAbsent(classNames.get(i), i);
            }
            ofClass = new int[classNames.size()];
            Arrays.fill(ofClass, -1);
        }

        void map(String className, String superClass, String where) {
            Integer c = classIndex.get(className);
            if (c == null) {
                String known = String.join(", ", classNames.subList(0, Math.min(10, classNames.size())))
                        + (classNames.size() > 10 ? ", ..." : "");
                throw new ToposcopeException(file + where + ": '" + NpyHeader.printable(className)
                        + "' is not a class of the data set (" + known + ")");
            }
            if (superClass.isEmpty()) {
                throw new ToposcopeException(file + where + ": empty super-class for class '" + className + "'");
            }
            int s = superIndex.computeIfAbsent(superClass, k -> superIndex.size());
            if (ofClass[c] >= 0 && ofClass[c] != s) {
                throw new ToposcopeException(file + where + ": class '" + className + "' is mapped a second time");
            }
            ofClass[c] = s;
        }

        SuperClasses build(String name) {
            for (int i = 0; i < ofClass.length; i++) {
                if (ofClass[i] < 0) {
                    throw new ToposcopeException(file + ": no super-class for class '" + classNames.get(i) + "'");
                }
            }
            return new SuperClasses(name, new ArrayList<>(superIndex.keySet()), ofClass);
        }
    }
}
