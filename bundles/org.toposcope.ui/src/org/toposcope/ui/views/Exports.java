package org.toposcope.ui.views;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.eclipse.jface.action.Action;
import org.eclipse.jface.action.IToolBarManager;
import org.eclipse.swt.SWT;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.dnd.Transfer;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.ui.IViewSite;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;

/** The toolbar actions every result view has: Export PNG…, Export SVG…, Copy as CSV. */
final class Exports {

    /** What a view exports; each method runs off the UI thread except {@link #csv()}. */
    interface Exportable {
        /** Whether there is anything to export now. */
        boolean hasContent();

        /** A file name without extension to offer in the dialog. */
        String suggestedName();

        void exportPng(Path file);

        void exportSvg(Path file);

        String csv();
    }

    private Exports() {
    }

    static void contribute(IViewSite site, Control owner, Exportable view) {
        IToolBarManager bar = site.getActionBars().getToolBarManager();
        bar.add(action("Export PNG…", () -> save(site, owner, view, "png")));
        bar.add(action("Export SVG…", () -> save(site, owner, view, "svg")));
        bar.add(action("Copy as CSV", () -> {
            if (view.hasContent()) {
                copy(owner, view.csv());
                site.getActionBars().getStatusLineManager().setMessage("Copied as CSV");
            }
        }));
        site.getActionBars().updateActionBars();
    }

    private static Action action(String text, Runnable run) {
        Action a = new Action(text) {
            @Override
            public void run() {
                run.run();
            }
        };
        a.setToolTipText(text);
        return a;
    }

    private static void save(IViewSite site, Control owner, Exportable view, String extension) {
        if (!view.hasContent()) {
            site.getActionBars().getStatusLineManager().setErrorMessage("Nothing to export yet");
            return;
        }
        FileDialog dialog = new FileDialog(owner.getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {"*." + extension});
        dialog.setFileName(view.suggestedName() + "." + extension);
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen == null) {
            return;
        }
        Path file = Path.of(chosen);
        Background.run("Export " + file.getFileName(), owner, p -> {
            if (extension.equals("png")) {
                view.exportPng(file);
            } else {
                view.exportSvg(file);
            }
            return file;
        }, f -> site.getActionBars().getStatusLineManager().setMessage("Wrote " + f),
                error -> site.getActionBars().getStatusLineManager().setErrorMessage(error));
    }

    static void copy(Control owner, String text) {
        Clipboard clipboard = new Clipboard(owner.getDisplay());
        try {
            clipboard.setContents(new Object[] {text}, new Transfer[] {TextTransfer.getInstance()});
        } finally {
            clipboard.dispose();
        }
    }

    /** Pairs as {@code dim,birth,death} (essential classes die at {@code inf}); a layer column first when several. */
    static String diagramCsv(List<String> layers, List<PersistenceDiagram> diagrams) {
        boolean several = diagrams.size() > 1;
        StringBuilder s = new StringBuilder(several ? "layer,dim,birth,death\n" : "dim,birth,death\n");
        for (int k = 0; k < diagrams.size(); k++) {
            String prefix = several ? field(layers.get(k)) + "," : "";
            for (PersistenceDiagram.Dimension d : diagrams.get(k).dimensions()) {
                for (int i = 0; i < d.finiteCount(); i++) {
                    s.append(prefix).append(d.dimension()).append(',').append(d.birth(i)).append(',').append(d.death(i)).append('\n');
                }
                for (double b : d.essentialBirths()) {
                    s.append(prefix).append(d.dimension()).append(',').append(b).append(",inf\n");
                }
            }
        }
        return s.toString();
    }

    /** The matrix with its name in the corner cell, column labels across and row labels down. */
    static String matrixCsv(DistanceMatrix m) {
        StringBuilder s = new StringBuilder(field(m.name()));
        for (String c : m.columnLabels()) {
            s.append(',').append(field(c));
        }
        s.append('\n');
        for (int r = 0; r < m.rows(); r++) {
            s.append(field(m.rowLabels().get(r)));
            for (int c = 0; c < m.columns(); c++) {
                s.append(',').append(m.get(r, c));
            }
            s.append('\n');
        }
        return s.toString();
    }

    /** RFC 4180 quoting when needed. */
    static String field(String text) {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0) {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** A file-name-safe form of a label. */
    static String safe(String label) {
        return label.replaceAll("[^A-Za-z0-9._-]", "_").toLowerCase(Locale.ROOT);
    }
}
