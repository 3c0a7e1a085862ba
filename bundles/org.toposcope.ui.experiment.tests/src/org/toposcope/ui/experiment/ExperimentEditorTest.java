package org.toposcope.ui.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.toposcope.ui.testing.UiTesting.drain;
import static org.toposcope.ui.testing.UiTesting.awaitJob;
import static org.toposcope.ui.testing.UiTesting.page;
import static org.toposcope.ui.testing.UiTesting.screenshot;
import static org.toposcope.ui.testing.UiTesting.spinUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.swt.SWT;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Event;
import org.eclipse.swt.widgets.Menu;
import org.eclipse.swt.widgets.MenuItem;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.jface.viewers.StructuredSelection;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.commands.ICommandService;
import org.eclipse.ui.handlers.IHandlerService;
import org.eclipse.ui.progress.IProgressConstants;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.samples.Samples;
import org.toposcope.ui.selection.ReportOpener;
import org.toposcope.ui.testing.UiTicker;

/**
 * The experiment editor and runs in the real workbench (under Xvfb): the form edits and saves a spec that reads back,
 * steps list what the registry has, a run is a job that keeps the UI responsive and writes a complete report, a
 * cancelled run leaves the previous report byte for byte, and a bad spec ends in a one-line error.
 */
class ExperimentEditorTest {

    /** The small spec of helper-ui.md: the shipped model and images, four layers, a mapper on the last. */
    private static final String SMALL = """
            data: {path: sample:fashion-mnist-test, images: 200}
            models: [sample:fashion-resnet20]
            layers: [stem, stage1.block1, stage2.block1, stage3.block3]
            mapper: {layers: [stage3.block3], cover: {id: uniform, parameters: {intervals: 10, overlap: 0.3}}, clusterer: {id: dbscan, parameters: {min-samples: 3}}}
            """;

    private static final long RUN_TIMEOUT_MS = 600_000;

    @AfterEach
    void closeEditors() {
        page().closeAllEditors(false);
    }

    // --- the YAML writer ---

    @Test
    void writtenSpecsReadBackEqualIncludingAwkwardTextAndTheDemo() {
        String awkward = """
                name: "odd: name # not a comment"
                seed: -7
                data: {path: "data dir/it's \\"quoted\\".npz", images: 42, normalise: "0.5,0.25", super-classes: none, batch: 8}
                models:
                  - {name: a, path: "  leading spaces.pt"}
                  - {name: b.2, path: "sample:fashion-resnet20"}
                layers: ["true", "1e3", "null", "x: y", "ü-layer"]
                strategy: {id: spatial-sample, parameters: {count: "007", relu: "yes"}}
                metric: {id: bottleneck, dimensions: both}
                similarity: [linear-cka, {id: rbf-cka, parameters: {factor: "0.5"}}]
                mapper: {layers: [], lens: {id: pca, parameters: {components: 3}}, lens-layer: "fc", cover: quantile, clusterer: single-linkage}
                sensitivity: {layer: "stage3.block3", step: 16}
                """;
        for (String yaml : List.of(awkward, SMALL, Samples.demoSpec(), "data: {path: d}\nmodels: m.pt\n")) {
            ExperimentSpec spec = SpecReader.parse(yaml, "s.yaml", Path.of("/base"));
            String written = SpecYaml.toYaml(spec);
            ExperimentSpec back = SpecReader.parse(written, "s.yaml", Path.of("/base"));
            assertEquals(withoutSource(spec), withoutSource(back), written);
        }
    }

    @Test
    void yamlFilesOpenInTheExperimentEditorAndTheCommandsExist() {
        assertEquals(ExperimentEditor.ID, PlatformUI.getWorkbench().getEditorRegistry().getDefaultEditor("my.yaml").getId());
        ICommandService commands = PlatformUI.getWorkbench().getService(ICommandService.class);
        for (String id : List.of("org.toposcope.ui.experiment.new", "org.toposcope.ui.experiment.open", "org.toposcope.ui.experiment.run")) {
            assertTrue(commands.getCommand(id).isDefined(), id);
            assertTrue(commands.getCommand(id).isHandled(), id + " has a handler");
        }
        // File offers them
        Menu bar = page().getWorkbenchWindow().getShell().getMenuBar();
        MenuItem file = Arrays.stream(bar.getItems()).filter(i -> i.getText().replace("&", "").equals("File")).findFirst().orElseThrow();
        file.getMenu().notifyListeners(SWT.Show, new Event());
        drain(100);
        List<String> items = Arrays.stream(file.getMenu().getItems()).map(i -> i.getText().replace("&", "")).toList();
        file.getMenu().notifyListeners(SWT.Hide, new Event());
        assertTrue(items.containsAll(List.of("New Experiment…", "Open Spec…", "Run Experiment")), items.toString());
        System.out.println("File menu: " + items);
    }

    @Test
    void aSelectedYamlFileIsWhatRunRuns(@TempDir Path tmp) {
        Path spec = tmp.resolve("x.yaml");
        assertEquals(spec, RunExperimentHandler.selectedSpec(new StructuredSelection(spec)));
        assertEquals(spec, RunExperimentHandler.selectedSpec(new StructuredSelection(spec.toFile())));
        assertNull(RunExperimentHandler.selectedSpec(new StructuredSelection(tmp.resolve("x.json"))));
        assertNull(RunExperimentHandler.selectedSpec(StructuredSelection.EMPTY));
    }

    @Test
    void newExperimentWritesAStartingSpecNamedAfterItsFile(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("first-try.yaml");
        NewExperimentHandler.create(file);
        ExperimentSpec spec = SpecReader.read(file);
        assertEquals("first-try", spec.name());
        assertEquals(List.of("fashion-resnet20"), spec.models().stream().map(ExperimentSpec.ModelSpec::name).toList());
        ExperimentEditor editor = SpecEditors.open(page(), file);
        assertEquals("first-try", ((Text) editor.field("name")).getText());
        assertFalse(editor.isDirty());
    }

    // --- the form ---

    @Test
    void formEditsSaveToASpecThatReadsBackWithTheChange(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small.yaml");
        Files.writeString(file, SMALL);
        ExperimentSpec before = SpecReader.read(file);
        ExperimentEditor editor = SpecEditors.open(page(), file);
        drain(300);

        // every step's combo offers exactly the installed ids, and the parameter table is pre-filled from the extension
        Combo strategies = editor.step("strategy").combo();
        assertEquals(ids(PointCloudStrategy.class), Arrays.asList(strategies.getItems()));
        assertEquals("top-l2", strategies.getText());
        assertEquals(ids(Cover.class), Arrays.asList(editor.step("mapper.cover").combo().getItems()));
        TableItem intervals = row(editor.step("mapper.cover"), "intervals");
        assertEquals("10", intervals.getText(1), "value from the spec");
        Object uniformIntervalsDefault = Registry.current().get(Cover.class, "uniform").parameters().stream()
                .filter(p -> p.name().equals("intervals")).findFirst().orElseThrow().defaultValue();
        assertEquals(uniformIntervalsDefault, intervals.getText(2), "default from the extension");
        assertFalse(editor.isDirty(), "opening does not dirty the editor");
        // another clusterer: min-samples is not one of single-linkage's parameters, so it goes; back again, defaults
        StepEditor clusterer = editor.step("mapper.clusterer");
        clusterer.combo().setText("single-linkage");
        assertEquals(Registry.current().get(org.toposcope.core.spi.Clusterer.class, "single-linkage").parameters().size(),
                clusterer.table().getItemCount());
        assertEquals(java.util.Map.of(), clusterer.get().parameters());
        clusterer.combo().setText("dbscan");
        clusterer.setValue("min-samples", "3");

        ((Text) editor.field("data.images")).setText("150");
        editor.step("mapper.cover").setValue("overlap", "0.25");
        assertTrue(editor.isDirty());
        // the editor alone fills the window for the pictures, with the model's layers listed
        page().setPartState(page().getReference(editor), IWorkbenchPage.STATE_MAXIMIZED);
        Job layers = editor.loadLayers();
        spinUntil(() -> layers.getResult() != null && !editor.loadedLayers().isEmpty(), 120_000);
        drain(500);
        Path shot = screenshot(page().getWorkbenchWindow().getShell(), "experiment-editor.png");
        assertTrue(Files.size(shot) > 5000, "screenshot written: " + shot);
        editor.reveal(editor.step("mapper.clusterer"));
        drain(300);
        assertTrue(Files.size(screenshot(page().getWorkbenchWindow().getShell(), "experiment-editor-mapper.png")) > 5000);
        page().setPartState(page().getReference(editor), IWorkbenchPage.STATE_RESTORED);

        // File > Save (the workbench's save command) saves the form
        PlatformUI.getWorkbench().getService(IHandlerService.class).executeCommand("org.eclipse.ui.file.save", null);
        assertFalse(editor.isDirty());
        ExperimentSpec saved = SpecReader.read(file);
        assertEquals(150, saved.data().images());
        assertEquals("0.25", saved.mapper().orElseThrow().cover().parameters().get("overlap"));
        // nothing else changed: the same spec with the two edits
        ExperimentSpec.MapperSpec m = before.mapper().orElseThrow();
        ExperimentSpec expected = new ExperimentSpec(before.file(), before.name(), before.seed(),
                new ExperimentSpec.DataSpec(before.data().path(), 150, before.data().normalise(), before.data().superClasses(),
                        before.data().batch()),
                before.models(), before.layers(), before.strategy(), before.filtration(), before.metric(), before.dimensions(),
                before.similarities(), Optional.of(new ExperimentSpec.MapperSpec(m.layers(), m.lens(), m.lensLayer(),
                        new org.toposcope.experiment.spec.Step(m.cover().key(), m.cover().id(),
                                java.util.Map.of("intervals", "10", "overlap", "0.25")), m.clusterer())),
                before.sensitivity(), before.baseDir(), "");
        assertEquals(expected, withoutSource(saved));
        try (Stream<Path> files = Files.list(tmp)) {
            assertEquals(List.of(file), files.toList(), "saved atomically: no temporary file left");
        }
    }

    @Test
    void loadLayersListsTheFirstModelsLayersWithTheSpecsChecked(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small.yaml");
        Files.writeString(file, SMALL);
        ExperimentEditor editor = SpecEditors.open(page(), file);
        Job job = editor.loadLayers();
        assertNotNull(job);
        spinUntil(() -> job.getResult() != null && !editor.loadedLayers().isEmpty(), 120_000);
        assertTrue(job.getResult().isOK(), job.getResult().getMessage());
        List<String> layers = editor.loadedLayers();
        assertTrue(layers.containsAll(List.of("stem", "stage1.block1", "stage2.block1", "stage3.block3")), layers.toString());
        assertTrue(layers.size() > 4, layers.toString());
        assertFalse(editor.isDirty(), "listing layers changes nothing");
    }

    // --- runs ---

    @Test
    void runIsAJobThatWritesTheReportAndACancelledRunLeavesItIntact(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("small.yaml");
        Files.writeString(file, SMALL);
        ExperimentEditor editor = SpecEditors.open(page(), file);
        ((Text) editor.field("data.images")).setText("150");

        Display display = Display.getCurrent();
        UiTicker ticker = new UiTicker(display);
        long start = System.nanoTime();
        RunExperimentJob job = editor.run(); // saves first
        assertNotNull(job);
        assertFalse(editor.isDirty());
        assertEquals(tmp.resolve("small-report"), job.outputFolder());
        awaitJob(job, RUN_TIMEOUT_MS);
        double seconds = (System.nanoTime() - start) / 1e9;
        ticker.stop();
        assertEquals(IStatus.OK, job.getResult().getSeverity(), job.getResult().getMessage());
        System.out.printf("run of the small spec (150 images, 4 layers) in a job: %.1f s; UI ticks %d (every 50 ms), "
                + "longest gap between ticks %d ms; %d progress units%n", seconds, ticker.ticks(), ticker.longestGapMs(),
                job.totalWorked());
        // the UI thread kept dispatching: at least a tick per 200 ms of the run, no gap over 2 s
        assertTrue(ticker.ticks() >= seconds * 5, "ticks " + ticker.ticks() + " in " + seconds + " s");
        assertTrue(ticker.longestGapMs() < 2000, "longest gap " + ticker.longestGapMs() + " ms");
        assertTrue(job.totalWorked() > 0, "the run reported progress through the monitor");

        ReportFolder report = ReportFolder.open(job.outputFolder());
        assertEquals(150, report.images());
        assertEquals(List.of("stem", "stage1.block1", "stage2.block1", "stage3.block3"),
                report.models().get(0).layers().stream().map(ReportFolder.Layer::name).toList());
        assertTrue(report.mapperGraph(report.models().get(0).name(), "stage3.block3").isPresent());
        if (PlatformUI.getWorkbench().getViewRegistry().find(ReportOpener.EXPLORER_VIEW_ID) != null) {
            // with the Experiment Explorer installed, the finished run's report is shown in it
            spinUntil(() -> page().findView(ReportOpener.EXPLORER_VIEW_ID) != null, 10_000);
        }
        Path results = job.outputFolder().resolve("results.json");
        byte[] resultsBefore = Files.readAllBytes(results);
        byte[] indexBefore = Files.readAllBytes(job.outputFolder().resolve("index.html"));

        // a different spec into the same folder, cancelled once it has begun writing its report
        ((Text) editor.field("data.images")).setText("120");
        editor.doSave(null);
        RunExperimentJob second = new RunExperimentJob(file, job.outputFolder());
        AtomicBoolean writing = new AtomicBoolean();
        AtomicLong cancelledAt = new AtomicLong();
        List<String> tasks = new ArrayList<>();
        second.setTaskListener(task -> {
            synchronized (tasks) {
                tasks.add(task);
            }
            if (task.startsWith("writing the report")) {
                writing.set(true);
                cancelledAt.set(System.nanoTime());
                second.cancel();
            }
        });
        second.schedule();
        awaitJob(second, RUN_TIMEOUT_MS);
        System.out.printf("cancelled run ended %.0f ms after cancel()%n", (System.nanoTime() - cancelledAt.get()) / 1e6);
        assertTrue(writing.get(), "the run reached the report before it was cancelled: " + tasks);
        assertEquals(IStatus.CANCEL, second.getResult().getSeverity(), second.getResult().getMessage());
        assertNull(second.reportIndex());
        assertArrayEquals(resultsBefore, Files.readAllBytes(results), "results.json is untouched");
        assertArrayEquals(indexBefore, Files.readAllBytes(job.outputFolder().resolve("index.html")));
        assertEquals(150, ReportFolder.open(job.outputFolder()).images(), "the previous report still opens whole");
        try (Stream<Path> files = Files.list(job.outputFolder())) {
            List<String> staged = files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".staging-") || n.startsWith(".old-"))
                    .toList();
            assertEquals(List.of(), staged, "no half-written report left beside it");
        }
    }

    @Test
    void aBadSpecEndsTheJobWithItsOneLineError(@TempDir Path tmp) throws Exception {
        Path file = tmp.resolve("bad.yaml");
        Files.writeString(file, SMALL.replace("sample:fashion-resnet20", "missing-model.pt"));
        RunExperimentJob job = RunExperimentJob.beside(file);
        // the workbench would also show it in a dialog; the test reads the status instead
        job.setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        job.schedule();
        awaitJob(job, 120_000);
        IStatus status = job.getResult();
        assertEquals(IStatus.ERROR, status.getSeverity());
        assertNull(status.getException(), "no stack trace behind the message");
        assertEquals(1, status.getMessage().lines().count(), status.getMessage());
        assertTrue(status.getMessage().contains("missing-model.pt"), status.getMessage());
        assertFalse(Files.exists(job.outputFolder().resolve("index.html")));
    }

    // --- helpers ---

    private static <T extends org.toposcope.core.Extension> List<String> ids(Class<T> point) {
        return Registry.current().all(point).stream().map(Registered::id).toList();
    }

    private static TableItem row(StepEditor step, String parameter) {
        return Arrays.stream(step.table().getItems()).filter(i -> i.getText(0).equals(parameter)).findFirst()
                .orElseThrow(() -> new AssertionError("no row " + parameter));
    }

    private static ExperimentSpec withoutSource(ExperimentSpec s) {
        return new ExperimentSpec(s.file(), s.name(), s.seed(), s.data(), s.models(), s.layers(), s.strategy(), s.filtration(),
                s.metric(), s.dimensions(), s.similarities(), s.mapper(), s.sensitivity(), s.baseDir(), "");
    }
}
