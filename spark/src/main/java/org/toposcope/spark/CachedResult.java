package org.toposcope.spark;

import java.io.Serializable;

/** A stage-1 result on its way to the driver's cache: the runner's cache kind and key, and the encoded payload. */
record CachedResult(String kind, String key, byte[] payload) implements Serializable {

    private static final long serialVersionUID = 1L;
}
