package org.toposcope.ui.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import static org.toposcope.ui.testing.UiTesting.awaitJob;
import static org.toposcope.ui.testing.UiTesting.page;
import static org.toposcope.ui.testing.UiTesting.spinUntil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import org.eclipse.core.runtime.IStatus;
import org.eclipse.swt.widgets.Display;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.toposcope.experiment.report.ReportFolder;
import org.toposcope.ui.selection.ReportOpener;
import org.toposcope.ui.testing.UiTicker;
import org.toposcope.ui.views.ExplorerView;

/**
 * Issue 11: a long run cancelled in the middle of each of its phases (the forward passes, a persistence reduction,
 * the mapper, the report's figures) ends within a second, leaves no report, and leaves the workbench as it was:
 * the UI thread kept dispatching, and the next run into the same folder resumes from the cache, finishes and
 * appears in the Experiment Explorer.
 */
class CancelRunTest {

    /** 1,000 images: every phase lasts long enough to be cancelled in its middle on a 2-core machine. */
    private static final String LONG = """
            name: long
            data: {path: sample:fashion-mnist-test, images: 1000}
            models: [sample:fashion-resnet20]
            layers: [stem, stage1.block1, stage2.block1, stage3.block3]
            mapper: {layers: [stage3.block3], cover: {id: uniform, parameters: {intervals: 10, overlap: 0.3}}, clusterer: {id: dbscan, parameters: {min-samples: 3}}}
            """;

    /** How long after a phase began the cancel comes, so it lands inside the phase's work, not at its start. */
    private static final long INTO_PHASE_MS = 250;
    private static final long LIMIT_MS = 1000;

    @Test
    void aCancelledRunStopsWithinASecondInEveryPhaseAndTheWorkbenchStaysUsable(@TempDir Path tmp) throws Exception {
        Path spec = tmp.resolve("long.yaml");
        Files.writeString(spec, LONG);
        Path out = tmp.resolve("long-report");
        Display display = Display.getCurrent();
        UiTicker ticker = new UiTicker(display);
        List<String> measured = new ArrayList<>();
        // one folder for all: each run resumes from what the cancelled ones cached, so the later phases come sooner
        for (String phase : List.of("capturing", "H1: reducing", "mapper: clustering", "writing the report")) {
            RunExperimentJob job = new RunExperimentJob(spec, out);
            job.setOpenReport(false);
            AtomicLong phaseStart = new AtomicLong();
            AtomicReference<String> current = new AtomicReference<>("");
            job.setTaskListener(task -> {
                current.set(task);
                if (task.startsWith(phase)) {
                    phaseStart.compareAndSet(0, System.nanoTime());
                }
            });
            job.schedule();
            spinUntil(() -> job.getResult() != null
                    || phaseStart.get() != 0 && System.nanoTime() - phaseStart.get() > INTO_PHASE_MS * 1_000_000, 600_000);
            assertNull(job.getResult(), "the run was still in or after phase '" + phase + "' when cancelled");
            String at = current.get();
            long cancelled = System.nanoTime();
            job.cancel();
            awaitJob(job, 60_000);
            long ms = (System.nanoTime() - cancelled) / 1_000_000;
            measured.add(phase + " (" + at + "): " + ms + " ms");
            assertEquals(IStatus.CANCEL, job.getResult().getSeverity(), phase + ": " + job.getResult().getMessage());
            assertTrue(ms <= LIMIT_MS, "cancelled in '" + at + "', the job ended after " + ms + " ms");
            assertNull(job.reportIndex());
            assertEquals(List.of(), visibleFiles(out), "a cancelled run leaves no report files");
        }
        ticker.stop();
        System.out.println("cancelled runs ended after: " + measured + "; UI longest gap " + ticker.longestGapMs() + " ms");
        assertTrue(ticker.longestGapMs() < 1000, "the UI thread was blocked " + ticker.longestGapMs() + " ms");

        // the workbench is as before: the next run into the same folder (its lock released) finishes and is shown
        RunExperimentJob again = new RunExperimentJob(spec, out);
        again.schedule();
        awaitJob(again, 600_000);
        assertEquals(IStatus.OK, again.getResult().getSeverity(), again.getResult().getMessage());
        assertEquals(1000, ReportFolder.open(out).images());
        spinUntil(() -> page().findView(ReportOpener.EXPLORER_VIEW_ID) instanceof ExplorerView e
                && e.openedReports().stream().anyMatch(p -> p.toAbsolutePath().normalize().equals(out.toAbsolutePath().normalize())), 30_000);
        ExplorerView explorer = (ExplorerView) page().findView(ReportOpener.EXPLORER_VIEW_ID);
        assertTrue(explorer.tree().getItemCount() > 0, "the Explorer lists the report");
        spinUntil(() -> explorer.loadedReport(out) != null, 30_000); // and reads it in its background job
        assertEquals(1000, explorer.loadedReport(out).images());
    }

    private static List<String> visibleFiles(Path folder) throws Exception {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
