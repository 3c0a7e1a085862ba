package org.toposcope.ui;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.equinox.app.IApplication;
import org.eclipse.equinox.app.IApplicationContext;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.PlatformUI;
import org.toposcope.core.ToposcopeException;
import org.toposcope.experiment.plugins.PluginFolders;

/** The RCP workbench application ({@code ./toposcope workbench}). */
public final class WorkbenchApplication implements IApplication {

    @Override
    public Object start(IApplicationContext context) {
        loadPlugins((String[]) context.getArguments().get(IApplicationContext.APPLICATION_ARGS));
        Display display = PlatformUI.createDisplay();
        try {
            int code = PlatformUI.createAndRunWorkbench(display, new ToposcopeWorkbenchAdvisor());
            return code == PlatformUI.RETURN_RESTART ? IApplication.EXIT_RESTART : IApplication.EXIT_OK;
        } finally {
            display.dispose();
        }
    }

    /** Plug-in jars of the installation's plugins folder and of {@code --plugins DIR}: the editor's combos then offer them. */
    private static void loadPlugins(String[] args) {
        List<Path> folders = new ArrayList<>(PluginFolders.installationPlugins());
        for (int i = 0; args != null && i + 1 < args.length; i++) {
            if (args[i].equals("--plugins")) {
                folders.add(Path.of(args[++i]));
            }
        }
        try {
            PluginFolders.install(folders).problems().forEach(p -> System.err.println("toposcope: plug-in not loaded: " + p));
        } catch (ToposcopeException e) {
            System.err.println("toposcope: " + e.getMessage()); // the workbench starts without them
        }
    }

    @Override
    public void stop() {
        if (!PlatformUI.isWorkbenchRunning()) {
            return;
        }
        IWorkbench workbench = PlatformUI.getWorkbench();
        Display display = workbench.getDisplay();
        display.syncExec(() -> {
            if (!display.isDisposed()) {
                workbench.close();
            }
        });
    }
}
