package org.toposcope.ui.views;

import org.eclipse.swt.SWT;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.ui.part.ViewPart;

/** A view that, until an experiment is open, says what it will show and how to get there. */
abstract class MessageView extends ViewPart {

    private Label message;

    /** What the view shows once results exist. */
    abstract String emptyMessage();

    @Override
    public void createPartControl(Composite parent) {
        parent.setLayout(new GridLayout(1, false));
        message = new Label(parent, SWT.WRAP);
        message.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        message.setText(emptyMessage());
        createContent(parent);
    }

    /** Further content below the message; none by default. */
    void createContent(Composite parent) {
    }

    /** The message shown now (for tests and accessibility). */
    public String messageText() {
        return message.getText();
    }

    @Override
    public void setFocus() {
        message.setFocus();
    }
}
