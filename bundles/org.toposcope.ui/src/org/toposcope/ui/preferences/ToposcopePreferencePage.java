package org.toposcope.ui.preferences;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.preference.ComboFieldEditor;
import org.eclipse.jface.preference.DirectoryFieldEditor;
import org.eclipse.jface.preference.FieldEditorPreferencePage;
import org.eclipse.jface.preference.IntegerFieldEditor;
import org.eclipse.jface.preference.StringFieldEditor;
import org.eclipse.ui.IWorkbench;
import org.eclipse.ui.IWorkbenchPreferencePage;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.DiagramMetric;

/** Window > Preferences > Toposcope: defaults for experiments and the Experiment Explorer's workspace folder. */
public final class ToposcopePreferencePage extends FieldEditorPreferencePage implements IWorkbenchPreferencePage {

    public ToposcopePreferencePage() {
        super(GRID);
        setDescription("Defaults for new experiments, and the folder the Experiment Explorer searches for reports and specs.");
    }

    @Override
    public void init(IWorkbench workbench) {
        setPreferenceStore(new ScopedPreferenceStore(InstanceScope.INSTANCE, ToposcopePreferences.QUALIFIER));
    }

    @Override
    protected void createFieldEditors() {
        String[][] metrics = Registry.current().all(DiagramMetric.class).stream().map(m -> new String[] {m.id(), m.id()})
                .toArray(String[][]::new);
        if (metrics.length > 0) {
            addField(new ComboFieldEditor(ToposcopePreferences.METRIC, "Diagram &metric:", metrics, getFieldEditorParent()));
        } else {
            addField(new StringFieldEditor(ToposcopePreferences.METRIC, "Diagram &metric:", getFieldEditorParent()));
        }
        addField(new ComboFieldEditor(ToposcopePreferences.DIMENSIONS, "Homology &dimensions compared:",
                new String[][] {{"H0", "h0"}, {"H1", "h1"}, {"H0 and H1", "both"}}, getFieldEditorParent()));
        IntegerFieldEditor threads = new IntegerFieldEditor(ToposcopePreferences.THREADS, "&Threads (0 = every core):",
                getFieldEditorParent());
        threads.setValidRange(0, 1024);
        addField(threads);
        addField(new DirectoryFieldEditor(ToposcopePreferences.CACHE, "&Cache location:", getFieldEditorParent()));
        addField(new DirectoryFieldEditor(ToposcopePreferences.WORKSPACE, "&Workspace folder:", getFieldEditorParent()));
    }
}
