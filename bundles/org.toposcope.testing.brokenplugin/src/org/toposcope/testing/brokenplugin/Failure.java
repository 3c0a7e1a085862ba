package org.toposcope.testing.brokenplugin;

import java.util.concurrent.CountDownLatch;

import org.toposcope.core.ParameterSpec;

/** How the broken extensions misbehave, chosen per step by their {@code failure} parameter. */
final class Failure {

    static final String THROW = "throw";
    static final String NAN = "nan";
    static final String WRONG_SIZE = "wrong-size";
    static final String HANG = "hang";

    private Failure() {
    }

    static ParameterSpec parameter(String defaultValue, String... choices) {
        return ParameterSpec.choice("failure", defaultValue, "how to misbehave", choices);
    }

    /** Which layer (point cloud) misbehaves; {@value #EVERY_LAYER} for all. */
    static ParameterSpec layerParameter() {
        return ParameterSpec.text("layer", EVERY_LAYER, "the layer to misbehave on (" + EVERY_LAYER + ": every layer)");
    }

    static final String EVERY_LAYER = "*";

    static boolean applies(org.toposcope.core.Parameters parameters, String layer) {
        String chosen = parameters.text("layer");
        // clouds are named "<layer> <strategy>" by the built-in strategies
        return chosen.equals(EVERY_LAYER) || layer.equals(chosen) || layer.startsWith(chosen + " ");
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
