package org.toposcope.opencv.loader;

/**
 * Loads a native library file on behalf of the OpenCV classes. The JVM binds a library to the class loader of the
 * class that calls {@link System#load}, and OpenCV's JNI methods are looked up in their own loader; as a fragment
 * of {@code org.openpnp.opencv} this class is defined by that bundle's loader, so a library loaded here serves
 * OpenCV inside OSGi (and on a plain class path, where there is one loader anyway).
 */
public final class OpenCvNatives {

    private OpenCvNatives() {
    }

    /** {@link System#load} of an absolute path, bound to OpenCV's class loader. */
    public static void load(String absolutePath) {
        System.load(absolutePath);
    }
}
