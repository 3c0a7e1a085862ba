package org.toposcope.ui.views;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Tree;
import org.eclipse.swt.widgets.TreeItem;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.ModelLoader;

/** A model's layers as a tree; until a model is open, the model formats that can be opened. */
public final class ModelView extends MessageView {

    public static final String ID = "org.toposcope.ui.views.model";

    private Tree tree;

    @Override
    String emptyMessage() {
        return "No model open. Model formats available:";
    }

    @Override
    void createContent(Composite parent) {
        tree = new Tree(parent, SWT.BORDER | SWT.SINGLE);
        tree.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        for (Registered<ModelLoader> loader : Registry.current().all(ModelLoader.class)) {
            TreeItem item = new TreeItem(tree, SWT.NONE);
            item.setText(loader.id() + " " + String.join(" ", loader.extension().fileExtensions()));
            new TreeItem(item, SWT.NONE).setText(loader.extension().description());
        }
    }

    /** The tree of layers (or, with no model open, of model formats). */
    public Tree tree() {
        return tree;
    }
}
