package org.toposcope.ui.experiment;

import java.io.File;
import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.core.runtime.Adapters;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.ui.IEditorPart;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.handlers.HandlerUtil;
import org.toposcope.core.ToposcopeException;

/**
 * Run Experiment: the spec in the active experiment editor (saved first), else a selected *.yaml file (a
 * {@link Path}, a {@link File} or anything adapting to one), into {@code <name>-report} beside it.
 */
public final class RunExperimentHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        IEditorPart editor = HandlerUtil.getActiveEditor(event);
        if (editor instanceof ExperimentEditor e && HandlerUtil.getActivePart(event) == editor) {
            return e.run();
        }
        Path spec = selectedSpec(HandlerUtil.getCurrentSelection(event));
        if (spec == null && editor instanceof ExperimentEditor e) {
            return e.run();
        }
        if (spec == null) {
            MessageDialog.openInformation(window.getShell(), "Run Experiment", "Open or select an experiment spec (*.yaml) to run.");
            return null;
        }
        try {
            RunExperimentJob job = RunExperimentJob.beside(spec);
            job.schedule();
            return job;
        } catch (ToposcopeException e) {
            MessageDialog.openError(window.getShell(), "Cannot run " + spec.getFileName(), e.getMessage());
            return null;
        }
    }

    /** The first selected element as a *.yaml path, or null. */
    static Path selectedSpec(ISelection selection) {
        if (!(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return null;
        }
        Object o = s.getFirstElement();
        Path p = o instanceof Path path ? path : o instanceof File f ? f.toPath() : Adapters.adapt(o, Path.class);
        if (p == null) {
            File f = Adapters.adapt(o, File.class);
            p = f == null ? null : f.toPath();
        }
        String n = p == null ? "" : String.valueOf(p.getFileName());
        return n.endsWith(".yaml") || n.endsWith(".yml") ? p : null;
    }
}
