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

    /** Blocks until interrupted, then still returns nothing useful: what a plug-in stuck in a loop looks like. */
    static void hang() {
        try {
            new CountDownLatch(1).await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
