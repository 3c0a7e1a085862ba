package org.toposcope.ui.views;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.report.Charts;
import org.toposcope.report.Figure;
import org.toposcope.ui.selection.LayerPairSelection;
import org.toposcope.ui.selection.LayerSelection;
import org.toposcope.ui.selection.ReportOpener;
import org.toposcope.ui.selection.ReportSelection;
import org.toposcope.ui.selection.SelectionPublisher;

/**
 * The selected report's layer × layer matrices as a heat map: per model the persistence distance and each
 * similarity (e.g. linear CKA), and the cross-model distance when there is one. Clicking a cell publishes a
 * {@link LayerPairSelection}, so the Persistence view shows both layers' diagrams side by side.
 */
public final class DistanceMatrixView extends ViewPart implements Exports.Exportable {

    public static final String ID = "org.toposcope.ui.views.distances";

    static final String EMPTY = "Open an experiment's results to see the layer-by-layer distance matrix; click a cell to compare two layers.";
    private static final int EXPORT_SIZE = 900;

    /** One matrix the combo offers; {@code model} is empty for the cross-model matrix (labels are model/layer). */
    private record Entry(String label, String model, DistanceMatrix matrix, String valueLabel) {
    }

    private Label message;
    private Combo combo;
    private HeatMapCanvas canvas;
    private ReportFolder report;
    private final List<Entry> entries = new ArrayList<>();
    private volatile Entry current;
    private final SelectionPublisher publisher = new SelectionPublisher();
    private final ISelectionListener listener = this::selectionChanged;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(2, false));
        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        message.setText(EMPTY);
        new Label(parent, SWT.NONE).setText("Matrix:");
        combo = new Combo(parent, SWT.READ_ONLY | SWT.DROP_DOWN);
        combo.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        combo.addListener(SWT.Selection, e -> showEntry(combo.getSelectionIndex()));
        canvas = new HeatMapCanvas(parent, this::clickCell);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 2, 1));
        getSite().setSelectionProvider(publisher);
        Exports.contribute(getViewSite(), parent, this);
        getSite().getWorkbenchWindow().getSelectionService().addPostSelectionListener(listener);
        selectionChanged(null, getSite().getWorkbenchWindow().getSelectionService().getSelection(ReportOpener.EXPLORER_VIEW_ID));
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || !(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        Object first = s.getFirstElement();
        ReportFolder r = first instanceof ReportSelection rs ? rs.report() : first instanceof LayerSelection ls ? ls.report() : null;
        if (r != null && r != report) {
            showReport(r);
        }
    }

    private void showReport(ReportFolder r) {
        report = r;
        entries.clear();
        for (ReportFolder.Model m : r.models()) {
            String prefix = r.models().size() > 1 ? m.name() + ": " : "";
            entries.add(new Entry(prefix + "persistence distance (" + m.distances().name() + ")", m.name(), m.distances(), "distance"));
            for (DistanceMatrix s : m.similarities()) {
                entries.add(new Entry(prefix + "similarity " + s.name(), m.name(), s, "similarity"));
            }
        }
        r.crossModel().ifPresent(c -> entries.add(new Entry("cross-model distance (" + c.name() + ")", "", c, "distance")));
        combo.setItems(entries.stream().map(Entry::label).toArray(String[]::new));
        message.setText(r.name() + ": click a cell to compare two layers' diagrams.");
        if (!entries.isEmpty()) {
            combo.select(0);
            showEntry(0);
        } else {
            current = null;
            canvas.setMatrix(null, "");
        }
    }

    private void showEntry(int index) {
        if (index < 0 || index >= entries.size()) {
            return;
        }
        current = entries.get(index);
        canvas.setMatrix(current.matrix(), current.valueLabel());
    }

    /** Selects cell (row, column) of the matrix shown, as a click would, and publishes the layer pair. */
    public void clickCell(int row, int column) {
        Entry e = current;
        if (e == null) {
            return;
        }
        DistanceMatrix m = e.matrix();
        canvas.select(row, column);
        String first = m.rowLabels().get(row), second = m.columnLabels().get(column);
        String model = e.model().isEmpty() ? modelOf(first) : e.model();
        String value = e.valueLabel() + " " + Plots.number(m.get(row, column));
        message.setText(canvas.describe(row, column));
        getSite().getPage().activate(this);
        publisher.publish(new LayerPairSelection(report, model, first, second, value));
    }

    private String modelOf(String label) {
        for (ReportFolder.Model m : report.models()) {
            if (label.startsWith(m.name() + "/")) {
                return m.name();
            }
        }
        return report.models().isEmpty() ? "" : report.models().get(0).name();
    }

    // ---------------------------------------------------------------- for tests and export

    /** The matrices offered, as the combo lists them. */
    public List<String> matrixNames() {
        return entries.stream().map(Entry::label).toList();
    }

    /** Shows matrix {@code index} of {@link #matrixNames()}. */
    public void selectMatrix(int index) {
        combo.select(index);
        showEntry(index);
    }

    /** The matrix shown, or null. */
    public DistanceMatrix matrix() {
        Entry e = current;
        return e == null ? null : e.matrix();
    }

    /** The tooltip of a cell: row, column, value. */
    public String cellText(int row, int column) {
        return canvas.describe(row, column);
    }

    /** Clicks cell (row, column) with the mouse (a MouseUp event at the cell's centre). */
    public void mouseClickCell(int row, int column) {
        org.eclipse.swt.graphics.Point p = canvas.centre(row, column);
        org.eclipse.swt.widgets.Event e = new org.eclipse.swt.widgets.Event();
        e.x = p.x;
        e.y = p.y;
        e.button = 1;
        canvas.notifyListeners(SWT.MouseUp, e);
    }

    @Override
    public boolean hasContent() {
        return current != null;
    }

    @Override
    public String suggestedName() {
        Entry e = current;
        return e == null ? "matrix" : Exports.safe(e.matrix().name());
    }

    private Figure figure() {
        Entry e = current;
        if (e == null) {
            throw new ToposcopeException("no matrix shown");
        }
        return Charts.heatMap(e.matrix(), report.name() + ": " + e.label(), e.valueLabel());
    }

    @Override
    public void exportPng(Path file) {
        figure().writePng(file, EXPORT_SIZE, EXPORT_SIZE);
    }

    @Override
    public void exportSvg(Path file) {
        figure().writeSvg(file, EXPORT_SIZE, EXPORT_SIZE);
    }

    @Override
    public String csv() {
        Entry e = current;
        return e == null ? "" : Exports.matrixCsv(e.matrix());
    }

    @Override
    public void setFocus() {
        combo.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getWorkbenchWindow().getSelectionService().removePostSelectionListener(listener);
        super.dispose();
    }
}
