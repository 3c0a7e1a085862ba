package org.toposcope.ui.views;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.ITreeContentProvider;
import org.eclipse.jface.viewers.LabelProvider;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.jface.viewers.TreeViewer;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.ui.selection.LayerSelection;
import org.toposcope.ui.selection.ReportOpener;
import org.toposcope.ui.selection.ReportSelection;
import org.toposcope.ui.selection.SelectionPublisher;

/**
 * The selected report's models and their layers ("points × dimension", H0/H1 counts read in the background);
 * selecting a layer publishes a {@link LayerSelection}. With no report, the model formats that can be opened.
 */
public final class ModelView extends ViewPart {

    public static final String ID = "org.toposcope.ui.views.model";

    static final String EMPTY = "No report open: open one in the Experiment Explorer (File > Open Report…). Model formats available:";

    /** A layer of a model, as a tree element. */
    private record LayerNode(ReportFolder.Model model, ReportFolder.Layer layer) {
    }

    private Label message;
    private TreeViewer viewer;
    private ReportFolder report;
    // the report whose counts are on screen
    private ReportFolder counted;
    // per layer node: finite + essential pairs per dimension, filled by a background job
    private final Map<LayerNode, int[]> counts = new ConcurrentHashMap<>();
    private final SelectionPublisher publisher = new SelectionPublisher();
    private final ISelectionListener listener = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        viewer = new TreeViewer(parent, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL | SWT.H_SCROLL);
        viewer.getTree().setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        viewer.setContentProvider(new Content());
        viewer.setLabelProvider(new LabelProvider() {
            @Override
            public String getText(Object e) {
                return label(e);
            }
        });
        viewer.addPostSelectionChangedListener(e -> {
            Object first = e.getStructuredSelection().getFirstElement();
            if (first instanceof LayerNode n) {
                publisher.publish(new LayerSelection(report, n.model().name(), n.layer().name()));
            }
        });
        getSite().setSelectionProvider(publisher);
        getSite().getWorkbenchWindow().getSelectionService().addPostSelectionListener(listener);
        showReport(null);
        // a report already chosen before this view opened
        selectionChanged(null, getSite().getWorkbenchWindow().getSelectionService().getSelection(ReportOpener.EXPLORER_VIEW_ID));
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || !(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        if (s.getFirstElement() instanceof ReportSelection r && r.report() != report) {
            showReport(r.report());
        }
    }

    private void showReport(ReportFolder r) {
        report = r;
        counts.clear();
        if (r == null) {
            message.setText(EMPTY);
            viewer.setInput(Registry.current().all(ModelLoader.class).stream()
                    .map(l -> l.id() + " " + String.join(" ", l.extension().fileExtensions()) + " — " + description(l)).toList());
            return;
        }
        message.setText(String.format(Locale.ROOT, "%s: %,d images, %d model%s. Select a layer to see its diagram.", r.name(),
                r.images(), r.models().size(), r.models().size() == 1 ? "" : "s"));
        viewer.setInput(r);
        viewer.expandAll();
        message.getParent().layout(true);
        Background.run("Counting persistence pairs", viewer.getTree(), progress -> {
            for (ReportFolder.Model m : r.models()) {
                for (ReportFolder.Layer l : m.layers()) {
                    progress.checkCancelled();
                    PersistenceDiagram d = r.diagram(m.name(), l.name());
                    int[] c = new int[d.dimensions().size()];
                    for (PersistenceDiagram.Dimension dim : d.dimensions()) {
                        c[dim.dimension()] = dim.finiteCount() + dim.essentialBirths().length;
                    }
                    counts.put(new LayerNode(m, l), c);
                }
            }
            return r;
        }, done -> {
            if (report == done) {
                viewer.refresh(true);
                counted = done;
            }
        }, error -> message.setText(error));
    }

    private static String description(Registered<ModelLoader> l) {
        return l.extension().description().lines().findFirst().orElse("");
    }

    private String label(Object e) {
        if (e instanceof ReportFolder.Model m) {
            return m.name() + " (" + m.layers().size() + " layers)";
        }
        if (e instanceof LayerNode n) {
            StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s  —  %,d points × %d", n.layer().name(),
                    n.layer().points(), n.layer().dimension()));
            int[] c = counts.get(n);
            if (c == null) {
                s.append("  ·  …");
            } else {
                for (int k = 0; k < c.length; k++) {
                    s.append(k == 0 ? "  ·  " : ", ").append(String.format(Locale.ROOT, "H%d: %,d", k, c[k]));
                }
            }
            return s.toString();
        }
        return String.valueOf(e);
    }

    private static final class Content implements ITreeContentProvider {
        @Override
        public Object[] getElements(Object input) {
            if (input instanceof ReportFolder r) {
                return r.models().toArray();
            }
            return input instanceof List<?> l ? l.toArray() : new Object[0];
        }

        @Override
        public Object[] getChildren(Object parent) {
            if (parent instanceof ReportFolder.Model m) {
                return m.layers().stream().map(l -> new LayerNode(m, l)).toArray();
            }
            return new Object[0];
        }

        @Override
        public Object getParent(Object element) {
            return element instanceof LayerNode n ? n.model() : null;
        }

        @Override
        public boolean hasChildren(Object element) {
            return element instanceof ReportFolder.Model m && !m.layers().isEmpty();
        }
    }

    // ---------------------------------------------------------------- for tests

    /** The tree: models and layers of the report, or with no report the model formats. */
    public Tree tree() {
        return viewer.getTree();
    }

    /** The report shown, or null. */
    public ReportFolder report() {
        return report;
    }

    public String messageText() {
        return message.getText();
    }

    /** True once every layer's H0/H1 counts are shown. */
    public boolean countsLoaded() {
        return report != null && counted == report;
    }

    /** Selects a layer as a click would, publishing its {@link LayerSelection}. */
    public void selectLayer(String model, String layer) {
        ReportFolder.Model m = report.model(model);
        getSite().getPage().activate(this);
        viewer.setSelection(new StructuredSelection(new LayerNode(m, m.layer(layer))), true);
    }

    @Override
    public void setFocus() {
        viewer.getTree().setFocus();
    }

    @Override
    public void dispose() {
        getSite().getWorkbenchWindow().getSelectionService().removePostSelectionListener(listener);
        super.dispose();
    }
}
