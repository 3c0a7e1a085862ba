package org.toposcope.data;

import java.util.ArrayList;
import java.util.List;

/** The class names of the well-known image data sets, indexed by label. */
public final class ClassNames {

    public static final List<String> FASHION_MNIST = List.of("T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
            "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot");
    public static final List<String> MNIST = numbers(10);
    public static final List<String> CIFAR_10 = List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck");

    private ClassNames() {
    }

    /** "0", "1", ... for formats without names. */
    public static List<String> numbers(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(Integer.toString(i));
        }
        return List.copyOf(names);
    }

    /** The names for a {@code classes} parameter value other than {@code auto}; numbers cover {@code classCount}. */
    static List<String> named(String choice, int classCount) {
        return switch (choice) {
            case "fashion-mnist" -> FASHION_MNIST;
            case "mnist" -> MNIST;
            case "cifar-10" -> CIFAR_10;
            default -> numbers(classCount);
        };
    }
}
