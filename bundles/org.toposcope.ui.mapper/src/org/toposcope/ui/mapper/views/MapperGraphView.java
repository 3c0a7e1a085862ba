package org.toposcope.ui.mapper.views;

import java.nio.channels.Channels;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.events.MouseEvent;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.ImageData;
import org.eclipse.swt.graphics.ImageLoader;
import org.eclipse.swt.graphics.Point;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.toposcope.core.AtomicFiles;
import org.toposcope.core.CancelledException;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.MapperGraph;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.report.Charts;
import org.toposcope.report.NodeColouring;
import org.toposcope.report.Palette;
import org.toposcope.ui.mapper.GraphData;
import org.toposcope.ui.mapper.GraphLayout;
import org.toposcope.ui.mapper.MonitorProgress;
import org.toposcope.ui.selection.LayerSelection;
import org.toposcope.ui.selection.MapperNodesSelection;
import org.toposcope.ui.selection.ReportSelection;
import org.toposcope.ui.selection.SelectionPublisher;

/**
 * The mapper graph of the selected layer, laid out by ELK (force or stress) and drawn on a canvas: node area by
 * members, colour or pie by class, super-class or mean lens, edge width by shared members. Wheel zooms, dragging the
 * background pans, dragging a node moves it; a click selects nodes (shift adds) and publishes
 * {@link MapperNodesSelection}. Reading and layout run in a job.
 */
public final class MapperGraphView extends ViewPart {

    public static final String ID = "org.toposcope.ui.mapper.views.graph";

    /** What node colours show. */
    public enum Colouring {
        CLASS("class"), SUPER_CLASS("super-class"), LENS("mean lens value");

        private final String label;

        Colouring(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private static final int MARGIN = 24;
    private static final Color EDGE = new Color(120, 120, 120);
    private static final Color OUTLINE = new Color(60, 60, 60);
    private static final Color SELECTED = new Color(0, 90, 255);
    private static final Color MISSING = new Color(189, 189, 189);
    private static final Color WHITE = new Color(255, 255, 255);
    private static final Color TEXT = new Color(30, 30, 30);

    private final SelectionPublisher publisher = new SelectionPublisher();
    private final ISelectionListener listener = this::selectionChanged;
    private Label header;
    private Combo colourBy;
    private Canvas canvas;

    private GraphData data;
    private GraphLayout layout;
    private String message = "Select a layer that has a mapper graph (Model view or Experiment Explorer).";
    private GraphLayout.Algorithm algorithm = GraphLayout.Algorithm.FORCE;
    private Colouring colouring = Colouring.CLASS;
    private boolean pies = true;
    private final TreeSet<Integer> selected = new TreeSet<>();
    private LayerSelection shown;

    private double scale = 1;
    private double offsetX;
    private double offsetY;
    private boolean userMoved;
    private int dragNode = -1;
    private boolean panning;
    private boolean moved;
    private int lastX;
    private int lastY;

    private int generation;
    private boolean loading;
    private Job job;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(3, false));
        header = new Label(parent, SWT.NONE);
        header.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        header.setText("No mapper graph shown");
        new Label(parent, SWT.NONE).setText("Colour by:");
        colourBy = new Combo(parent, SWT.READ_ONLY);
        for (Colouring c : Colouring.values()) {
            colourBy.add(c.label());
        }
        colourBy.select(0);
        colourBy.addListener(SWT.Selection, e -> setColouring(Colouring.values()[colourBy.getSelectionIndex()]));

        canvas = new Canvas(parent, SWT.DOUBLE_BUFFERED | SWT.NO_BACKGROUND);
        canvas.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true, 3, 1));
        canvas.addPaintListener(e -> {
            Rectangle area = canvas.getClientArea();
            paint(e.gc, area.width, area.height);
        });
        canvas.addListener(SWT.Resize, e -> {
            if (!userMoved) {
                fit();
            }
        });
        canvas.addMouseListener(new org.eclipse.swt.events.MouseAdapter() {
            @Override
            public void mouseDown(MouseEvent e) {
                pressed(e);
            }

            @Override
            public void mouseUp(MouseEvent e) {
                released(e);
            }

            @Override
            public void mouseDoubleClick(MouseEvent e) {
                userMoved = false;
                fit();
            }
        });
        canvas.addMouseMoveListener(this::dragged);
        canvas.addMouseWheelListener(e -> zoom(e.count > 0 ? 1.15 : 1 / 1.15, e.x, e.y));

        getSite().setSelectionProvider(publisher);
        contributeMenu();
        getSite().getWorkbenchWindow().getSelectionService().addPostSelectionListener(listener);
        ISelection current = getSite().getWorkbenchWindow().getSelectionService().getSelection();
        if (current != null) {
            selectionChanged(null, current);
        }
    }

    private void contributeMenu() {
        IMenuManager menu = getViewSite().getActionBars().getMenuManager();
        for (GraphLayout.Algorithm a : GraphLayout.Algorithm.values()) {
            Action action = new Action("Layout: " + a.label(), IAction.AS_RADIO_BUTTON) {
                @Override
                public void run() {
                    if (isChecked()) {
                        setAlgorithm(a);
                    }
                }
            };
            action.setChecked(a == algorithm);
            menu.add(action);
        }
        menu.add(new Separator());
        Action pie = new Action("Pie glyphs (class or super-class histogram)", IAction.AS_CHECK_BOX) {
            @Override
            public void run() {
                pies = isChecked();
                canvas.redraw();
            }
        };
        pie.setChecked(pies);
        menu.add(pie);
        menu.add(new Action("Fit to view") {
            @Override
            public void run() {
                userMoved = false;
                fit();
            }
        });
        menu.add(new Separator());
        menu.add(new Action("Export PNG...") {
            @Override
            public void run() {
                export("png");
            }
        });
        menu.add(new Action("Export SVG...") {
            @Override
            public void run() {
                export("svg");
            }
        });
        menu.add(new Action("Copy as CSV") {
            @Override
            public void run() {
                copyCsv();
            }
        });
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part == this || !(selection instanceof IStructuredSelection s) || s.isEmpty()) {
            return;
        }
        Object first = s.getFirstElement();
        if (first instanceof LayerSelection layer) {
            show(layer);
        } else if (first instanceof ReportSelection r && shown == null) {
            // a report alone: show its first mapper graph until a layer is chosen
            for (ReportFolder.Model m : r.report().models()) {
                if (!m.mapperLayers().isEmpty()) {
                    show(new LayerSelection(r.report(), m.name(), m.mapperLayers().get(0)));
                    return;
                }
            }
        }
    }

    /** Shows a layer's mapper graph: reads it and lays it out in a job (what the selection listener calls). */
    public void show(LayerSelection layer) {
        if (layer.equals(shown) && (loading || data != null)) {
            return;
        }
        shown = layer;
        List<String> mapperLayers;
        try {
            mapperLayers = layer.report().model(layer.model()).mapperLayers();
        } catch (ToposcopeException e) {
            showMessage(e.getMessage(), "Mapper graph not shown");
            return;
        }
        if (!mapperLayers.contains(layer.layer())) {
            showMessage("No mapper graph for " + layer.layer() + " of " + layer.model() + ": the report has them for " + mapperLayers + ".",
                    layer.layer() + ": no mapper graph");
            return;
        }
        start("Reading the mapper graph of " + layer.layer(), null, layer);
    }

    private void showMessage(String text, String headerText) {
        cancelJob();
        generation++;
        loading = false;
        data = null;
        layout = null;
        selected.clear();
        message = text;
        header.setText(headerText);
        canvas.redraw();
    }

    private void setAlgorithm(GraphLayout.Algorithm a) {
        algorithm = a;
        if (data != null) {
            start("Laying out the mapper graph", data, shown);
        }
    }

    private void setColouring(Colouring c) {
        colouring = c;
        if (colourBy.getSelectionIndex() != c.ordinal()) {
            colourBy.select(c.ordinal());
        }
        canvas.redraw();
    }

    /** Reads (when {@code known} is null) and lays out off the UI thread; only the newest request is applied. */
    private void start(String name, GraphData known, LayerSelection layer) {
        cancelJob();
        int mine = ++generation;
        loading = true;
        message = name + "...";
        header.setText(name + "...");
        if (known == null) {
            data = null;
            layout = null;
            selected.clear();
        }
        canvas.redraw();
        GraphLayout.Algorithm a = algorithm;
        Display display = canvas.getDisplay();
        job = Job.create(name, monitor -> {
            try {
                GraphData d = known != null ? known : GraphData.read(layer.report(), layer.model(), layer.layer());
                GraphLayout l = GraphLayout.compute(d.graph(), a, new MonitorProgress(monitor));
                display.asyncExec(() -> applied(mine, d, l, null));
                return Status.OK_STATUS;
            } catch (CancelledException e) {
                return Status.CANCEL_STATUS;
            } catch (ToposcopeException e) {
                display.asyncExec(() -> applied(mine, null, null, e.getMessage()));
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                String line = e.getClass().getSimpleName() + ": " + e.getMessage();
                display.asyncExec(() -> applied(mine, null, null, line));
                return new Status(IStatus.ERROR, "org.toposcope.ui.mapper", line, e);
            }
        });
        job.setSystem(false);
        job.schedule();
    }

    private void applied(int request, GraphData d, GraphLayout l, String error) {
        if (canvas.isDisposed() || request != generation) {
            return;
        }
        loading = false;
        if (error != null) {
            data = null;
            layout = null;
            message = error;
            header.setText("Mapper graph not shown");
        } else {
            boolean fresh = data != d;
            data = d;
            layout = l;
            if (fresh) {
                selected.clear();
            }
            header.setText(String.format(Locale.ROOT, "%s %s: %d nodes, %d edges (%s)", d.model(), d.layer(), d.graph().nodes().size(),
                    d.graph().edges().size(), algorithm.label()));
            if (colouring == Colouring.SUPER_CLASS && d.bySuperClass().isEmpty() || colouring == Colouring.LENS && d.meanLens().isEmpty()) {
                setColouring(Colouring.CLASS);
            }
            userMoved = false;
            fit();
        }
        header.getParent().layout();
        canvas.redraw();
    }

    private void cancelJob() {
        if (job != null) {
            job.cancel();
            job = null;
        }
    }

    // ---------------------------------------------------------------- view transform and interaction

    private void fit() {
        if (layout == null || canvas.isDisposed()) {
            return;
        }
        Rectangle area = canvas.getClientArea();
        double[] b = layout.bounds();
        double w = Math.max(b[2] - b[0], 1);
        double h = Math.max(b[3] - b[1], 1);
        scale = Math.min((area.width - 2.0 * MARGIN) / w, (area.height - 2.0 * MARGIN) / h);
        if (!(scale > 0)) {
            scale = 1e-3;
        }
        offsetX = (area.width - scale * (b[0] + b[2])) / 2;
        offsetY = (area.height - scale * (b[1] + b[3])) / 2;
        canvas.redraw();
    }

    private void zoom(double factor, int x, int y) {
        if (layout == null) {
            return;
        }
        userMoved = true;
        offsetX = x - (x - offsetX) * factor;
        offsetY = y - (y - offsetY) * factor;
        scale *= factor;
        canvas.redraw();
    }

    private void pressed(MouseEvent e) {
        if (e.button != 1 || layout == null) {
            return;
        }
        dragNode = nodeAt(e.x, e.y);
        panning = dragNode < 0;
        moved = false;
        lastX = e.x;
        lastY = e.y;
    }

    private void dragged(MouseEvent e) {
        if (layout == null) {
            return;
        }
        if ((dragNode < 0 && !panning) || (e.stateMask & SWT.BUTTON1) == 0) {
            hover(nodeAt(e.x, e.y));
            return;
        }
        if (!moved && Math.abs(e.x - lastX) + Math.abs(e.y - lastY) < 3) {
            return;
        }
        moved = true;
        userMoved = true;
        if (dragNode >= 0) {
            layout = layout.moved(dragNode, (e.x - offsetX) / scale, (e.y - offsetY) / scale);
        } else {
            offsetX += e.x - lastX;
            offsetY += e.y - lastY;
        }
        lastX = e.x;
        lastY = e.y;
        canvas.redraw();
    }

    private void released(MouseEvent e) {
        if (e.button != 1 || layout == null) {
            return;
        }
        if (!moved) {
            int node = nodeAt(e.x, e.y);
            if (node < 0) {
                if ((e.stateMask & SWT.SHIFT) == 0) {
                    selected.clear();
                }
            } else if ((e.stateMask & SWT.SHIFT) != 0) {
                if (!selected.remove(node)) {
                    selected.add(node);
                }
            } else {
                selected.clear();
                selected.add(node);
            }
            publish();
        }
        dragNode = -1;
        panning = false;
        moved = false;
    }

    /** Tooltip: the node's id, members, cover set, majority class (and mean lens). */
    private void hover(int node) {
        String text = null;
        if (node >= 0) {
            MapperGraph.Node n = data.graph().nodes().get(node);
            int majority = data.byClass().majority(node);
            text = String.format(Locale.ROOT, "node %d: %d members, cover set %d, mostly %s", node, n.size(), n.coverSet(),
                    majority < 0 ? "-" : data.byClass().categoryNames().get(majority));
            if (data.meanLens().isPresent()) {
                text += String.format(Locale.ROOT, ", mean lens %.4g", data.meanLens().get()[node]);
            }
        }
        if (!java.util.Objects.equals(text, canvas.getToolTipText())) {
            canvas.setToolTipText(text);
        }
    }

    /** The topmost node whose disc holds the canvas point, or -1. */
    private int nodeAt(int x, int y) {
        for (int i = layout.size() - 1; i >= 0; i--) {
            double dx = x - (offsetX + scale * layout.x(i));
            double dy = y - (offsetY + scale * layout.y(i));
            double r = Math.max(3, scale * layout.radius(i)) + 2;
            if (dx * dx + dy * dy <= r * r) {
                return i;
            }
        }
        return -1;
    }

    private void publish() {
        canvas.redraw();
        if (data == null) {
            return;
        }
        int[] nodes = selected.stream().mapToInt(Integer::intValue).toArray();
        publisher.setSelection(new StructuredSelection(new MapperNodesSelection(data.report(), data.model(), data.layer(), nodes)));
    }

    // ---------------------------------------------------------------- drawing

    /** Draws the graph, or the message, on {@code width} x {@code height} pixels. */
    void paint(GC gc, int width, int height) {
        gc.setBackground(WHITE);
        gc.fillRectangle(0, 0, width, height);
        gc.setAntialias(SWT.ON);
        gc.setForeground(TEXT);
        if (layout == null || data == null) {
            gc.drawText(message, 10, 10, true);
            return;
        }
        MapperGraph graph = data.graph();
        int maxShared = 1;
        for (MapperGraph.Edge edge : graph.edges()) {
            maxShared = Math.max(maxShared, edge.sharedMembers());
        }
        gc.setForeground(EDGE);
        gc.setAlpha(170);
        for (MapperGraph.Edge edge : graph.edges()) {
            gc.setLineWidth((int) Math.round(1 + 5 * Math.sqrt(edge.sharedMembers() / (double) maxShared)));
            gc.drawLine(px(layout.x(edge.source())), py(layout.y(edge.source())), px(layout.x(edge.target())),
                    py(layout.y(edge.target())));
        }
        gc.setAlpha(255);
        NodeColouring categories = categories();
        double[] lensRange = lensRange();
        for (int i = 0; i < layout.size(); i++) {
            int r = (int) Math.max(3, Math.round(scale * layout.radius(i)));
            int cx = px(layout.x(i));
            int cy = py(layout.y(i));
            if (categories == null) {
                double v = data.meanLens().get()[i];
                gc.setBackground(Double.isFinite(v) ? swt(Palette.ramp(fraction(v, lensRange))) : MISSING);
                gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            } else if (pies) {
                pie(gc, categories, i, cx, cy, r);
            } else {
                int m = categories.majority(i);
                gc.setBackground(m < 0 ? MISSING : swt(Palette.category(m)));
                gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            }
            boolean isSelected = selected.contains(i);
            gc.setForeground(isSelected ? SELECTED : OUTLINE);
            gc.setLineWidth(isSelected ? 3 : 1);
            gc.drawOval(cx - r, cy - r, 2 * r, 2 * r);
            if (isSelected) {
                gc.drawOval(cx - r - 4, cy - r - 4, 2 * r + 8, 2 * r + 8);
            }
        }
        gc.setLineWidth(1);
        legend(gc, categories, lensRange, width);
    }

    private void pie(GC gc, NodeColouring c, int node, int cx, int cy, int r) {
        int total = 0;
        for (int k = 0; k < c.categoryNames().size(); k++) {
            total += c.count(node, k);
        }
        if (total == 0) {
            gc.setBackground(MISSING);
            gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            return;
        }
        int cumulative = 0;
        for (int k = 0; k < c.categoryNames().size(); k++) {
            int count = c.count(node, k);
            if (count == 0) {
                continue;
            }
            int from = (int) Math.round(360.0 * cumulative / total);
            cumulative += count;
            int to = (int) Math.round(360.0 * cumulative / total);
            gc.setBackground(swt(Palette.category(k)));
            if (count == total) {
                gc.fillOval(cx - r, cy - r, 2 * r, 2 * r);
            } else {
                gc.fillArc(cx - r, cy - r, 2 * r, 2 * r, 90 - from, -(to - from));
            }
        }
    }

    private void legend(GC gc, NodeColouring categories, double[] lensRange, int width) {
        int line = gc.getFontMetrics().getHeight();
        List<String> rows = new ArrayList<>();
        if (categories != null) {
            rows.addAll(categories.categoryNames());
        }
        int textWidth = gc.textExtent("mean lens value").x;
        for (String row : rows) {
            textWidth = Math.max(textWidth, gc.textExtent(row).x);
        }
        int boxWidth = textWidth + 36;
        int boxHeight = (categories != null ? rows.size() + 1 : 3) * line + 12;
        int x0 = width - boxWidth - 8;
        int y0 = 8;
        gc.setAlpha(225);
        gc.setBackground(WHITE);
        gc.fillRectangle(x0, y0, boxWidth, boxHeight);
        gc.setAlpha(255);
        gc.setForeground(MISSING);
        gc.drawRectangle(x0, y0, boxWidth, boxHeight);
        gc.setForeground(TEXT);
        gc.drawText(colouring == Colouring.LENS && categories == null ? "mean lens value" : categories.by(), x0 + 6, y0 + 4, true);
        if (categories != null) {
            for (int k = 0; k < rows.size(); k++) {
                int y = y0 + 4 + (k + 1) * line;
                gc.setBackground(swt(Palette.category(k)));
                gc.fillRectangle(x0 + 6, y + 2, line - 4, line - 4);
                gc.drawText(rows.get(k), x0 + 6 + line + 2, y, true);
            }
        } else {
            int barY = y0 + 4 + line + 2;
            int barWidth = boxWidth - 12;
            for (int i = 0; i < barWidth; i++) {
                gc.setForeground(swt(Palette.ramp(i / (double) (barWidth - 1))));
                gc.drawLine(x0 + 6 + i, barY, x0 + 6 + i, barY + line - 4);
            }
            gc.setForeground(TEXT);
            String lo = String.format(Locale.ROOT, "%.3g", lensRange[0]);
            String hi = String.format(Locale.ROOT, "%.3g", lensRange[1]);
            gc.drawText(lo, x0 + 6, barY + line, true);
            gc.drawText(hi, x0 + boxWidth - 6 - gc.textExtent(hi).x, barY + line, true);
        }
    }

    /** The categorical colouring shown, or null when colouring by lens. */
    private NodeColouring categories() {
        return switch (colouring) {
            case CLASS -> data.byClass();
            case SUPER_CLASS -> data.bySuperClass().orElse(data.byClass());
            case LENS -> data.meanLens().isPresent() ? null : data.byClass();
        };
    }

    private double[] lensRange() {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        if (data != null && data.meanLens().isPresent()) {
            for (double v : data.meanLens().get()) {
                if (Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        return lo <= hi ? new double[] {lo, hi} : new double[] {0, 1};
    }

    private static double fraction(double v, double[] range) {
        return range[1] > range[0] ? (v - range[0]) / (range[1] - range[0]) : 0.5;
    }

    private static Color swt(java.awt.Color c) {
        return new Color(c.getRed(), c.getGreen(), c.getBlue());
    }

    private int px(double x) {
        return (int) Math.round(offsetX + scale * x);
    }

    private int py(double y) {
        return (int) Math.round(offsetY + scale * y);
    }

    // ---------------------------------------------------------------- export

    private void export(String kind) {
        if (data == null) {
            MessageDialog.openInformation(canvas.getShell(), "Export", "No mapper graph is shown.");
            return;
        }
        FileDialog dialog = new FileDialog(canvas.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {"*." + kind});
        dialog.setFileName(data.model() + "-" + data.layer() + "-mapper." + kind);
        dialog.setOverwrite(true);
        String file = dialog.open();
        if (file == null) {
            return;
        }
        try {
            if (kind.equals("png")) {
                exportPng(Path.of(file));
            } else {
                exportSvg(Path.of(file));
            }
        } catch (ToposcopeException e) {
            MessageDialog.openError(canvas.getShell(), "Export", e.getMessage());
        }
    }

    /** The canvas as drawn now (pies, selection, legend), as PNG. */
    public void exportPng(Path file) {
        Rectangle area = canvas.getClientArea();
        Image image = new Image(canvas.getDisplay(), Math.max(area.width, 16), Math.max(area.height, 16));
        GC gc = new GC(image);
        ImageData pixels;
        try {
            paint(gc, image.getBounds().width, image.getBounds().height);
        } finally {
            gc.dispose();
            pixels = image.getImageData();
            image.dispose();
        }
        ImageLoader loader = new ImageLoader();
        loader.data = new ImageData[] {pixels};
        AtomicFiles.write(file, file + ": cannot write", channel -> loader.save(Channels.newOutputStream(channel), SWT.IMAGE_PNG));
    }

    /** The report's static drawing of the graph (Charts.mapperGraph) in the current class or super-class colouring. */
    public void exportSvg(Path file) {
        NodeColouring c = colouring == Colouring.SUPER_CLASS ? data.bySuperClass().orElse(data.byClass()) : data.byClass();
        Charts.mapperGraph(data.graph(), c, data.model() + " " + data.layer() + ": mapper graph by " + c.by()).writeSvg(file, 1200, 900);
    }

    private void copyCsv() {
        if (data == null) {
            return;
        }
        Clipboard clipboard = new Clipboard(canvas.getDisplay());
        try {
            clipboard.setContents(new Object[] {data.csv()}, new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    // ---------------------------------------------------------------- for tests

    /** Nodes of the graph shown, or -1 while none is. */
    public int nodeCount() {
        return data == null || layout == null ? -1 : layout.size();
    }

    /** True while a graph is being read or laid out. */
    public boolean loading() {
        return loading;
    }

    /** The message shown instead of a graph (errors, hints). */
    public String message() {
        return message;
    }

    public GraphData data() {
        return data;
    }

    /** Selects exactly these nodes and publishes them, as clicks would. */
    public void select(int... nodes) {
        if (data == null) {
            throw new IllegalStateException("no mapper graph shown");
        }
        selected.clear();
        for (int n : nodes) {
            if (n < 0 || n >= layout.size()) {
                throw new IllegalArgumentException("no node " + n + " among " + layout.size());
            }
            selected.add(n);
        }
        publish();
    }

    public int[] selectedNodes() {
        return selected.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Canvas pixels covered by the node discs. */
    public Rectangle layoutBounds() {
        double[] b = layout.bounds();
        return new Rectangle(px(b[0]), py(b[1]), px(b[2]) - px(b[0]), py(b[3]) - py(b[1]));
    }

    /** Node centres in canvas pixels. */
    public Point[] nodeCentres() {
        Point[] p = new Point[layout.size()];
        Arrays.setAll(p, i -> new Point(px(layout.x(i)), py(layout.y(i))));
        return p;
    }

    public Canvas canvas() {
        return canvas;
    }

    public void useColouring(Colouring c) {
        setColouring(c);
    }

    public void useAlgorithm(GraphLayout.Algorithm a) {
        setAlgorithm(a);
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getWorkbenchWindow().getSelectionService().removePostSelectionListener(listener);
        cancelJob();
        super.dispose();
    }
}
