package org.toposcope.ui;

import java.nio.file.Path;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.ui.selection.ReportOpener;

/** File > Open Report…: choose a report folder and open it in the Experiment Explorer. */
final class OpenReportAction extends Action implements IWorkbenchAction {

    static final String ID = "org.toposcope.ui.openReport";

    private final IWorkbenchWindow window;

    OpenReportAction(IWorkbenchWindow window) {
        super("&Open Report…");
        this.window = window;
        setId(ID);
        setToolTipText("Open an experiment's report folder");
    }

    @Override
    public void run() {
        DirectoryDialog dialog = new DirectoryDialog(window.getShell());
        dialog.setText("Open Report");
        dialog.setMessage("Choose a report folder written by 'toposcope run' or 'toposcope demo' (it holds results.json).");
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path folder = Path.of(chosen);
        if (!ReportFolder.isReport(folder)) {
            MessageDialog.openError(window.getShell(), "Open Report", folder + ": not a Toposcope report (no results.json)");
            return;
        }
        try {
            ((ReportOpener) window.getActivePage().showView(ReportOpener.EXPLORER_VIEW_ID)).open(folder);
        } catch (PartInitException e) {
            MessageDialog.openError(window.getShell(), "Open Report", "cannot show the Experiment Explorer: " + e.getMessage());
        }
    }

    @Override
    public void dispose() {
    }
}
