package org.toposcope.core.tests;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.osgi.framework.FrameworkUtil;
import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.registry.ServiceLoaderRegistry;
import org.toposcope.core.spi.Lens;
import org.toposcope.testing.TestExtensions;

class RegistryTest {

    @Test
    void osgiRegistryFindsATestImplementationOfEveryExtensionPoint() throws InterruptedException {
        Registry registry = Registry.current();
        assertTrue(registry.getClass().getName().contains("Osgi"), "inside OSGi the registry uses services: " + registry);
        for (Class<? extends Extension> point : Registry.EXTENSION_POINTS) {
            Registered<? extends Extension> found = awaitTestImplementation(registry, point);
            assertEquals("org.toposcope.testing", found.origin().split(" ")[0], point.getSimpleName() + " origin");
            assertTrue(point.isInstance(found.extension()));
        }
        assertEquals(9, Registry.EXTENSION_POINTS.size());
    }

    @Test
    void serviceLoaderRegistryFindsTheSameImplementationsOutsideDs() {
        Registry registry = new ServiceLoaderRegistry(TestExtensions.class.getClassLoader());
        for (Class<? extends Extension> point : Registry.EXTENSION_POINTS) {
            List<? extends Registered<? extends Extension>> all = registry.all(point);
            assertEquals(List.of("test"), all.stream().map(Registered::id).toList(), point.getSimpleName());
            assertEquals(TestExtensions.class, all.get(0).extension().getClass().getEnclosingClass());
        }
    }

    @Test
    void aFoundLensComputesWithItsResolvedParameters() {
        Lens lens = Registry.current().get(Lens.class, "test");
        Parameters p = Parameters.resolve(lens, Map.of("factor", "2.5"));
        Matrix m = lens.apply(PointCloud.of("c", new double[][] {{1}, {-2}}), p);
        assertEquals(new Matrix(2, 1, new double[] {2.5, -5}), m);
    }

    @Test
    void unknownIdNamesTheExtensionPointAndTheKnownIds() {
        ToposcopeException e = assertThrows(ToposcopeException.class, () -> Registry.current().get(Lens.class, "nope"));
        assertEquals("no Lens with id 'nope' (known: test)", e.getMessage());
    }

    private static Registered<? extends Extension> awaitTestImplementation(Registry registry,
            Class<? extends Extension> point) throws InterruptedException {
        FrameworkUtil.getBundle(RegistryTest.class); // this bundle is active: DS has seen its components
        long deadline = System.nanoTime() + 10_000_000_000L;
        while (true) {
            for (Registered<? extends Extension> r : registry.all(point)) {
                if (r.id().equals("test")) {
                    return r;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("no test implementation of " + point.getSimpleName() + " registered");
            }
            Thread.sleep(50);
        }
    }
}
