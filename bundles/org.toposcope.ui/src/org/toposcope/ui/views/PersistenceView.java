package org.toposcope.ui.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.CTabFolder;
import org.eclipse.swt.custom.CTabItem;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.report.Charts;
import org.toposcope.report.Figure;
import org.toposcope.ui.selection.LayerPairSelection;
import org.toposcope.ui.selection.LayerSelection;

/**
 * The persistence diagram and barcode of the layer chosen in the Model view, or of both layers of a Distance
 * Matrix cell side by side. Diagrams are read off the UI thread.
 */
public final class PersistenceView extends ViewPart implements Exports.Exportable {

    public static final String ID = "org.toposcope.ui.views.persistence";

    static final String EMPTY = "Select a layer in the Model view to see its persistence diagram (births against deaths, by dimension).";
    private static final int EXPORT_WIDTH = 900, EXPORT_HEIGHT = 800;

    /** What is on screen: one or two layers, their diagrams and cloud shapes. */
    private record Shown(ReportFolder report, List<String> titles, List<ReportFolder.Layer> layers, List<PersistenceDiagram> diagrams,
            String distance) {
    }

    /** A layer named in a selection, resolved to its model ({@code model/layer} names come from cross-model matrices). */
    private record Ref(String model, String layer, String title) {
    }

    private Label status;
    private CTabFolder tabs;
    private Composite diagramPane, barcodePane;
    private volatile Shown shown;
    private volatile boolean barcodeTab;
    private Object requested;
    private final ISelectionListener listener = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        status = new Label(parent, SWT.WRAP);
        status.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        status.setText(EMPTY);
        tabs = new CTabFolder(parent, SWT.BOTTOM | SWT.BORDER);
        tabs.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        diagramPane = new Composite(tabs, SWT.NONE);
        barcodePane = new Composite(tabs, SWT.NONE);
        CTabItem diagramItem = new CTabItem(tabs, SWT.NONE);
        diagramItem.setText("Diagram");
        diagramItem.setControl(diagramPane);
        CTabItem barcodeItem = new CTabItem(tabs, SWT.NONE);
        barcodeItem.setText("Barcode");
        barcodeItem.setControl(barcodePane);
        tabs.setSelection(0);
        tabs.addListener(SWT.Selection, e -> barcodeTab = tabs.getSelectionIndex() == 1);
        Exports.contribute(getViewSite(), parent, this);
        getSite().getWorkbenchWindow().getSelectionService().addPostSelectionListener(listener);
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || !(selection instanceof IStructuredSelection s) || s.size() != 1) {
            return;
        }
        Object first = s.getFirstElement();
        if (first instanceof LayerSelection l) {
            show(l.report(), List.of(new Ref(l.model(), l.layer(), l.layer())), null, l);
        } else if (first instanceof LayerPairSelection p) {
            show(p.report(), List.of(resolve(p.report(), p.model(), p.first()), resolve(p.report(), p.model(), p.second())), p.value(), p);
        }
    }

    private static Ref resolve(ReportFolder report, String model, String name) {
        boolean inModel = report.models().stream().anyMatch(m -> m.name().equals(model)
                && m.layers().stream().anyMatch(l -> l.name().equals(name)));
        if (!inModel) {
            for (ReportFolder.Model m : report.models()) {
                if (name.startsWith(m.name() + "/")) {
                    return new Ref(m.name(), name.substring(m.name().length() + 1), name);
                }
            }
        }
        return new Ref(model, name, name);
    }

    private void show(ReportFolder report, List<Ref> refs, String distance, Object request) {
        if (request.equals(requested)) {
            return;
        }
        requested = request;
        status.setText("Loading " + String.join(" and ", refs.stream().map(Ref::title).toList()) + "…");
        Background.run("Reading persistence diagrams", status, progress -> {
            List<ReportFolder.Layer> layers = new ArrayList<>();
            List<PersistenceDiagram> diagrams = new ArrayList<>();
            for (Ref r : refs) {
                layers.add(report.model(r.model()).layer(r.layer()));
                diagrams.add(report.diagram(r.model(), r.layer()));
            }
            return new Shown(report, refs.stream().map(Ref::title).toList(), layers, diagrams, distance);
        }, loaded -> {
            if (requested == request) {
                display(loaded);
            }
        }, error -> {
            if (requested == request) {
                requested = null;
                shown = null;
                clear();
                status.setText(error);
            }
        });
    }

    private void clear() {
        for (Composite pane : new Composite[] {diagramPane, barcodePane}) {
            for (Control c : pane.getChildren()) {
                c.dispose();
            }
        }
    }

    private void display(Shown s) {
        clear();
        int n = s.diagrams().size();
        diagramPane.setLayout(new GridLayout(n, true));
        barcodePane.setLayout(new GridLayout(n, true));
        for (int i = 0; i < n; i++) {
            new DiagramCanvas(diagramPane, s.titles().get(i), s.diagrams().get(i)).setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
            new BarcodeCanvas(barcodePane, s.titles().get(i), s.diagrams().get(i)).setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        }
        diagramPane.layout(true);
        barcodePane.layout(true);
        shown = s;
        status.setText(describe(s));
        status.getParent().layout(true);
    }

    private static String describe(Shown s) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < s.diagrams().size(); i++) {
            ReportFolder.Layer l = s.layers().get(i);
            StringBuilder t = new StringBuilder(String.format(Locale.ROOT, "%,d points in R^%d", l.points(), l.dimension()));
            for (PersistenceDiagram.Dimension d : s.diagrams().get(i).dimensions()) {
                t.append(d.dimension() == 0 ? "; " : ", ").append(String.format(Locale.ROOT, "H%d: %,d", d.dimension(),
                        d.finiteCount() + d.essentialBirths().length));
            }
            parts.add(s.diagrams().size() > 1 ? s.titles().get(i) + ": " + t : t.toString());
        }
        String text = String.join("  |  ", parts);
        return s.distance() == null ? text : text + "  |  value " + s.distance();
    }

    // ---------------------------------------------------------------- for tests and export

    /** The layers shown now (titles: layer names, or {@code model/layer} from a cross-model cell). */
    public List<String> shownLayers() {
        Shown s = shown;
        return s == null ? List.of() : s.titles();
    }

    /** The number of points of the (first) shown layer's cloud, or -1 when nothing is shown. */
    public int pointCount() {
        Shown s = shown;
        return s == null ? -1 : s.layers().get(0).points();
    }

    /** The diagrams shown now, in order. */
    public List<PersistenceDiagram> shownDiagrams() {
        Shown s = shown;
        return s == null ? List.of() : s.diagrams();
    }

    /** Points drawn per dimension by each diagram canvas in its last paint. */
    public List<int[]> drawnCounts() {
        List<int[]> out = new ArrayList<>();
        for (Control c : diagramPane.getChildren()) {
            if (c instanceof DiagramCanvas d) {
                out.add(d.drawnCounts());
            }
        }
        return out;
    }

    /** Bars drawn by each barcode canvas. */
    public List<Integer> barCounts() {
        List<Integer> out = new ArrayList<>();
        for (Control c : barcodePane.getChildren()) {
            if (c instanceof BarcodeCanvas b) {
                out.add(b.barCount());
            }
        }
        return out;
    }

    /** The hover text of point {@code i} of dimension {@code k} in diagram {@code which}, as the tooltip shows it. */
    public String hoverText(int which, int k, int i) {
        DiagramCanvas canvas = (DiagramCanvas) diagramPane.getChildren()[which];
        org.eclipse.swt.graphics.Point p = canvas.position(k, i);
        return p == null ? null : canvas.describeAt(p.x, p.y);
    }

    /** The status line: "N points in R^d; H0: a, H1: b" per layer (and the cell's value for a pair). */
    public String statusText() {
        return status.getText();
    }

    /** Shows the Diagram (0) or Barcode (1) tab. */
    public void showTab(int index) {
        tabs.setSelection(index);
        barcodeTab = index == 1;
    }

    @Override
    public boolean hasContent() {
        return shown != null;
    }

    @Override
    public String suggestedName() {
        Shown s = shown;
        return s == null ? "diagram" : Exports.safe(String.join("-", s.titles())) + (barcodeTab ? "-barcode" : "-diagram");
    }

    private List<Figure> figures() {
        Shown s = shown;
        if (s == null) {
            throw new ToposcopeException("no diagram shown");
        }
        List<Figure> figures = new ArrayList<>();
        for (int i = 0; i < s.diagrams().size(); i++) {
            String title = s.report().name() + ": " + s.titles().get(i);
            figures.add(barcodeTab ? Charts.barcode(s.diagrams().get(i), title) : Charts.persistenceDiagram(s.diagrams().get(i), title));
        }
        return figures;
    }

    /** The files an export to {@code file} writes: the file itself, or one per layer when two are shown. */
    public List<Path> exportFiles(Path file) {
        Shown s = shown;
        if (s == null || s.diagrams().size() == 1) {
            return List.of(file);
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String stem = dot > 0 ? name.substring(0, dot) : name, ext = dot > 0 ? name.substring(dot) : "";
        return s.titles().stream().map(t -> file.resolveSibling(stem + "-" + Exports.safe(t) + ext)).toList();
    }

    @Override
    public void exportPng(Path file) {
        List<Figure> figures = figures();
        List<Path> files = exportFiles(file);
        for (int i = 0; i < figures.size(); i++) {
            figures.get(i).writePng(files.get(i), EXPORT_WIDTH, EXPORT_HEIGHT);
        }
    }

    @Override
    public void exportSvg(Path file) {
        List<Figure> figures = figures();
        List<Path> files = exportFiles(file);
        for (int i = 0; i < figures.size(); i++) {
            figures.get(i).writeSvg(files.get(i), EXPORT_WIDTH, EXPORT_HEIGHT);
        }
    }

    @Override
    public String csv() {
        Shown s = shown;
        return s == null ? "" : Exports.diagramCsv(s.titles(), s.diagrams());
    }

    @Override
    public void setFocus() {
        tabs.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getWorkbenchWindow().getSelectionService().removePostSelectionListener(listener);
        super.dispose();
    }
}
