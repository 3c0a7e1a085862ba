package org.toposcope.ui.preferences;

import java.util.Arrays;
import java.util.List;

import org.eclipse.core.runtime.preferences.AbstractPreferenceInitializer;
import org.eclipse.core.runtime.preferences.DefaultScope;
import org.eclipse.core.runtime.preferences.IEclipsePreferences;
import org.eclipse.core.runtime.preferences.InstanceScope;
import org.osgi.service.prefs.BackingStoreException;
import org.toposcope.core.CacheLocation;
import org.toposcope.core.ToposcopeException;

/**
 * The workbench's preferences, in the instance scope of {@code org.toposcope.ui}: defaults for new experiments
 * (metric, homology dimensions, threads, cache location), the workspace folder the Experiment Explorer lists,
 * and the report folders it has open.
 */
public final class ToposcopePreferences extends AbstractPreferenceInitializer {

    public static final String QUALIFIER = "org.toposcope.ui";
    public static final String METRIC = "metric";
    public static final String DIMENSIONS = "dimensions";
    public static final String THREADS = "threads";
    public static final String CACHE = "cache";
    public static final String WORKSPACE = "workspace";
    public static final String OPENED_REPORTS = "explorer.reports";

    @Override
    public void initializeDefaultPreferences() {
        IEclipsePreferences defaults = DefaultScope.INSTANCE.getNode(QUALIFIER);
        defaults.put(METRIC, "sliced-wasserstein");
        defaults.put(DIMENSIONS, "h1");
        defaults.putInt(THREADS, 0);
        defaults.put(CACHE, CacheLocation.root().toString());
        defaults.put(WORKSPACE, "");
    }

    public static IEclipsePreferences node() {
        return InstanceScope.INSTANCE.getNode(QUALIFIER);
    }

    private static String get(String key) {
        String fallback = DefaultScope.INSTANCE.getNode(QUALIFIER).get(key, "");
        return node().get(key, fallback);
    }

    public static String workspaceFolder() {
        return get(WORKSPACE);
    }

    public static void setWorkspaceFolder(String folder) {
        node().put(WORKSPACE, folder);
        flush();
    }

    /** Opened report folders, one path a line. */
    public static List<String> openedReports() {
        return Arrays.stream(node().get(OPENED_REPORTS, "").split("\n")).filter(s -> !s.isBlank()).toList();
    }

    public static void setOpenedReports(List<String> folders) {
        node().put(OPENED_REPORTS, String.join("\n", folders));
        flush();
    }

    private static void flush() {
        try {
            node().flush();
        } catch (BackingStoreException e) {
            throw new ToposcopeException("cannot save the Toposcope preferences: " + e.getMessage(), e);
        }
    }
}
