package org.toposcope.ui.experiment;

import java.nio.file.Path;

import org.eclipse.ui.IWorkbenchPage;
import org.eclipse.ui.PartInitException;

/** Opening spec files in the experiment editor. */
public final class SpecEditors {

    /** A new spec: the shipped model on the first 500 shipped images, every default step, a mapper on the last stage. */
    static final String TEMPLATE = """
            data: {path: sample:fashion-mnist-test, images: 500}
            models: [sample:fashion-resnet20]
            layers: [stem, stage1.block1, stage2.block1, stage3.block3]
            mapper: {layers: [stage3.block3]}
            """;

    private SpecEditors() {
    }

    public static ExperimentEditor open(IWorkbenchPage page, Path spec) throws PartInitException {
        // the Toposcope perspective starts without an editor area
        page.setEditorAreaVisible(true);
        return (ExperimentEditor) page.openEditor(new SpecEditorInput(spec), ExperimentEditor.ID);
    }
}
