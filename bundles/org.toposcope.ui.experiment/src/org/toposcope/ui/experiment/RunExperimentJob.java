package org.toposcope.ui.experiment;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.PlatformUI;
import org.toposcope.core.CancelledException;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.Experiments;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.ui.selection.ReportOpener;

/**
 * Runs one experiment spec into a report folder as an Eclipse job (a user job: progress dialog, Progress view,
 * cancel). A bad spec, model or file ends the job with the one-line error as its status (no stack trace); a
 * cancelled run ends with CANCEL and, since the runner swaps a new report in only when it is complete, leaves the
 * previous report as it was. When the run succeeds the report is opened in the Experiment Explorer.
 */
public final class RunExperimentJob extends Job {

    public static final String PLUGIN_ID = "org.toposcope.ui.experiment";
    /** Jobs of this family are experiment runs ({@code Job.getJobManager().find(FAMILY)}). */
    public static final Object FAMILY = RunExperimentJob.class;

    private final Path specFile;
    private final Path outputFolder;
    private volatile Consumer<String> taskListener = t -> {
    };
    private volatile boolean openReport = true;
    private volatile Path index;
    private volatile long totalWorked;

    /** @param outputFolder where the report goes; {@link #defaultOutput(Path, String)} gives the usual place */
    public RunExperimentJob(Path specFile, Path outputFolder) {
        super("Run experiment " + specFile.getFileName());
        this.specFile = specFile.toAbsolutePath();
        this.outputFolder = outputFolder.toAbsolutePath();
        setUser(true);
        // one run per report folder at a time: the cache and the report swap are not meant for two writers
        setRule(new FolderRule(this.outputFolder));
    }

    /** The spec's name + "-report", beside the spec file. */
    public static Path defaultOutput(Path specFile, String specName) {
        return specFile.toAbsolutePath().resolveSibling(specName + "-report");
    }

    /** Reads the spec only for its name; a bad spec gives the usual one-line error. */
    public static RunExperimentJob beside(Path specFile) {
        ExperimentSpec spec = SpecReader.read(specFile);
        return new RunExperimentJob(specFile, defaultOutput(specFile, spec.name()));
    }

    public Path specFile() {
        return specFile;
    }

    public Path outputFolder() {
        return outputFolder;
    }

    /** The report's index.html once the run succeeded, else null. */
    public Path reportIndex() {
        return index;
    }

    /** Progress units reported by the run so far. */
    public long totalWorked() {
        return totalWorked;
    }

    /** Told (on the job's thread) of every task the run begins, e.g. "writing the report". */
    public void setTaskListener(Consumer<String> listener) {
        this.taskListener = listener;
    }

    /** Whether a successful run opens its report in the Experiment Explorer (default true). */
    public void setOpenReport(boolean open) {
        this.openReport = open;
    }

    @Override
    public boolean belongsTo(Object family) {
        return family == FAMILY;
    }

    @Override
    protected IStatus run(IProgressMonitor monitor) {
        monitor.beginTask(getName(), IProgressMonitor.UNKNOWN);
        MonitorProgress progress = new MonitorProgress(monitor, t -> taskListener.accept(t));
        List<String> failedSteps = new CopyOnWriteArrayList<>();
        try {
            ExperimentSpec spec = SpecReader.read(specFile);
            monitor.setTaskName("Running " + spec.name());
            index = Experiments.run(spec, outputFolder, Registry.current(), progress, failedSteps::add);
        } catch (CancelledException e) {
            return Status.CANCEL_STATUS;
        } catch (ToposcopeException e) {
            // the message is the whole story for the user; no exception attached, so no stack trace is shown
            return Status.error(e.getMessage());
        } finally {
            totalWorked = progress.totalWorked();
            monitor.done();
        }
        if (openReport) {
            openInExplorer(outputFolder);
        }
        // a plug-in's step that threw, hung or returned malformed output: the report has everything else
        return failedSteps.isEmpty() ? Status.OK_STATUS
                : Status.warning(failedSteps.size() + " step(s) failed, the report holds the others: " + String.join("; ", failedSteps));
    }

    /**
     * Shows the report in the Experiment Explorer, asynchronously on the UI thread. Returns false (and does
     * nothing) when no workbench or no Explorer view is installed.
     */
    static boolean openInExplorer(Path folder) {
        if (!PlatformUI.isWorkbenchRunning()
                || PlatformUI.getWorkbench().getViewRegistry().find(ReportOpener.EXPLORER_VIEW_ID) == null) {
            return false;
        }
        Display display = PlatformUI.getWorkbench().getDisplay();
        display.asyncExec(() -> {
            IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
            if (window == null && PlatformUI.getWorkbench().getWorkbenchWindowCount() > 0) {
                window = PlatformUI.getWorkbench().getWorkbenchWindows()[0];
            }
            IWorkbenchPage page = window == null ? null : window.getActivePage();
            if (page == null) {
                return;
            }
            try {
                if (page.showView(ReportOpener.EXPLORER_VIEW_ID) instanceof ReportOpener opener) {
                    opener.open(folder);
                }
            } catch (PartInitException e) {
                IStatus status = Status.error("cannot show the Experiment Explorer: " + e.getMessage());
                org.eclipse.core.runtime.Platform.getLog(RunExperimentJob.class).log(status);
            }
        });
        return true;
    }
}
