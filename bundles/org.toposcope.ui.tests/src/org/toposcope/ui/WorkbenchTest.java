package org.toposcope.ui;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.toposcope.ui.testing.UiTesting.drain;
import static org.toposcope.ui.testing.UiTesting.screenshot;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.eclipse.swt.widgets.Display;
import org.eclipse.swt.widgets.Shell;
import org.eclipse.ui.IViewPart;
import org.eclipse.ui.IViewReference;
import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.PlatformUI;
import org.eclipse.ui.actions.ActionFactory;
import org.junit.jupiter.api.Test;
import org.toposcope.ui.selection.ReportOpener;
import org.toposcope.ui.views.DistanceMatrixView;
import org.toposcope.ui.views.ModelView;
import org.toposcope.ui.views.PersistenceView;

/** Opens the Toposcope workbench (under Xvfb in CI) and checks the window, the perspective and About. */
class WorkbenchTest {

    private static final List<String> VIEW_IDS = List.of(ReportOpener.EXPLORER_VIEW_ID, ModelView.ID, PersistenceView.ID, DistanceMatrixView.ID,
            ToposcopePerspective.MAPPER_GRAPH_VIEW, ToposcopePerspective.IMAGES_VIEW);

    @Test
    void perspectiveShowsTheSixViewsInAWindowTitledToposcope() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        assertNotNull(window, "a workbench window is open");
        IWorkbenchPage page = window.getActivePage();
        assertEquals(ToposcopePerspective.ID, page.getPerspective().getId());
        assertEquals("Toposcope", window.getShell().getText());

        List<String> shown = new ArrayList<>();
        for (IViewReference ref : page.getViewReferences()) {
            shown.add(ref.getId());
        }
        assertTrue(shown.containsAll(VIEW_IDS), "views in the perspective: " + shown);
        for (String id : VIEW_IDS) {
            IViewPart view = page.findView(id);
            assertNotNull(view, id + " is created");
            assertTrue(page.isPartVisible(view) || id.equals(ToposcopePerspective.MAPPER_GRAPH_VIEW), id + " is visible");
        }
        assertTrue(page.findView(ReportOpener.EXPLORER_VIEW_ID) instanceof ReportOpener, "the explorer opens reports");
        ModelView model = (ModelView) page.findView(ModelView.ID);
        if (model.report() == null) {
            // ViewsTest may have run first in this workbench and left a report selected
            assertTrue(Arrays.stream(model.tree().getItems()).anyMatch(i -> i.getText().startsWith("torchscript ")),
                    "with no report, the Model view lists the registered model loaders");
        } else {
            assertEquals(model.report().models().size(), model.tree().getItemCount(), "the Model view lists the report's models");
        }

        drain(500);
        Path shot = screenshot(window.getShell(), "workbench.png");
        assertTrue(Files.size(shot) > 1000, "screenshot written: " + shot);
    }

    @Test
    void helpAboutOpensTheAboutToposcopeDialog() throws Exception {
        IWorkbenchWindow window = PlatformUI.getWorkbench().getActiveWorkbenchWindow();
        Display display = window.getShell().getDisplay();
        AtomicReference<String> title = new AtomicReference<>();
        AtomicReference<Path> shot = new AtomicReference<>();
        // the dialog is modal: inspect and close it from inside its own event loop
        display.timerExec(1500, () -> {
            for (Shell s : display.getShells()) {
                if (s != window.getShell() && s.isVisible()) {
                    title.set(s.getText());
                    try {
                        shot.set(screenshot(s, "about.png"));
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                    s.close();
                }
            }
        });
        ActionFactory.ABOUT.create(window).run();
        assertEquals("About Toposcope", title.get());
        assertTrue(Files.size(shot.get()) > 1000);
    }
}
