package org.toposcope.ui.views;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

import org.eclipse.core.runtime.preferences.IEclipsePreferences.IPreferenceChangeListener;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.part.ViewPart;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.ui.preferences.ToposcopePreferences;
import org.toposcope.ui.selection.ReportOpener;
import org.toposcope.ui.selection.ReportSelection;
import org.toposcope.ui.selection.SelectionPublisher;

/**
 * Opened report folders, and under the workspace folder chosen in the preferences the report folders and
 * {@code *.yaml} specs found there. Selecting (or double-clicking) a report publishes a {@link ReportSelection};
 * reports are read off the UI thread. The opened folders are kept in the preferences, so they survive restarts.
 */
public final class ExplorerView extends ViewPart implements ReportOpener {

    public static final String ID = ReportOpener.EXPLORER_VIEW_ID;

    /** How deep under the workspace folder reports and specs are looked for. */
    private static final int WORKSPACE_DEPTH = 4;

    /** A report folder in the tree. */
    record ReportEntry(Path folder) {
    }

    /** An experiment spec found in the workspace folder. */
    record SpecEntry(Path file) {
    }

    /** The workspace folder node, whose children are found in the background. */
    record WorkspaceEntry(Path folder) {
    }

    private TreeViewer viewer;
    private final List<ReportEntry> opened = new ArrayList<>();
    private final Map<Path, ReportFolder> loaded = new ConcurrentHashMap<>();
    private final Map<Path, String> failed = new ConcurrentHashMap<>();
    private volatile List<Object> workspaceChildren = List.of();
    private final SelectionPublisher publisher = new SelectionPublisher();
    private final IPreferenceChangeListener preferenceListener = e -> {
        if (ToposcopePreferences.WORKSPACE.equals(e.getKey()) && viewer != null && !viewer.getTree().isDisposed()) {
            viewer.getTree().getDisplay().asyncExec(this::scanWorkspace);
        }
    };

    @Override
    public void createPartControl(Composite parent) {
        viewer = new TreeViewer(parent, SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.setContentProvider(new Content());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object e) {
                return label(e);
            }
        });
        viewer.addPostSelectionChangedListener(e -> {
            if (e.getStructuredSelection().getFirstElement() instanceof ReportEntry r) {
                publish(r.folder());
            }
        });
        viewer.addDoubleClickListener(e -> {
            if (((IStructuredSelection) e.getSelection()).getFirstElement() instanceof ReportEntry r) {
                open(r.folder());
            }
        });
        getSite().setSelectionProvider(publisher);
        for (String path : ToposcopePreferences.openedReports()) {
            opened.add(new ReportEntry(Path.of(path)));
        }
        viewer.setInput(this);
        Action close = new Action("Close Report") {
            @Override
            public void run() {
                if (viewer.getStructuredSelection().getFirstElement() instanceof ReportEntry r) {
                    close(r.folder());
                }
            }
        };
        Action refresh = new Action("Refresh") {
            @Override
            public void run() {
                loaded.clear();
                failed.clear();
                viewer.refresh();
                scanWorkspace();
            }
        };
        getViewSite().getActionBars().getToolBarManager().add(close);
        getViewSite().getActionBars().getToolBarManager().add(refresh);
        getViewSite().getActionBars().updateActionBars();
        ToposcopePreferences.node().addPreferenceChangeListener(preferenceListener);
        scanWorkspace();
    }

    @Override
    public void open(Path reportFolder) {
        Path folder = reportFolder.toAbsolutePath().normalize();
        ReportEntry entry = new ReportEntry(folder);
        if (!opened.contains(entry)) {
            opened.add(entry);
            saveOpened();
        }
        // a re-opened folder (a run finished into it) is read again
        loaded.remove(folder);
        failed.remove(folder);
        viewer.refresh();
        getSite().getPage().activate(this);
        viewer.setSelection(new StructuredSelection(entry), true);
        publish(folder);
    }

    /** Removes a report from the tree (its files stay). */
    public void close(Path reportFolder) {
        Path folder = reportFolder.toAbsolutePath().normalize();
        if (opened.remove(new ReportEntry(folder))) {
            saveOpened();
            loaded.remove(folder);
            viewer.refresh();
        }
    }

    private void saveOpened() {
        ToposcopePreferences.setOpenedReports(opened.stream().map(r -> r.folder().toString()).toList());
    }

    /** Reads the report (once) in the background, then publishes it if it is still the selected one. */
    private void publish(Path folder) {
        ReportFolder ready = loaded.get(folder);
        if (ready != null) {
            publisher.publish(new ReportSelection(ready));
            return;
        }
        Background.run("Reading report " + folder.getFileName(), viewer.getTree(), p -> ReportFolder.open(folder), report -> {
            loaded.put(folder, report);
            failed.remove(folder);
            viewer.refresh();
            if (viewer.getStructuredSelection().getFirstElement() instanceof ReportEntry r && r.folder().equals(folder)) {
                publisher.publish(new ReportSelection(report));
            }
        }, error -> {
            failed.put(folder, error);
            viewer.refresh();
            getViewSite().getActionBars().getStatusLineManager().setErrorMessage(error);
        });
    }

    private void scanWorkspace() {
        if (viewer.getTree().isDisposed()) {
            return;
        }
        String chosen = ToposcopePreferences.workspaceFolder();
        if (chosen.isBlank()) {
            workspaceChildren = List.of();
            viewer.refresh();
            return;
        }
        Path root = Path.of(chosen);
        Background.run("Looking for reports in " + root, viewer.getTree(), p -> find(root), found -> {
            workspaceChildren = found;
            viewer.refresh();
            viewer.expandToLevel(new WorkspaceEntry(root), 1);
        }, error -> getViewSite().getActionBars().getStatusLineManager().setErrorMessage(error));
    }

    /** Report folders and specs under {@code root}, skipping hidden folders (caches) and the insides of reports. */
    static List<Object> find(Path root) {
        List<Object> found = new ArrayList<>();
        if (!Files.isDirectory(root)) {
            return found;
        }
        try (Stream<Path> walk = Files.walk(root, WORKSPACE_DEPTH)) {
            List<Path> reports = new ArrayList<>();
            walk.sorted().forEach(p -> {
                for (Path r : reports) {
                    if (p.startsWith(r)) {
                        return;
                    }
                }
                for (Path part : root.relativize(p)) {
                    if (part.toString().startsWith(".")) {
                        return;
                    }
                }
                if (Files.isDirectory(p) && ReportFolder.isReport(p)) {
                    reports.add(p);
                    found.add(new ReportEntry(p.toAbsolutePath().normalize()));
                } else if (Files.isRegularFile(p) && (p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))) {
                    found.add(new SpecEntry(p.toAbsolutePath().normalize()));
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new org.toposcope.core.ToposcopeException(root + ": cannot list: " + Background.oneLine(e));
        }
        return found;
    }

    private String label(Object e) {
        if (e instanceof ReportEntry r) {
            ReportFolder report = loaded.get(r.folder());
            String name = report != null ? report.name() + "  —  " + r.folder() : r.folder().toString();
            String error = failed.get(r.folder());
            return error != null ? name + "  (" + error + ")" : name;
        }
        if (e instanceof SpecEntry s) {
            return s.file().getFileName() + "  —  " + s.file().getParent();
        }
        if (e instanceof WorkspaceEntry w) {
            return "Workspace: " + w.folder();
        }
        return String.valueOf(e);
    }

    private final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            List<Object> roots = new ArrayList<>(opened);
            String workspace = ToposcopePreferences.workspaceFolder();
            if (!workspace.isBlank()) {
                roots.add(new WorkspaceEntry(Path.of(workspace)));
            }
            return roots.toArray();
        }

        @Override
        public Object[] getChildren(Object parent) {
            return parent instanceof WorkspaceEntry ? workspaceChildren.toArray() : new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof WorkspaceEntry && !workspaceChildren.isEmpty();
        }
    }

    // ---------------------------------------------------------------- for tests

    public Tree tree() {
        return viewer.getTree();
    }

    /** The opened report folders, in order. */
    public List<Path> openedReports() {
        return opened.stream().map(ReportEntry::folder).toList();
    }

    /** The report folders and specs found under the workspace folder. */
    public List<Path> workspaceItems() {
        return workspaceChildren.stream().map(o -> o instanceof ReportEntry r ? r.folder() : ((SpecEntry) o).file()).toList();
    }

    /** The report read from {@code folder}, once it has been read. */
    public ReportFolder loadedReport(Path folder) {
        return loaded.get(folder.toAbsolutePath().normalize());
    }

    @Override
    public void setFocus() {
        viewer.getTree().setFocus();
    }

    @Override
    public void dispose() {
        ToposcopePreferences.node().removePreferenceChangeListener(preferenceListener);
        super.dispose();
    }
}
