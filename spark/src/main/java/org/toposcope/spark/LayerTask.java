package org.toposcope.spark;

import java.io.Serializable;
import java.util.List;

/**
 * Stage-1 work of one task: some layers of one model of a spec. The spec travels as its text, so every
 * executor reads and checks it as the driver did; the digests let the executor prove it sees the driver's files.
 *
 * @param baseDir     the folder the spec's relative paths are resolved against, or null (paths absolute or samples)
 * @param allLayers   the experiment's layers as the driver resolved them
 * @param lens        also build this model's mapper lens cloud
 * @param modelDigest SHA-256 of the model file the driver read
 * @param dataDigest  the runner's digest of the images and labels the driver read
 */
record LayerTask(String specText, String specFile, String baseDir, int model, List<String> allLayers, List<String> layers,
        boolean lens, String modelDigest, String dataDigest) implements Serializable {

    private static final long serialVersionUID = 1L;

    LayerTask {
        allLayers = List.copyOf(allLayers);
        layers = List.copyOf(layers);
    }
}
