/**
 * The extension points of Toposcope. Each interface is implemented by OSGi Declarative Services
 * components in their own bundles and, for use outside OSGi, listed in that bundle's
 * {@code META-INF/services}. Implementations find each other only through
 * {@link org.toposcope.core.registry.Registry}.
 */
package org.toposcope.core.spi;
