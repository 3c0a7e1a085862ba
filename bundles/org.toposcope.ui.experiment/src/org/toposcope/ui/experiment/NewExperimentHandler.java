package org.toposcope.ui.experiment;

import java.nio.file.Path;

import org.eclipse.core.commands.AbstractHandler;
import org.eclipse.core.commands.ExecutionEvent;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.handlers.HandlerUtil;
import org.toposcope.core.ToposcopeException;
import org.toposcope.experiment.spec.SpecReader;

/** File > New Experiment…: writes a starting spec where the user chooses and opens it in the editor. */
public final class NewExperimentHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        FileDialog dialog = new FileDialog(window.getShell(), SWT.SAVE);
        dialog.setText("New Experiment");
        dialog.setFilterExtensions(new String[] {"*.yaml"});
        dialog.setFileName("experiment.yaml");
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return null;
        }
        Path file = Path.of(chosen.endsWith(".yaml") || chosen.endsWith(".yml") ? chosen : chosen + ".yaml");
        try {
            create(file);
            SpecEditors.open(window.getActivePage(), file);
        } catch (ToposcopeException | PartInitException e) {
            MessageDialog.openError(window.getShell(), "Cannot create " + file.getFileName(), e.getMessage());
        }
        return null;
    }

    /** Writes the starting spec, named after the file. */
    static void create(Path file) {
        String fileName = String.valueOf(file.getFileName());
        SpecYaml.save(SpecReader.parse(SpecEditors.TEMPLATE, fileName, file.toAbsolutePath().getParent()), file);
    }
}
