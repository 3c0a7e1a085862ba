package org.toposcope.models.djl;

import ai.djl.ndarray.NDArray;

/** Receives named intermediate outputs during a forward pass; the arrays belong to the caller's batch manager. */
interface Capture {

    Capture NONE = new Capture() {
        @Override
        public boolean convolutions() {
            return false;
        }

        @Override
        public void layer(String name, NDArray value) {
        }
    };

    /** Whether raw convolution outputs are wanted as well as block outputs. */
    boolean convolutions();

    void layer(String name, NDArray value);
}
