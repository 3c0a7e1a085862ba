package org.toposcope.ui;

import org.eclipse.ui.IFolderLayout;
import org.eclipse.ui.IPageLayout;
import org.eclipse.ui.IPerspectiveFactory;
import org.toposcope.ui.views.DistanceMatrixView;
import org.toposcope.ui.views.ExplorerView;
import org.toposcope.ui.views.ModelView;
import org.toposcope.ui.views.PersistenceView;

/**
 * Explorer above the Model view on the left; diagrams and the distance matrix side by side; the mapper graph and
 * the images of its selected nodes below.
 */
public final class ToposcopePerspective implements IPerspectiveFactory {

    public static final String ID = "org.toposcope.ui.perspective";
    /** Views of org.toposcope.ui.mapper, which builds on this bundle: named by id only. */
    public static final String MAPPER_GRAPH_VIEW = "org.toposcope.ui.mapper.views.graph";
    public static final String IMAGES_VIEW = "org.toposcope.ui.mapper.views.images";

    @Override
    public void createInitialLayout(IPageLayout layout) {
        layout.setEditorAreaVisible(false);
        String editor = layout.getEditorArea();
        layout.addView(ExplorerView.ID, IPageLayout.LEFT, 0.22f, editor);
        layout.addView(ModelView.ID, IPageLayout.BOTTOM, 0.4f, ExplorerView.ID);
        IFolderLayout bottom = layout.createFolder("org.toposcope.ui.bottom", IPageLayout.BOTTOM, 0.55f, editor);
        bottom.addView(MAPPER_GRAPH_VIEW);
        layout.addView(IMAGES_VIEW, IPageLayout.RIGHT, 0.6f, "org.toposcope.ui.bottom");
        layout.addView(PersistenceView.ID, IPageLayout.TOP, 0.55f, editor);
        layout.addView(DistanceMatrixView.ID, IPageLayout.RIGHT, 0.5f, PersistenceView.ID);
        for (String id : new String[] {ExplorerView.ID, ModelView.ID, PersistenceView.ID, DistanceMatrixView.ID, MAPPER_GRAPH_VIEW,
            IMAGES_VIEW}) {
            layout.addShowViewShortcut(id);
        }
    }
}
