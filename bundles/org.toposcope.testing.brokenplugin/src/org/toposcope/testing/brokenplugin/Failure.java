package org.toposcope.testing.brokenplugin;

import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;

/**
 * How the broken extensions misbehave, chosen per step by their {@code failure} parameter and, for those that take it,
 * the {@code layer} to misbehave on: the parameters' specs and their reading, once for all four.
 */
final class Failure {

    static final String THROW = "throw";
    static final String NAN = "nan";
    static final String WRONG_SIZE = "wrong-size";
    static final String HANG = "hang";
    /** What {@link #on} gives for a layer other than the one to misbehave on; not a choice of {@code failure}. */
    static final String NONE = "none";

    static final String EVERY_LAYER = "*";

    private static final String FAILURE = "failure";
    private static final String LAYER = "layer";

    private Failure() {
    }

    /** The {@code failure} parameter alone, offering {@code choices}; the first is the default. */
    static List<ParameterSpec> parameters(String... choices) {
        return List.of(failure(choices));
    }

    /** {@code failure} (throw by default, nan, wrong-size, hang) and {@code layer}, the one layer to misbehave on. */
    static List<ParameterSpec> perLayerParameters() {
        return List.of(failure(THROW, NAN, WRONG_SIZE, HANG),
                ParameterSpec.text(LAYER, EVERY_LAYER, "the layer to misbehave on (" + EVERY_LAYER + ": every layer)"));
    }

    private static ParameterSpec failure(String... choices) {
        return ParameterSpec.choice(FAILURE, choices[0], "how to misbehave", choices);
    }

    /** The chosen failure. */
    static String chosen(Parameters parameters) {
        return parameters.text(FAILURE);
    }

    /** The chosen failure on {@code layer} (or a cloud of it), {@link #NONE} when another layer was chosen. */
    static String on(Parameters parameters, String layer) {
        String chosen = parameters.text(LAYER);
        // clouds are named "<layer> <strategy>" by the built-in strategies
        boolean applies = chosen.equals(EVERY_LAYER) || layer.equals(chosen) || layer.startsWith(chosen + " ");
        return applies ? chosen(parameters) : NONE;
    }

    /** Blocks until interrupted, then still returns nothing useful: what a plug-in stuck in a loop looks like. */
    static void hang() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
