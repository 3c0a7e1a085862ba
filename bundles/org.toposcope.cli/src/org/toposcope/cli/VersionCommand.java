package org.toposcope.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.spi.EngineInfo;
import org.toposcope.core.spi.ModelLoader;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.ParentCommand;

/**
 * {@code toposcope version}: Toposcope's, Java's and the framework's versions and every model loader's
 * engine, which loads the engines' native libraries and so proves they work here.
 */
@Command(name = "version", description = "Print versions, including each model engine (this loads its native library).")
final class VersionCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Override
    public void run() {
        PrintWriter out = parent.spec.commandLine().getOut();
        for (String line : Provider.lines()) {
            out.println(line);
        }
        boolean failed = false;
        for (Registered<ModelLoader> loader : parent.registry.all(ModelLoader.class)) {
            try {
                EngineInfo engine = loader.extension().engine();
                out.println("Engine:    " + engine + " (model loader " + loader.id() + "; " + engine.detail() + ")");
            } catch (ToposcopeException e) {
                out.println("Engine:    unavailable for model loader " + loader.id() + ": " + e.getMessage());
                failed = true;
            }
            out.flush();
        }
        if (failed) {
            throw new ToposcopeException("a model engine could not be loaded (see above)");
        }
    }

    /** The lines {@code --version} prints: no engine is loaded for them. */
    static final class Provider implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return lines().toArray(String[]::new);
        }

        static List<String> lines() {
            List<String> lines = new ArrayList<>();
            Bundle self = FrameworkUtil.getBundle(VersionCommand.class);
            lines.add("Toposcope " + (self == null ? "(development)" : self.getVersion()));
            lines.add("Java:      " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + "), "
                    + System.getProperty("os.name") + " " + System.getProperty("os.arch") + ", "
                    + Runtime.getRuntime().availableProcessors() + " cores");
            if (self != null) {
                Bundle framework = self.getBundleContext().getBundle(0);
                lines.add("OSGi:      " + framework.getSymbolicName() + " " + framework.getVersion());
            }
            return lines;
        }
    }
}
