package org.toposcope.ui.experiment;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.TableEditor;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableColumn;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.toposcope.core.Extension;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.registry.Registered;
import org.toposcope.core.registry.Registry;
import org.toposcope.experiment.spec.Step;

/**
 * One pluggable step of a spec: a combo of the ids installed for its extension point (read from the registry each
 * time, so a plug-in's implementations appear without changes here) and a table of the chosen extension's declared
 * parameters — name, value, default, with the description as tooltip. A blank value means the default and is not
 * written to the spec, so an unedited spec saves back unchanged.
 */
final class StepEditor {

    private static final int NAME = 0;
    private static final int VALUE = 1;
    private static final int DEFAULT = 2;

    private final Class<? extends Extension> point;
    private final String key;
    private final Combo id;
    private final Table table;
    private final Runnable onChange;
    private final List<Registered<? extends Extension>> installed = new ArrayList<>();

    StepEditor(Composite parent, String label, Class<? extends Extension> point, String key, Runnable onChange) {
        this.point = point;
        this.key = key;
        this.onChange = onChange;
        Label l = new Label(parent, SWT.NONE);
        l.setText(label);
        l.setLayoutData(new GridData(SWT.FILL, SWT.TOP, false, false));
        Composite box = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        layout.marginHeight = 0;
        box.setLayout(layout);
        box.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false, 2, 1));
        // editable, so an id the spec names but no bundle provides is kept (the run then says which ids exist)
        id = new Combo(box, SWT.DROP_DOWN);
        id.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        id.setData("key", key);
        for (Registered<? extends Extension> r : Registry.current().all(point)) {
            installed.add(r);
            id.add(r.id());
        }
        table = new Table(box, SWT.BORDER | SWT.FULL_SELECTION | SWT.SINGLE);
        table.setHeaderVisible(true);
        table.setLinesVisible(true);
        GridData tableData = new GridData(SWT.FILL, SWT.TOP, true, false);
        tableData.heightHint = table.getItemHeight() * 3 + table.getHeaderHeight();
        table.setLayoutData(tableData);
        for (String[] c : new String[][] {{"parameter", "140"}, {"value", "120"}, {"default", "120"}}) {
            TableColumn column = new TableColumn(table, SWT.NONE);
            column.setText(c[0]);
            column.setWidth(Integer.parseInt(c[1]));
        }
        installValueEditor();
        id.addModifyListener(e -> {
            Map<String, String> values = currentValues();
            Extension chosen = chosen();
            if (chosen != null) {
                // switching to another installed extension drops the values it would refuse as unknown
                values.keySet().retainAll(chosen.parameters().stream().map(ParameterSpec::name).toList());
            }
            fillParameters(values);
            onChange.run();
        });
    }

    Combo combo() {
        return id;
    }

    Table table() {
        return table;
    }

    void set(Step step) {
        id.setText(step.id());
        fillParameters(step.parameters());
    }

    Step get() {
        return new Step(key, id.getText().trim(), currentValues());
    }

    /** Sets a parameter's value as if typed into the table ({@code ""} = default). */
    void setValue(String parameter, String value) {
        for (TableItem item : table.getItems()) {
            if (item.getText(NAME).equals(parameter)) {
                item.setText(VALUE, value);
                onChange.run();
                return;
            }
        }
        throw new IllegalArgumentException(key + ": no parameter " + parameter);
    }

    private Map<String, String> currentValues() {
        Map<String, String> values = new LinkedHashMap<>();
        for (TableItem item : table.getItems()) {
            String v = item.getText(VALUE).trim();
            if (!v.isEmpty()) {
                values.put(item.getText(NAME), v);
            }
        }
        return values;
    }

    /** Rows for the chosen extension's declared parameters, then any the spec sets that it does not declare. */
    private void fillParameters(Map<String, String> values) {
        table.removeAll();
        Map<String, String> rest = new LinkedHashMap<>(values);
        Extension chosen = chosen();
        id.setToolTipText(chosen == null ? "not installed: " + id.getText() : chosen.description());
        if (chosen != null) {
            for (ParameterSpec p : chosen.parameters()) {
                TableItem item = new TableItem(table, SWT.NONE);
                item.setText(new String[] {p.name(), nullToEmpty(rest.remove(p.name())), p.defaultValue()});
                item.setData(p.description() + (p.choices().isEmpty() ? "" : " (one of " + String.join(", ", p.choices()) + ")"));
            }
        }
        for (Map.Entry<String, String> e : rest.entrySet()) {
            TableItem item = new TableItem(table, SWT.NONE);
            item.setText(new String[] {e.getKey(), e.getValue(), ""});
            item.setData("not declared by " + id.getText());
        }
        GridData data = (GridData) table.getLayoutData();
        data.heightHint = table.getItemHeight() * Math.max(1, table.getItemCount()) + table.getHeaderHeight() + 4;
        table.getParent().getParent().layout(true, true);
    }

    private Extension chosen() {
        return installed.stream().filter(r -> r.id().equals(id.getText().trim())).map(Registered::extension).findFirst()
                .orElse(null);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    /** Click a value cell to edit it in place; tooltips show each parameter's description. */
    private void installValueEditor() {
        TableEditor editor = new TableEditor(table);
        editor.grabHorizontal = true;
        table.addListener(SWT.MouseHover, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            table.setToolTipText(item == null ? null : (String) item.getData());
        });
        table.addListener(SWT.MouseDown, e -> {
            TableItem item = table.getItem(new org.eclipse.swt.graphics.Point(e.x, e.y));
            if (item == null || !item.getBounds(VALUE).contains(e.x, e.y)) {
                return;
            }
            Text text = new Text(table, SWT.NONE);
            text.setText(item.getText(VALUE));
            text.selectAll();
            text.setFocus();
            Runnable commit = () -> {
                if (!text.isDisposed()) {
                    if (!text.getText().equals(item.getText(VALUE))) {
                        item.setText(VALUE, text.getText());
                        onChange.run();
                    }
                    text.dispose();
                }
            };
            text.addListener(SWT.FocusOut, ev -> commit.run());
            text.addListener(SWT.Traverse, ev -> {
                if (ev.detail == SWT.TRAVERSE_RETURN) {
                    commit.run();
                } else if (ev.detail == SWT.TRAVERSE_ESCAPE) {
                    text.dispose();
                    ev.doit = false;
                }
            });
            editor.setEditor(text, item, VALUE);
        });
    }
}
