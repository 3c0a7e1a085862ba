package org.toposcope.experiment.plugins;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import java.util.stream.Stream;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.FrameworkUtil;
import org.toposcope.core.Frameworks;
import org.toposcope.core.ToposcopeException;

/**
 * Installs plug-in bundles from folders into the running framework: the jars of the installation's
 * {@code plugins} folder that no installed bundle has the symbolic name of, and every bundle jar of folders
 * given with {@code --plugins}. Their Declarative Services components then register, so the registry, the
 * CLI and the workbench see them. The product's simple configurator removes bundles it did not install at
 * the next start, so nothing is left behind when a jar is deleted.
 */
public final class PluginFolders {

    /** Location prefix of bundles installed here. */
    static final String LOCATION = "toposcope-plugin:";

    /** What was installed, and one line per jar that could not be. */
    public record Result(List<String> installed, List<String> problems) {
        public Result {
            installed = List.copyOf(installed);
            problems = List.copyOf(problems);
        }
    }

    private PluginFolders() {
    }

    /** The installation's {@code plugins} folder (from {@code osgi.install.area}), when there is one. */
    public static List<Path> installationPlugins() {
        String area = System.getProperty("osgi.install.area");
        if (area == null) {
            return List.of();
        }
        try {
            Path plugins = Path.of(new java.net.URL(area).toURI()).resolve("plugins");
            return Files.isDirectory(plugins) ? List.of(plugins) : List.of();
        } catch (java.net.MalformedURLException | java.net.URISyntaxException | IllegalArgumentException e) {
            return List.of();
        }
    }

    /**
     * Installs and starts (by activation policy) the plug-in jars of these folders. Does nothing outside OSGi.
     * A folder that is missing is an error; a jar that is not a bundle, or does not resolve, is a problem line.
     */
    public static Result install(List<Path> folders) {
        if (!Frameworks.loadedByBundle(PluginFolders.class)) {
            return new Result(List.of(), List.of());
        }
        Bundle self = FrameworkUtil.getBundle(PluginFolders.class);
        BundleContext context = self == null ? null : self.getBundleContext();
        if (context == null) {
            throw new ToposcopeException("bundle org.toposcope.experiment is not active; cannot install plug-ins");
        }
        Set<String> names = new HashSet<>();
        for (Bundle b : context.getBundles()) {
            if (!b.getLocation().startsWith(LOCATION)) {
                names.add(b.getSymbolicName());
            }
        }
        List<String> installed = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        List<Bundle> started = new ArrayList<>();
        for (Path folder : folders) {
            if (!Files.isDirectory(folder)) {
                throw new ToposcopeException(folder + ": no such plug-in folder");
            }
            for (Path jar : jars(folder)) {
                String file = jar.getFileName().toString();
                int underscore = file.lastIndexOf('_');
                if (underscore > 0 && names.contains(file.substring(0, underscore))) {
                    continue; // the application's own bundle, named as p2 names it: not opened, for a quick start
                }
                String name;
                try {
                    name = symbolicName(jar);
                } catch (IOException e) {
                    problems.add(jar + ": not a readable jar: " + e.getMessage());
                    continue;
                }
                if (name == null || names.contains(name)) {
                    continue; // not a bundle, or already part of the application
                }
                names.add(name);
                try (InputStream in = Files.newInputStream(jar)) {
                    // installed from a copy, so the jar may be replaced while the application runs
                    Bundle b = context.installBundle(LOCATION + jar.toAbsolutePath(), in);
                    started.add(b);
                    installed.add(b.getSymbolicName() + " " + b.getVersion() + " from " + jar);
                } catch (IOException | BundleException | RuntimeException e) {
                    problems.add(jar + ": cannot install: " + e.getMessage());
                }
            }
        }
        for (Bundle b : started) {
            try {
                b.start(Bundle.START_ACTIVATION_POLICY | Bundle.START_TRANSIENT);
            } catch (BundleException | RuntimeException e) {
                problems.add(b.getSymbolicName() + ": cannot start: " + e.getMessage());
            }
        }
        return new Result(installed, problems);
    }

    private static List<Path> jars(Path folder) {
        try (Stream<Path> s = Files.list(folder)) {
            return s.filter(p -> p.getFileName().toString().endsWith(".jar") && Files.isRegularFile(p)).sorted().toList();
        } catch (IOException e) {
            throw new ToposcopeException(folder + ": cannot list plug-ins: " + e.getMessage());
        }
    }

    private static String symbolicName(Path jar) throws IOException {
        try (JarFile f = new JarFile(jar.toFile(), false)) {
            Manifest m = f.getManifest();
            String value = m == null ? null : m.getMainAttributes().getValue("Bundle-SymbolicName");
            return value == null ? null : value.split(";", 2)[0].trim();
        }
    }
}
