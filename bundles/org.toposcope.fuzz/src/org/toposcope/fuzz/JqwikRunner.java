package org.toposcope.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.platform.engine.DiscoverySelector;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.discovery.DiscoverySelectors;
import org.junit.platform.engine.reporting.ReportEntry;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;
import org.junit.platform.launcher.core.LauncherConfig;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import net.jqwik.api.Property;
import net.jqwik.engine.JqwikTestEngine;

/**
 * Runs jqwik properties from a Jupiter {@code @TestFactory}, one dynamic test per property.
 * Tycho's JUnit 5 provider runs Jupiter on a private copy of the JUnit Platform, so an engine in
 * another bundle cannot implement its TestEngine; this nested launcher uses the target platform's
 * JUnit Platform 1.14 with jqwik's engine given explicitly, so a property can never be silently skipped.
 */
public final class JqwikRunner {

    /** System property: tries per property (default 1,000; the long profile sets 100,000). */
    public static final String TRIES_PROPERTY = "toposcope.fuzz.tries";

    private JqwikRunner() {
    }

    /** Tries per property in this run. */
    public static int tries() {
        return Integer.getInteger(TRIES_PROPERTY, 1000);
    }

    /**
     * One dynamic test per jqwik property of the classes; fails if jqwik does not discover exactly the
     * classes' {@code @Property} methods. Selectors carry the Class objects: jqwik's own lookup by
     * name would use its bundle's class loader, which cannot see the test fragment.
     */
    public static Stream<DynamicTest> properties(Class<?>... classes) {
        Launcher launcher = inEngineContext(JqwikRunner::launcher);
        List<DynamicTest> tests = new ArrayList<>();
        for (Class<?> c : classes) {
            List<Method> properties = Arrays.stream(c.getDeclaredMethods()).filter(m -> m.isAnnotationPresent(Property.class))
                    .sorted(Comparator.comparing(Method::getName)).collect(Collectors.toList());
            TestPlan plan = inEngineContext(() -> launcher.discover(request(List.of(DiscoverySelectors.selectClass(c)))));
            long discovered = plan.getRoots().stream().flatMap(r -> plan.getDescendants(r).stream())
                    .filter(TestIdentifier::isTest).count();
            assertEquals(properties.size(), discovered, "properties of " + c.getName() + " discovered by jqwik");
            assertFalse(properties.isEmpty(), c.getName() + " has no @Property");
            for (Method m : properties) {
                String name = c.getSimpleName() + "." + m.getName();
                tests.add(DynamicTest.dynamicTest(name, () -> run(launcher, name, DiscoverySelectors.selectMethod(c, m))));
            }
        }
        return tests.stream();
    }

    private static void run(Launcher launcher, String name, DiscoverySelector property) {
        Results results = new Results();
        FuzzStats.begin();
        long start = System.nanoTime();
        inEngineContext(() -> {
            launcher.execute(request(List.of(property)), results);
            return null;
        });
        double seconds = (System.nanoTime() - start) / 1e9;
        // jqwik's report is a table of "key = value | explanation" lines: keep the counts and the seed
        String report = results.entries.values().stream().flatMap(String::lines)
                .map(line -> line.split("\\|", 2)[0].strip())
                .filter(line -> line.matches("(tries|checks|seed|edge-cases#tried|sample) = .*"))
                .collect(Collectors.joining(", "));
        System.out.printf("jqwik %s: %s (%.1f s)%n", name, report, seconds);
        for (String line : FuzzStats.end()) {
            System.out.println("  " + line);
        }
        if (results.finished == 0) {
            fail("jqwik did not run " + name);
        }
        if (results.failure.isPresent()) {
            Throwable t = results.failure.get();
            throw new AssertionError(name + " failed: " + t.getMessage() + "\n" + report, t);
        }
    }

    private static Launcher launcher() {
        return LauncherFactory.create(LauncherConfig.builder()
                .enableTestEngineAutoRegistration(false)
                .enableTestExecutionListenerAutoRegistration(false)
                .enablePostDiscoveryFilterAutoRegistration(false)
                .enableLauncherDiscoveryListenerAutoRegistration(false)
                .enableLauncherSessionListenerAutoRegistration(false)
                .addTestEngines(new JqwikTestEngine()).build());
    }

    private static LauncherDiscoveryRequest request(List<DiscoverySelector> selectors) {
        return LauncherDiscoveryRequestBuilder.request().selectors(selectors)
                .configurationParameters(Map.of(
                        "jqwik.tries.default", Integer.toString(tries()),
                        "jqwik.reporting.usejunitplatform", "true",
                        // no .jqwik-database in the working folder: every run is fresh and seeded anew
                        "jqwik.failures.runfirst", "false",
                        "jqwik.database", System.getProperty("java.io.tmpdir") + "/toposcope-jqwik-database"))
                .build();
    }

    /** jqwik finds its own services through the context class loader: make it the engine bundle's. */
    private static <T> T inEngineContext(Callable<T> work) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(JqwikTestEngine.class.getClassLoader());
        try {
            return work.call();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Collects what the nested launcher reports. */
    private static final class Results implements TestExecutionListener {
        final Map<String, String> entries = new java.util.LinkedHashMap<>();
        Optional<Throwable> failure = Optional.empty();
        int finished;

        @Override
        public void reportingEntryPublished(TestIdentifier id, ReportEntry entry) {
            entries.putAll(entry.getKeyValuePairs());
        }

        @Override
        public void executionFinished(TestIdentifier id, TestExecutionResult result) {
            if (!id.isTest()) {
                if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && failure.isEmpty()) {
                    failure = Optional.of(result.getThrowable().orElse(new AssertionError(id.getDisplayName() + " " + result)));
                }
                return;
            }
            finished++;
            if (result.getStatus() != TestExecutionResult.Status.SUCCESSFUL && failure.isEmpty()) {
                failure = Optional.of(result.getThrowable().orElse(new AssertionError(id.getDisplayName() + " " + result)));
            }
        }
    }
}
