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

/** File > Open Spec…: a *.yaml experiment spec in the experiment editor. */
public final class OpenSpecHandler extends AbstractHandler {

    @Override
    public Object execute(ExecutionEvent event) {
        IWorkbenchWindow window = HandlerUtil.getActiveWorkbenchWindow(event);
        FileDialog dialog = new FileDialog(window.getShell(), SWT.OPEN);
        dialog.setText("Open Experiment Spec");
        dialog.setFilterExtensions(new String[] {"*.yaml;*.yml", "*"});
        String chosen = dialog.open();
        if (chosen != null) {
            try {
                SpecEditors.open(window.getActivePage(), Path.of(chosen));
            } catch (PartInitException e) {
                MessageDialog.openError(window.getShell(), "Cannot open " + Path.of(chosen).getFileName(), e.getMessage());
            }
        }
        return null;
    }
}
