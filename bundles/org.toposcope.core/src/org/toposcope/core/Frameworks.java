package org.toposcope.core;

/** Tells whether a class runs inside an OSGi framework, without loading any OSGi class when it does not. */
public final class Frameworks {

    private Frameworks() {
    }

    /** True when {@code type} was loaded by an OSGi bundle's class loader. */
    public static boolean loadedByBundle(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        if (loader == null) {
            return false;
        }
        for (Class<?> c = loader.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals("org.osgi.framework.BundleReference")) {
                    return true;
                }
            }
        }
        return false;
    }
}
