package org.toposcope.ui.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.toposcope.ui.testing.UiTesting.drain;
import static org.toposcope.ui.testing.UiTesting.awaitJob;
import static org.toposcope.ui.testing.UiTesting.page;
import static org.toposcope.ui.testing.UiTesting.spinUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.widgets.Display;
import org.eclipse.ui.progress.IProgressConstants;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.toposcope.experiment.plugins.PluginFolders;
import org.toposcope.ui.testing.UiTicker;

/**
 * A plug-in installed while the workbench runs (the deliberately broken test plug-in, built by the reactor): the
 * editor's combos offer its ids with their parameters, and a run whose steps it breaks ends with a warning naming it
 * while the report is written and the UI keeps dispatching events.
 */
class PluginEditorTest {

    private static final String BROKEN = "org.toposcope.testing.brokenplugin";

    @AfterAll
    static void uninstall() throws Exception {
        for (Bundle b : FrameworkUtil.getBundle(PluginFolders.class).getBundleContext().getBundles()) {
            if (b.getSymbolicName().equals(BROKEN)) {
                b.uninstall();
            }
        }
    }

    @Test
    void anInstalledPluginIsOfferedByTheEditorAndItsFailuresDoNotStopTheRun(@TempDir Path tmp) throws Exception {
        Path built = Path.of(System.getProperty("toposcope.brokenplugin.dir"));
        Path jar;
        try (Stream<Path> s = Files.list(built)) {
            jar = s.filter(p -> p.getFileName().toString().matches(BROKEN + "-.*\\.jar") && !p.toString().contains("sources"))
                    .findFirst().orElseThrow(() -> new AssertionError("no " + BROKEN + " jar in " + built + " (build it first)"));
        }
        Path folder = Files.createDirectories(tmp.resolve("plugins"));
        Files.copy(jar, folder.resolve(jar.getFileName()));
        PluginFolders.Result result = PluginFolders.install(List.of(folder));
        assertEquals(List.of(), result.problems());
        assertEquals(1, result.installed().size(), result.installed().toString());

        Path file = tmp.resolve("broken.yaml");
        Files.writeString(file, """
                data: {path: sample:fashion-mnist-test, images: 100}
                models: [sample:fashion-resnet20]
                layers: [stem, stage2.block1, stage3.block3]
                strategy: {id: broken-strategy, parameters: {failure: throw, layer: stage2.block1}}
                metric: {id: broken-metric, parameters: {failure: nan}}
                mapper: {layers: [stage3.block3], lens: {id: broken-lens, parameters: {failure: throw}}, cover: {id: uniform, parameters: {intervals: 6, overlap: 0.3}}, clusterer: {id: dbscan, parameters: {min-samples: 3}}}
                """);
        ExperimentEditor editor = SpecEditors.open(page(), file);
        drain(300);
        assertTrue(Arrays.asList(editor.step("metric").combo().getItems()).contains("broken-metric"));
        assertTrue(Arrays.asList(editor.step("mapper.lens").combo().getItems()).contains("broken-lens"));
        assertTrue(Arrays.asList(editor.step("strategy").combo().getItems()).contains("broken-strategy"));
        assertTrue(Arrays.asList(editor.step("filtration").combo().getItems()).contains("broken-filtration"));
        assertEquals("broken-lens", editor.step("mapper.lens").combo().getText());
        assertEquals("failure", editor.step("mapper.lens").table().getItem(0).getText(0));
        assertEquals("throw", editor.step("mapper.lens").table().getItem(0).getText(1), "value from the spec");
        page().closeAllEditors(false);

        RunExperimentJob job = RunExperimentJob.beside(file);
        job.setOpenReport(false);
        job.setProperty(IProgressConstants.NO_IMMEDIATE_ERROR_PROMPT_PROPERTY, Boolean.TRUE);
        UiTicker ticker = new UiTicker(Display.getCurrent());
        job.schedule();
        awaitJob(job, 600_000);
        ticker.stop();
        IStatus status = job.getResult();
        assertEquals(IStatus.WARNING, status.getSeverity(), status.getMessage());
        assertNull(status.getException());
        assertTrue(status.getMessage().startsWith("4 step(s) failed, the report holds the others: "), status.getMessage());
        assertTrue(status.getMessage().contains("plugin " + BROKEN + " 0.1.0."), status.getMessage());
        assertTrue(status.getMessage().contains("(metric broken-metric): returned NaN"), status.getMessage());
        assertTrue(status.getMessage().contains("(lens broken-lens): threw java.lang.IllegalStateException"), status.getMessage());
        // stage2.block1 has no point cloud, so neither a diagram nor a mapper graph: 4 = its cloud, the metric, 2 mapper graphs
        assertTrue(status.getMessage().contains(": point cloud stage2.block1: plugin " + BROKEN + " 0.1.0."), status.getMessage());
        assertTrue(status.getMessage().contains("(strategy broken-strategy): threw java.lang.IllegalStateException: broken-strategy fails "
                + "on purpose on stage2.block1"), status.getMessage());
        assertTrue(Files.isRegularFile(job.reportIndex()), "the report is written");
        assertTrue(ticker.ticks() > 5, "the UI thread kept running timers during the run: " + ticker.ticks());
        System.out.println("plug-in run: " + status.getMessage().length() + " characters of warning, " + ticker.ticks() + " UI ticks");
    }
}
