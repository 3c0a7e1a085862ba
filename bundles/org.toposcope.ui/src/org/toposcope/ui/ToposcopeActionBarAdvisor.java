package org.toposcope.ui;

import org.eclipse.jface.action.GroupMarker;
import org.eclipse.jface.action.IMenuManager;
import org.eclipse.jface.action.MenuManager;
import org.eclipse.jface.action.Separator;
import org.eclipse.ui.IWorkbenchActionConstants;
import org.eclipse.ui.IWorkbenchWindow;
import org.eclipse.ui.actions.ActionFactory;
import org.eclipse.ui.actions.ActionFactory.IWorkbenchAction;
import org.eclipse.ui.application.ActionBarAdvisor;
import org.eclipse.ui.application.IActionBarConfigurer;

/** File (Open Report…, Exit), Window (Preferences, Reset Perspective) and Help (About Toposcope) menus. */
final class ToposcopeActionBarAdvisor extends ActionBarAdvisor {

    private IWorkbenchAction openReport;
    private IWorkbenchAction exit;
    /** Where {@code menu:file?after=fileAdditions} contributions go. */
    public static final String FILE_ADDITIONS = "fileAdditions";

    private IWorkbenchAction preferences;
    private IWorkbenchAction resetPerspective;
    private IWorkbenchAction about;

    ToposcopeActionBarAdvisor(IActionBarConfigurer configurer) {
        super(configurer);
    }

    @Override
    protected void makeActions(IWorkbenchWindow window) {
        openReport = register(new OpenReportAction(window));
        exit = register(ActionFactory.QUIT.create(window));
        preferences = register(ActionFactory.PREFERENCES.create(window));
        resetPerspective = register(ActionFactory.RESET_PERSPECTIVE.create(window));
        about = register(ActionFactory.ABOUT.create(window));
    }

    private IWorkbenchAction register(IWorkbenchAction action) {
        super.register(action);
        return action;
    }

    @Override
    protected void fillMenuBar(IMenuManager menuBar) {
        MenuManager file = new MenuManager("&File", IWorkbenchActionConstants.M_FILE);
        file.add(openReport);
        // other bundles add their File items here (the experiment editor's New, Open Spec, Run, Save)
        file.add(new GroupMarker(FILE_ADDITIONS));
        file.add(new Separator());
        file.add(exit);
        MenuManager window = new MenuManager("&Window", IWorkbenchActionConstants.M_WINDOW);
        window.add(preferences);
        window.add(resetPerspective);
        MenuManager help = new MenuManager("&Help", IWorkbenchActionConstants.M_HELP);
        help.add(about);
        menuBar.add(file);
        menuBar.add(window);
        menuBar.add(help);
    }
}
