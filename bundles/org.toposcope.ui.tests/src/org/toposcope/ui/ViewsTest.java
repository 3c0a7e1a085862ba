package org.toposcope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toposcope.ui.testing.UiTesting.page;
import static org.toposcope.ui.testing.UiTesting.spinUntil;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;

import org.eclipse.core.runtime.preferences.InstanceScope;
import org.eclipse.jface.action.ActionContributionItem;
import org.eclipse.jface.action.IAction;
import org.eclipse.jface.action.IContributionItem;
import org.eclipse.jface.preference.PreferenceDialog;
import org.eclipse.swt.dnd.Clipboard;
import org.eclipse.swt.dnd.TextTransfer;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.swt.widgets.TreeItem;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.dialogs.PreferencesUtil;
import org.eclipse.ui.preferences.ScopedPreferenceStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.CacheLocation;
import org.toposcope.core.Progress;
import org.toposcope.core.model.DistanceMatrix;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.Experiments;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.samples.Samples;
import org.toposcope.report.Charts;
import org.toposcope.ui.preferences.ToposcopePreferencePage;
import org.toposcope.ui.preferences.ToposcopePreferences;
import org.toposcope.ui.testing.UiTesting;
import org.toposcope.ui.views.DistanceMatrixView;
import org.toposcope.ui.views.ExplorerView;
import org.toposcope.ui.views.ModelView;
import org.toposcope.ui.views.PersistenceView;
import org.w3c.dom.Document;

/**
 * The demo's report (`toposcope demo`: the shipped model on 1,000 Fashion-MNIST images) opened through the Experiment
 * Explorer: the Model,
 * Persistence and Distance Matrix views follow the selections, show the report's numbers, and export them.
 */
class ViewsTest {


    @TempDir
    static Path tmp;
    private static Path reportPath;
    private static ReportFolder report;
    private static String model;

    @BeforeAll
    static void makeReport() throws Exception {
        reportPath = tmp.resolve("report");
        UiTesting.offUiThread(() -> Experiments.run(SpecReader.parse(Samples.demoSpec(), "demo.yaml", null), reportPath, Registry.current(),
                Progress.none()), 600_000);
        report = ReportFolder.open(reportPath);
        model = report.models().get(0).name();
    }

    @AfterAll
    static void closeReport() throws Exception {
        ToposcopePreferences.setWorkspaceFolder("");
        ((ExplorerView) page().showView(ExplorerView.ID)).close(reportPath);
    }

    /** Shows every view, then opens the report through the explorer and waits until the Model view has it. */
    private static ModelView openReport() throws Exception {
        IWorkbenchPage page = page();
        page.showView(PersistenceView.ID);
        page.showView(DistanceMatrixView.ID);
        ModelView modelView = (ModelView) page.showView(ModelView.ID);
        ExplorerView explorer = (ExplorerView) page.showView(ExplorerView.ID);
        explorer.open(reportPath);
        spinUntil(() -> modelView.report() != null && modelView.report().folder().equals(reportPath.toAbsolutePath().normalize())
                && modelView.countsLoaded(), 60_000, () -> "the Model view to show the report");
        UiTesting.drain(300);
        return modelView;
    }

    private static String describe(ReportFolder.Layer l, PersistenceDiagram d) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%,d points in R^%d", l.points(), l.dimension()));
        for (PersistenceDiagram.Dimension dim : d.dimensions()) {
            s.append(dim.dimension() == 0 ? "; " : ", ").append(String.format(Locale.ROOT, "H%d: %,d", dim.dimension(),
                    dim.finiteCount() + dim.essentialBirths().length));
        }
        return s.toString();
    }

    private static int[] pointsPerDimension(PersistenceDiagram d) {
        int[] out = new int[d.dimensions().size()];
        for (PersistenceDiagram.Dimension dim : d.dimensions()) {
            out[dim.dimension()] = dim.finiteCount() + (int) java.util.Arrays.stream(dim.essentialBirths()).filter(Double::isFinite).count();
        }
        return out;
    }

    @Test
    void aLayerSelectedInTheModelViewIsShownWithItsPointsAndPairs() throws Exception {
        ModelView modelView = openReport();
        ExplorerView explorer = (ExplorerView) page().findView(ExplorerView.ID);
        Path normalised = reportPath.toAbsolutePath().normalize();
        assertTrue(explorer.openedReports().contains(normalised), "explorer lists " + explorer.openedReports());
        assertTrue(ToposcopePreferences.openedReports().contains(normalised.toString()), "remembered in the preferences");

        // the Model view: one model, its layers with shape and pair counts
        ReportFolder.Model m = report.model(model);
        assertEquals(1, modelView.tree().getItemCount());
        TreeItem[] layerItems = modelView.tree().getItem(0).getItems();
        assertEquals(m.layers().size(), layerItems.length);
        for (int i = 0; i < layerItems.length; i++) {
            ReportFolder.Layer l = m.layers().get(i);
            PersistenceDiagram d = report.diagram(model, l.name());
            String text = layerItems[i].getText();
            assertTrue(text.startsWith(l.name() + " "), text);
            assertTrue(text.contains(String.format(Locale.ROOT, "%,d points × %d", l.points(), l.dimension())), text);
            assertTrue(text.contains(String.format(Locale.ROOT, "H1: %,d", d.dimension(1).finiteCount() + d.dimension(1).essentialBirths().length)), text);
        }

        String layer = "stage1.block1";
        PersistenceView persistence = (PersistenceView) page().findView(PersistenceView.ID);
        modelView.selectLayer(model, layer);
        spinUntil(() -> persistence.shownLayers().equals(List.of(layer)), 60_000, () -> "the Persistence view to show " + layer
                + " (shows " + persistence.shownLayers() + ", status " + persistence.statusText() + ")");
        UiTesting.drain(300);

        ReportFolder.Layer shape = m.layer(layer);
        PersistenceDiagram expected = report.diagram(model, layer);
        assertEquals(shape.points(), persistence.pointCount());
        assertEquals(expected, persistence.shownDiagrams().get(0));
        assertTrue(expected.dimension(0).finiteCount() > 0 && expected.dimension(1).finiteCount() > 0, "the layer has H0 and H1 pairs");
        assertEquals(1, persistence.drawnCounts().size());
        assertEquals(java.util.Arrays.toString(pointsPerDimension(expected)), java.util.Arrays.toString(persistence.drawnCounts().get(0)),
                "points drawn per dimension");
        assertEquals(describe(shape, expected), persistence.statusText());
        String hover = persistence.hoverText(0, 1, 0);
        assertNotNull(hover, "hovering an H1 point shows a tooltip");
        assertTrue(hover.matches("H\\d  birth \\S+  death \\S+  persistence .+"), hover);
        Path shot = UiTesting.screenshot(page().getWorkbenchWindow().getShell(), "persistence.png");
        assertTrue(Files.size(shot) > 1000);

        persistence.showTab(1);
        UiTesting.drain(300);
        int bars = 0;
        for (PersistenceDiagram.Dimension d : expected.dimensions()) {
            bars += Math.min(Charts.BARCODE_CAP, d.finiteCount() + d.essentialBirths().length);
        }
        assertEquals(List.of(bars), persistence.barCounts());
        UiTesting.screenshot(page().getWorkbenchWindow().getShell(), "barcode.png");

        // exports: the report's figures of the same diagram; CSV has one line per pair
        Path dir = UiTesting.screenshotDir().resolve("exports");
        Files.createDirectories(dir);
        persistence.exportPng(dir.resolve("barcode.png"));
        persistence.showTab(0);
        persistence.exportPng(dir.resolve("diagram.png"));
        persistence.exportSvg(dir.resolve("diagram.svg"));
        assertPng(dir.resolve("diagram.png"), 900, 800);
        assertPng(dir.resolve("barcode.png"), 900, 800);
        assertSvg(dir.resolve("diagram.svg"), layer);
        List<String> csv = persistence.csv().lines().toList();
        assertEquals("dim,birth,death", csv.get(0));
        int pairs = 0;
        for (PersistenceDiagram.Dimension d : expected.dimensions()) {
            pairs += d.finiteCount() + d.essentialBirths().length;
        }
        assertEquals(1 + pairs, csv.size());
        assertEquals("0," + expected.dimension(0).birth(0) + "," + expected.dimension(0).death(0), csv.get(1));
    }

    @Test
    void clickingAHeatMapCellShowsBothLayersDiagramsSideBySide() throws Exception {
        openReport();
        DistanceMatrixView matrixView = (DistanceMatrixView) page().findView(DistanceMatrixView.ID);
        PersistenceView persistence = (PersistenceView) page().findView(PersistenceView.ID);
        spinUntil(() -> matrixView.matrix() != null, 30_000, () -> "the matrix");
        ReportFolder.Model m = report.model(model);
        assertEquals(1 + m.similarities().size(), matrixView.matrixNames().size(), matrixView.matrixNames().toString());
        assertEquals(m.distances(), matrixView.matrix());

        DistanceMatrix d = matrixView.matrix();
        matrixView.mouseClickCell(1, 3);
        List<String> pair = List.of(d.rowLabels().get(1), d.columnLabels().get(3));
        spinUntil(() -> persistence.shownLayers().equals(pair), 60_000, () -> "the Persistence view to show " + pair + " (shows "
                + persistence.shownLayers() + ")");
        UiTesting.drain(300);
        assertEquals(2, persistence.drawnCounts().size(), "two diagrams side by side");
        for (int i = 0; i < 2; i++) {
            PersistenceDiagram expected = report.diagram(model, pair.get(i));
            assertEquals(expected, persistence.shownDiagrams().get(i));
            assertEquals(java.util.Arrays.toString(pointsPerDimension(expected)), java.util.Arrays.toString(persistence.drawnCounts().get(i)));
        }
        String value = displayedNumber(d.get(1, 3));
        assertTrue(persistence.statusText().contains(pair.get(0) + ": ") && persistence.statusText().contains(pair.get(1) + ": ")
                && persistence.statusText().endsWith("value distance " + value), persistence.statusText());
        assertEquals(pair.get(0) + " × " + pair.get(1) + ": " + value, matrixView.cellText(1, 3));
        Path shot = UiTesting.screenshot(page().getWorkbenchWindow().getShell(), "matrix-cell.png");
        assertTrue(Files.size(shot) > 1000);

        Path dir = UiTesting.screenshotDir().resolve("exports");
        Files.createDirectories(dir);
        persistence.exportPng(dir.resolve("pair.png"));
        for (Path p : persistence.exportFiles(dir.resolve("pair.png"))) {
            assertPng(p, 900, 800);
        }
        matrixView.exportPng(dir.resolve("matrix.png"));
        matrixView.exportSvg(dir.resolve("matrix.svg"));
        assertPng(dir.resolve("matrix.png"), 900, 900);
        assertSvg(dir.resolve("matrix.svg"), d.rowLabels().get(0));
        List<String> csv = matrixView.csv().lines().toList();
        assertEquals(1 + d.rows(), csv.size());
        assertEquals(d.rowLabels().get(1) + "," + String.join(",", rowValues(d, 1)), csv.get(2));

        // the similarity matrix (linear CKA by default) is offered too, and its cells select pairs as well
        assertTrue(m.similarities().size() >= 1);
        matrixView.selectMatrix(1);
        assertEquals(m.similarities().get(0), matrixView.matrix());
        matrixView.clickCell(0, 2);
        List<String> second = List.of(m.similarities().get(0).rowLabels().get(0), m.similarities().get(0).columnLabels().get(2));
        spinUntil(() -> persistence.shownLayers().equals(second), 60_000, () -> "the Persistence view to show " + second);
        UiTesting.screenshot(page().getWorkbenchWindow().getShell(), "matrix-similarity-cell.png");
    }

    @Test
    void theExplorerListsReportsAndSpecsUnderTheWorkspaceFolder() throws Exception {
        openReport();
        Path spec = tmp.resolve("specs").resolve("views.yaml");
        Files.createDirectories(spec.getParent());
        Files.writeString(spec, Samples.demoSpec());
        ExplorerView explorer = (ExplorerView) page().findView(ExplorerView.ID);
        ToposcopePreferences.setWorkspaceFolder(tmp.toString());
        Path normalisedReport = reportPath.toAbsolutePath().normalize();
        spinUntil(() -> explorer.workspaceItems().contains(normalisedReport)
                && explorer.workspaceItems().contains(spec.toAbsolutePath().normalize()), 30_000,
                () -> "the workspace folder's report and spec (found " + explorer.workspaceItems() + ")");
        // the report's own folders (.cache, diagrams, ...) are not searched
        assertEquals(2, explorer.workspaceItems().size(), explorer.workspaceItems().toString());
    }

    @Test
    void openedReportsSurviveTheExplorerBeingClosedAndReopened() throws Exception {
        openReport();
        IWorkbenchPage page = page();
        page.hideView(page.findView(ExplorerView.ID));
        UiTesting.drain(200);
        assertEquals(null, page.findView(ExplorerView.ID));
        ExplorerView reopened = (ExplorerView) page.showView(ExplorerView.ID);
        assertTrue(reopened.openedReports().contains(reportPath.toAbsolutePath().normalize()), reopened.openedReports().toString());
        String path = reportPath.toAbsolutePath().normalize().toString();
        assertTrue(java.util.Arrays.stream(reopened.tree().getItems()).anyMatch(i -> i.getText().contains(path)),
                "the reopened explorer's tree lists the report");
    }

    @Test
    void copyAsCsvPutsTheMatrixOnTheClipboard() throws Exception {
        openReport();
        DistanceMatrixView matrixView = (DistanceMatrixView) page().findView(DistanceMatrixView.ID);
        spinUntil(() -> matrixView.matrix() != null, 30_000, () -> "the matrix");
        matrixView.selectMatrix(0);
        toolbarAction(matrixView, "Copy as CSV").run();
        Clipboard clipboard = new Clipboard(Display.getCurrent());
        try {
            String text = (String) clipboard.getContents(TextTransfer.getInstance());
            assertEquals(matrixView.csv(), text);
            DistanceMatrix d = matrixView.matrix();
            assertEquals(csvField(d.name()) + "," + String.join(",", d.columnLabels()), text.lines().findFirst().orElseThrow());
        } finally {
            clipboard.dispose();
        }
    }

    @Test
    void thePreferencePageStoresDefaultsInTheInstanceScope() throws Exception {
        Shell shell = page().getWorkbenchWindow().getShell();
        PreferenceDialog dialog = PreferencesUtil.createPreferenceDialogOn(shell, "org.toposcope.ui.preferences", null, null);
        dialog.setBlockOnOpen(false);
        dialog.open();
        try {
            UiTesting.drain(500);
            assertTrue(dialog.getSelectedPage() instanceof ToposcopePreferencePage, "the Toposcope page is shown");
            UiTesting.screenshot(dialog.getShell(), "preferences.png");
            ScopedPreferenceStore store = new ScopedPreferenceStore(InstanceScope.INSTANCE, ToposcopePreferences.QUALIFIER);
            assertEquals("sliced-wasserstein", store.getString(ToposcopePreferences.METRIC));
            assertEquals("h1", store.getString(ToposcopePreferences.DIMENSIONS));
            assertEquals(0, store.getInt(ToposcopePreferences.THREADS));
            assertEquals(CacheLocation.root().toString(), store.getString(ToposcopePreferences.CACHE));
        } finally {
            dialog.close();
        }
    }

    private static IAction toolbarAction(IViewPart view, String text) {
        for (IContributionItem item : view.getViewSite().getActionBars().getToolBarManager().getItems()) {
            if (item instanceof ActionContributionItem a && text.equals(a.getAction().getText())) {
                return a.getAction();
            }
        }
        throw new AssertionError("no toolbar action " + text);
    }

    private static String csvField(String text) {
        return text.contains(",") || text.contains("\"") ? '"' + text.replace("\"", "\"\"") + '"' : text;
    }

    private static List<String> rowValues(DistanceMatrix d, int row) {
        List<String> out = new ArrayList<>();
        for (int c = 0; c < d.columns(); c++) {
            out.add(Double.toString(d.get(row, c)));
        }
        return out;
    }

    /** The views' 4-significant-digit number format, restated so the test checks what is displayed. */
    private static String displayedNumber(double v) {
        if (v == 0) {
            return "0";
        }
        String s = String.format(Locale.ROOT, "%.4g", v);
        if (s.contains("e") || !s.contains(".")) {
            return s;
        }
        s = s.replaceAll("0+$", "");
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }

    private static void assertPng(Path file, int width, int height) throws Exception {
        BufferedImage image = ImageIO.read(file.toFile());
        assertNotNull(image, file + " decodes");
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
    }

    private static void assertSvg(Path file, String text) throws Exception {
        Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        assertEquals("svg", doc.getDocumentElement().getLocalName() != null ? doc.getDocumentElement().getLocalName()
                : doc.getDocumentElement().getTagName());
        assertTrue(Files.readString(file).contains(text), file + " names " + text);
    }
}
