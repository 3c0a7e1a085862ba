package org.toposcope.core.registry;

import org.toposcope.core.Extension;

/**
 * An implementation found in the registry.
 *
 * @param point     the extension point (SPI interface) it was found under
 * @param extension the implementation
 * @param origin    where it came from: the bundle's symbolic name and version inside OSGi, the jar
 *                  outside
 */
public record Registered<T extends Extension>(Class<T> point, T extension, String origin) {

    public String id() {
        return extension.id();
    }
}
