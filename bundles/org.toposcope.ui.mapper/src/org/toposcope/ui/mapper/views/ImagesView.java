package org.toposcope.ui.mapper.views;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.jface.viewers.ISelection;
import org.eclipse.jface.viewers.IStructuredSelection;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.graphics.Color;
import org.eclipse.swt.graphics.GC;
import org.eclipse.swt.graphics.Image;
import org.eclipse.swt.graphics.Rectangle;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Canvas;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.ISelectionListener;
import org.eclipse.ui.IWorkbenchPart;
import org.eclipse.ui.part.ViewPart;
import org.toposcope.core.CancelledException;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.registry.Registry;
import org.toposcope.ui.mapper.MonitorProgress;
import org.toposcope.ui.mapper.NodeImages;
import org.toposcope.ui.selection.MapperNodesSelection;

/**
 * The images behind the selected mapper nodes: thumbnails at twice their size with the class label under each, at
 * most {@link #LIMIT}; the header says how many images there are and how many are not shown. Images are read in a job.
 */
public final class ImagesView extends ViewPart {

    public static final String ID = "org.toposcope.ui.mapper.views.images";

    /** Thumbnails shown at most by default; the rest are counted in the header. */
    public static final int LIMIT = 200;

    private static final int ZOOM = 2;
    private static final int PAD = 6;
    private static final Color WHITE = new Color(255, 255, 255);
    private static final Color TEXT = new Color(30, 30, 30);
    private static final Color FRAME = new Color(200, 200, 200);

    private final ISelectionListener listener = this::selectionChanged;
    private Label header;
    private ScrolledComposite scroller;
    private Canvas canvas;

    private NodeImages images;
    private Image[] thumbnails = new Image[0];
    private MapperNodesSelection shown;
    private int limit = LIMIT;
    private int generation;
    private boolean loading;
    private Job job;

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        header = new Label(parent, SWT.WRAP);
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        header.setText("Select nodes in the Mapper Graph view to see their images.");
        scroller = new ScrolledComposite(parent, SWT.V_SCROLL);
        scroller.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        scroller.setExpandHorizontal(true);
        canvas = new Canvas(scroller, SWT.DOUBLE_BUFFERED);
        canvas.setBackground(WHITE);
        scroller.setContent(canvas);
        canvas.addPaintListener(e -> paint(e.gc, canvas.getClientArea().width));
        scroller.addListener(SWT.Resize, e -> resize());
        scroller.getVerticalBar().setIncrement(24);
        getSite().getWorkbenchWindow().getSelectionService().addPostSelectionListener(listener);
    }

    private void selectionChanged(IWorkbenchPart part, ISelection selection) {
        if (part != this && selection instanceof IStructuredSelection s && s.getFirstElement() instanceof MapperNodesSelection nodes) {
            show(nodes);
        }
    }

    /** Shows the images of these nodes (what the selection listener calls); reading runs in a job. */
    public void show(MapperNodesSelection selection) {
        if (selection.equals(shown)) {
            return;
        }
        shown = selection;
        if (job != null) {
            job.cancel();
        }
        int mine = ++generation;
        if (selection.nodes().length == 0) {
            loading = false;
            applied(mine, new NodeImages(0, new int[0], new String[0], new org.eclipse.swt.graphics.ImageData[0],
                    java.util.Optional.empty()), null);
            return;
        }
        loading = true;
        header.setText("Reading the images of " + selection.nodes().length + " node(s)...");
        Display display = canvas.getDisplay();
        job = Job.create("Reading the images of mapper nodes", monitor -> {
            try {
                NodeImages read = NodeImages.read(selection.report(), selection.model(), selection.layer(), selection.nodes(), limit,
                        Registry.current(), new MonitorProgress(monitor));
                display.asyncExec(() -> applied(mine, read, null));
                return Status.OK_STATUS;
            } catch (CancelledException e) {
                return Status.CANCEL_STATUS;
            } catch (ToposcopeException e) {
                display.asyncExec(() -> applied(mine, null, e.getMessage()));
                return Status.OK_STATUS;
            } catch (RuntimeException e) {
                String line = e.getClass().getSimpleName() + ": " + e.getMessage();
                display.asyncExec(() -> applied(mine, null, line));
                return new Status(IStatus.ERROR, "org.toposcope.ui.mapper", line, e);
            }
        });
        job.schedule();
    }

    private void applied(int request, NodeImages read, String error) {
        if (canvas.isDisposed() || request != generation) {
            return;
        }
        loading = false;
        disposeThumbnails();
        images = read;
        if (error != null) {
            header.setText("Images not shown: " + error);
        } else if (read.nodes() == 0) {
            header.setText("No nodes selected.");
        } else {
            thumbnails = new Image[read.pixels().length];
            for (int i = 0; i < thumbnails.length; i++) {
                thumbnails[i] = new Image(canvas.getDisplay(), read.pixels()[i]);
            }
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, "%d images in %d node(s)", read.total(), read.nodes()));
            int hidden = read.total() - count();
            if (hidden > 0) {
                text.append(String.format(Locale.ROOT, "; the first %d shown, %d not shown", count(), hidden));
            }
            read.note().ifPresent(n -> text.append("; ").append(n));
            header.setText(text.toString());
        }
        header.getParent().layout();
        resize();
        canvas.redraw();
    }

    // ---------------------------------------------------------------- drawing

    private int cellWidth(GC gc) {
        int w = 28 * ZOOM;
        if (thumbnails.length > 0) {
            w = thumbnails[0].getBounds().width * ZOOM;
        }
        w = Math.max(w, gc.textExtent("#00000").x);
        for (int i = 0; i < count(); i++) {
            w = Math.max(w, gc.textExtent(images.labels()[i]).x);
        }
        return w + 2 * PAD;
    }

    private int cellHeight(GC gc) {
        int h = thumbnails.length > 0 ? thumbnails[0].getBounds().height * ZOOM : 0;
        return h + 2 * gc.getFontMetrics().getHeight() + 2 * PAD;
    }

    private int count() {
        return images == null ? 0 : Math.min(images.total(), thumbnails.length > 0 ? thumbnails.length : limit);
    }

    private void resize() {
        if (scroller.isDisposed()) {
            return;
        }
        int width = scroller.getClientArea().width;
        GC gc = new GC(canvas);
        try {
            int columns = Math.max(1, width / cellWidth(gc));
            int rows = (count() + columns - 1) / columns;
            canvas.setSize(width, Math.max(rows * cellHeight(gc), scroller.getClientArea().height));
        } finally {
            gc.dispose();
        }
    }

    private void paint(GC gc, int width) {
        gc.setBackground(WHITE);
        gc.fillRectangle(canvas.getClientArea());
        if (images == null) {
            return;
        }
        int cw = cellWidth(gc);
        int ch = cellHeight(gc);
        int columns = Math.max(1, width / cw);
        int line = gc.getFontMetrics().getHeight();
        gc.setForeground(TEXT);
        for (int i = 0; i < count(); i++) {
            int x = (i % columns) * cw + PAD;
            int y = (i / columns) * ch + PAD;
            if (i < thumbnails.length) {
                Rectangle b = thumbnails[i].getBounds();
                gc.setInterpolation(SWT.NONE);
                gc.drawImage(thumbnails[i], 0, 0, b.width, b.height, x, y, b.width * ZOOM, b.height * ZOOM);
                gc.setForeground(FRAME);
                gc.drawRectangle(x - 1, y - 1, b.width * ZOOM + 1, b.height * ZOOM + 1);
                gc.setForeground(TEXT);
                y += b.height * ZOOM + 2;
            }
            gc.drawText(images.labels()[i], x, y, true);
            gc.drawText("#" + images.imageIds()[i], x, y + line, true);
        }
    }

    private void disposeThumbnails() {
        for (Image t : thumbnails) {
            t.dispose();
        }
        thumbnails = new Image[0];
    }

    // ---------------------------------------------------------------- for tests

    /** Image ids with a thumbnail (or, without the data set, a listed id), ascending. */
    public int[] shownImageIds() {
        return images == null ? new int[0] : Arrays.copyOf(images.imageIds(), count());
    }

    /** Class labels under the shown thumbnails. */
    public List<String> shownLabels() {
        return images == null ? List.of() : new ArrayList<>(Arrays.asList(images.labels()).subList(0, count()));
    }

    /** Thumbnails drawn (0 when the data set is unavailable). */
    public int thumbnailCount() {
        return thumbnails.length;
    }

    /** Thumbnails shown at most from the next selection on. */
    public void setLimit(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit " + limit);
        }
        this.limit = limit;
    }

    /** The view's top composite (header and thumbnails). */
    public Composite control() {
        return header.getParent();
    }

    public String headerText() {
        return header.getText();
    }

    public boolean loading() {
        return loading;
    }

    @Override
    public void setFocus() {
        canvas.setFocus();
    }

    @Override
    public void dispose() {
        getSite().getWorkbenchWindow().getSelectionService().removePostSelectionListener(listener);
        if (job != null) {
            job.cancel();
        }
        disposeThumbnails();
        super.dispose();
    }
}
