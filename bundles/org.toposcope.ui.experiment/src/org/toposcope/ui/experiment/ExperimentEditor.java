package org.toposcope.ui.experiment;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.eclipse.core.runtime.IProgressMonitor;
import org.eclipse.core.runtime.IStatus;
import org.eclipse.core.runtime.Status;
import org.eclipse.core.runtime.jobs.IJobChangeEvent;
import org.eclipse.core.runtime.jobs.Job;
import org.eclipse.core.runtime.jobs.JobChangeAdapter;
import org.eclipse.jface.dialogs.MessageDialog;
import org.eclipse.swt.SWT;
import org.eclipse.swt.custom.ScrolledComposite;
import org.eclipse.swt.layout.GridData;
import org.eclipse.swt.layout.GridLayout;
import org.eclipse.swt.widgets.Button;
import org.eclipse.swt.widgets.Combo;
import org.eclipse.swt.widgets.Composite;
import org.eclipse.swt.widgets.Control;
import org.eclipse.swt.widgets.DirectoryDialog;
import org.eclipse.swt.widgets.FileDialog;
import org.eclipse.swt.widgets.Group;
import org.eclipse.swt.widgets.Label;
import org.eclipse.swt.widgets.Spinner;
import org.eclipse.swt.widgets.Table;
import org.eclipse.swt.widgets.TableItem;
import org.eclipse.swt.widgets.Text;
import org.eclipse.ui.IEditorInput;
import org.eclipse.ui.IEditorSite;
import org.eclipse.ui.IPathEditorInput;
import org.eclipse.ui.PartInitException;
import org.eclipse.ui.part.EditorPart;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.model.Normalisation;
import org.toposcope.core.registry.Registry;
import org.toposcope.core.spi.Clusterer;
import org.toposcope.core.spi.Cover;
import org.toposcope.core.spi.Dataset;
import org.toposcope.core.spi.DiagramMetric;
import org.toposcope.core.spi.FiltrationBackend;
import org.toposcope.core.spi.LayerSimilarity;
import org.toposcope.core.spi.Lens;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.PointCloudStrategy;
import org.toposcope.experiment.Sources;
import org.toposcope.experiment.spec.ExperimentSpec;
import org.toposcope.experiment.spec.SpecReader;
import org.toposcope.experiment.spec.Step;

/**
 * A form over an experiment spec (*.yaml): data, models, layers, every pluggable step with its parameters, mapper
 * and sensitivity. The spec is read with {@link SpecReader} and saved with {@link SpecYaml} (atomically, and only if
 * it reads back); Run saves, then starts a {@link RunExperimentJob}.
 */
public final class ExperimentEditor extends EditorPart {

    public static final String ID = "org.toposcope.ui.experiment.editor";
    /** Offered in the model list: the model shipped with Toposcope. */
    public static final String SAMPLE_MODEL = "sample:fashion-resnet20";

    private Path file;
    private ExperimentSpec spec;
    private boolean dirty;
    private boolean loading;

    private Text name;
    private Text seed;
    private Text dataPath;
    private Text images;
    private Combo normalise;
    private Combo superClasses;
    private Spinner batch;
    private final List<ExperimentSpec.ModelSpec> models = new ArrayList<>();
    private org.eclipse.swt.widgets.List modelList;
    private Combo modelPath;
    private Text layers;
    private Table loadedLayers;
    private Button loadLayers;
    private StepEditor strategy;
    private StepEditor filtration;
    private StepEditor metric;
    private Combo dimensions;
    private StepEditor similarity;
    private Button mapperOn;
    private Text mapperLayers;
    private Text lensLayer;
    private StepEditor lens;
    private StepEditor cover;
    private StepEditor clusterer;
    private Button sensitivityOn;
    private Text sensitivityLayer;
    private Spinner sensitivityStep;
    private Label status;
    private volatile Job layersJob;
    private ScrolledComposite scroll;

    @Override
    public void init(IEditorSite site, IEditorInput input) throws PartInitException {
        if (!(input instanceof IPathEditorInput p)) {
            throw new PartInitException("the experiment editor opens files, not " + input.getName());
        }
        file = Path.of(p.getPath().toOSString()).toAbsolutePath();
        try {
            spec = SpecReader.read(file);
        } catch (ToposcopeException e) {
            throw new PartInitException(e.getMessage());
        }
        setSite(site);
        setInput(input);
        setPartName(String.valueOf(file.getFileName()));
        setTitleToolTip(file.toString());
    }

    public Path file() {
        return file;
    }

    @Override
    public void createPartControl(Composite parent) {
        scroll = new ScrolledComposite(parent, SWT.V_SCROLL | SWT.H_SCROLL);
        Composite form = new Composite(scroll, SWT.NONE);
        form.setLayout(new GridLayout(1, false));
        scroll.setContent(form);
        scroll.setExpandHorizontal(true);
        scroll.setExpandVertical(true);

        Composite header = new Composite(form, SWT.NONE);
        header.setLayout(new GridLayout(4, false));
        header.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        button(header, "Run", this::run).setToolTipText("Save the spec and run it as a job; the report opens when done");
        button(header, "Save", () -> doSave(null));
        button(header, "Save As…", this::doSaveAs);
        status = new Label(header, SWT.NONE);
        GridData statusData = new GridData(SWT.FILL, SWT.CENTER, true, false);
        statusData.widthHint = 300; // a long path must not widen the form
        status.setLayoutData(statusData);

        Composite columns = new Composite(form, SWT.NONE);
        columns.setLayout(new GridLayout(2, true));
        columns.setLayoutData(new GridData(SWT.FILL, SWT.FILL, true, true));
        Composite left = column(columns);
        Composite right = column(columns);

        Group general = group(left, "Experiment");
        name = text(general, "Name", "names the report folder (<name>-report)");
        seed = text(general, "Seed", "seeds every random choice of the run");

        Group data = group(left, "Data");
        dataPath = text(data, "Path", "a data file or folder, relative to the spec, or sample:fashion-mnist-test", 1);
        button(data, "Browse…", this::browseData);
        images = text(data, "Images", "the first this many images; blank for all");
        normalise = combo(data, "Normalise", "auto = as the model file records; none; a preset; or mean,std per channel");
        normalise.add("auto");
        normalise.add("none");
        Normalisation.presetNames().forEach(normalise::add);
        superClasses = combo(data, "Super-classes", "auto, none, or a class-map file");
        superClasses.add("auto");
        superClasses.add("none");
        label(data, "Batch");
        batch = new Spinner(data, SWT.BORDER);
        batch.setValues(64, 1, 4096, 0, 1, 16);
        batch.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        batch.addModifyListener(e -> changed());

        Group modelGroup = group(left, "Models");
        modelList = new org.eclipse.swt.widgets.List(modelGroup, SWT.BORDER | SWT.SINGLE | SWT.V_SCROLL);
        GridData listData = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        listData.heightHint = 60;
        modelList.setLayoutData(listData);
        modelPath = new Combo(modelGroup, SWT.DROP_DOWN);
        modelPath.add(SAMPLE_MODEL);
        modelPath.setText(SAMPLE_MODEL);
        modelPath.setToolTipText("a model file or folder, relative to the spec, or sample:NAME");
        modelPath.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false));
        Composite modelButtons = new Composite(modelGroup, SWT.NONE);
        modelButtons.setLayout(new GridLayout(3, true));
        modelButtons.setLayoutData(new GridData(SWT.RIGHT, SWT.CENTER, false, false, 2, 1));
        button(modelButtons, "Add", () -> addModel(modelPath.getText()));
        button(modelButtons, "Browse…", this::browseModel);
        button(modelButtons, "Remove", this::removeModel);

        Group layerGroup = group(left, "Layers");
        layers = text(layerGroup, "Layers", "comma-separated layer names; blank for every layer of the first model", 1);
        loadLayers = button(layerGroup, "Load layers", this::loadLayers);
        loadLayers.setToolTipText("load the first model (off the UI thread) and list its layers to choose from");
        loadedLayers = new Table(layerGroup, SWT.BORDER | SWT.CHECK | SWT.V_SCROLL);
        GridData layersData = new GridData(SWT.FILL, SWT.TOP, true, false, 3, 1);
        layersData.heightHint = 160;
        loadedLayers.setLayoutData(layersData);
        loadedLayers.addListener(SWT.Selection, e -> {
            if (e.detail == SWT.CHECK) {
                List<String> checked = Arrays.stream(loadedLayers.getItems()).filter(TableItem::getChecked)
                        .map(i -> (String) i.getData()).toList();
                layers.setText(String.join(", ", checked));
            }
        });

        Group steps = group(right, "Persistence and similarity");
        strategy = new StepEditor(steps, "Point cloud", PointCloudStrategy.class, "strategy", this::changed);
        filtration = new StepEditor(steps, "Filtration", FiltrationBackend.class, "filtration", this::changed);
        metric = new StepEditor(steps, "Metric", DiagramMetric.class, "metric", this::changed);
        dimensions = combo(steps, "Dimensions", "which diagrams the metric compares: H0, H1 or both (summed)");
        dimensions.setItems("h0", "h1", "both");
        similarity = new StepEditor(steps, "Similarity", LayerSimilarity.class, "similarity", this::changed);

        Group mapper = group(right, "Mapper");
        mapperOn = check(mapper, "Compute mapper graphs");
        mapperLayers = text(mapper, "Figure layers", "layers that get mapper figures (comma-separated)");
        lensLayer = text(mapper, "Lens layer", "layer whose activations the lens sees; blank for the mapped layer");
        lens = new StepEditor(mapper, "Lens", Lens.class, "mapper.lens", this::changed);
        cover = new StepEditor(mapper, "Cover", Cover.class, "mapper.cover", this::changed);
        clusterer = new StepEditor(mapper, "Clusterer", Clusterer.class, "mapper.clusterer", this::changed);

        Group sensitivity = group(right, "Sensitivity (principal-direction deletion)");
        sensitivityOn = check(sensitivity, "Compute the sensitivity curve");
        sensitivityLayer = text(sensitivity, "Layer", "the layer whose principal directions are deleted");
        label(sensitivity, "Step");
        sensitivityStep = new Spinner(sensitivity, SWT.BORDER);
        sensitivityStep.setValues(4, 1, 100_000, 0, 1, 8);
        sensitivityStep.setLayoutData(new GridData(SWT.LEFT, SWT.CENTER, false, false, 2, 1));
        sensitivityStep.addModifyListener(e -> changed());

        show(spec);
        scroll.setMinSize(form.computeSize(SWT.DEFAULT, SWT.DEFAULT));
    }

    /** Fills the form from a spec without marking the editor dirty. */
    private void show(ExperimentSpec s) {
        loading = true;
        try {
            name.setText(s.name());
            seed.setText(Long.toString(s.seed()));
            dataPath.setText(s.data().path());
            images.setText(s.data().images() < 0 ? "" : Integer.toString(s.data().images()));
            normalise.setText(s.data().normalise());
            superClasses.setText(s.data().superClasses());
            batch.setSelection(s.data().batch());
            models.clear();
            models.addAll(s.models());
            refreshModels();
            layers.setText(String.join(", ", s.layers()));
            strategy.set(s.strategy());
            filtration.set(s.filtration());
            metric.set(s.metric());
            dimensions.setText(s.dimensions());
            similarity.set(s.similarities().isEmpty() ? Step.of("similarity", SpecReader.DEFAULT_SIMILARITY) : s.similarities().get(0));
            ExperimentSpec.MapperSpec m = s.mapper().orElse(new ExperimentSpec.MapperSpec(List.of(),
                    Step.of("mapper.lens", "l2-norm"), "", Step.of("mapper.cover", "uniform"), Step.of("mapper.clusterer", "dbscan")));
            mapperOn.setSelection(s.mapper().isPresent());
            mapperLayers.setText(String.join(", ", m.layers()));
            lensLayer.setText(m.lensLayer());
            lens.set(m.lens());
            cover.set(m.cover());
            clusterer.set(m.clusterer());
            sensitivityOn.setSelection(s.sensitivity().isPresent());
            sensitivityLayer.setText(s.sensitivity().map(ExperimentSpec.SensitivitySpec::layer).orElse(""));
            sensitivityStep.setSelection(s.sensitivity().map(ExperimentSpec.SensitivitySpec::step).orElse(4));
        } finally {
            loading = false;
        }
        status.setText(file.toString());
    }

    /** The spec the form shows; a field that cannot be read is a one-line error naming it. */
    public ExperimentSpec formSpec() {
        String n = name.getText().trim();
        long s = parseLong(seed.getText(), "seed");
        int count = images.getText().isBlank() ? -1 : (int) parseLong(images.getText(), "data.images");
        ExperimentSpec.DataSpec data = new ExperimentSpec.DataSpec(dataPath.getText().trim(), count, normalise.getText().trim(),
                superClasses.getText().trim(), batch.getSelection());
        List<Step> similarities = new ArrayList<>();
        Step first = similarity.get();
        if (spec.similarities().size() > 1) {
            // the form edits the first measure; the others are kept as the spec lists them
            similarities.add(new Step(spec.similarities().get(0).key(), first.id(), first.parameters()));
            similarities.addAll(spec.similarities().subList(1, spec.similarities().size()));
        } else {
            String key = spec.similarities().isEmpty() ? "similarity" : spec.similarities().get(0).key();
            similarities.add(new Step(key, first.id(), first.parameters()));
        }
        Optional<ExperimentSpec.MapperSpec> mapper = mapperOn.getSelection()
                ? Optional.of(new ExperimentSpec.MapperSpec(list(mapperLayers.getText()), lens.get(), lensLayer.getText().trim(),
                        cover.get(), clusterer.get()))
                : Optional.empty();
        Optional<ExperimentSpec.SensitivitySpec> sensitivity = sensitivityOn.getSelection()
                ? Optional.of(new ExperimentSpec.SensitivitySpec(sensitivityLayer.getText().trim(), sensitivityStep.getSelection()))
                : Optional.empty();
        return new ExperimentSpec(spec.file(), n, s, data, models, list(layers.getText()), strategy.get(), filtration.get(),
                metric.get(), dimensions.getText().trim(), similarities, mapper, sensitivity, spec.baseDir(), spec.source());
    }

    private long parseLong(String text, String key) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw new ToposcopeException(file.getFileName() + ": " + key + ": '" + text + "' is not an integer");
        }
    }

    private static List<String> list(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
    }

    // --- saving ---

    @Override
    public void doSave(IProgressMonitor monitor) {
        saveTo(file);
    }

    @Override
    public void doSaveAs() {
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.SAVE);
        dialog.setFilterExtensions(new String[] {"*.yaml"});
        dialog.setFilterPath(String.valueOf(file.getParent()));
        dialog.setFileName(String.valueOf(file.getFileName()));
        dialog.setOverwrite(true);
        String chosen = dialog.open();
        if (chosen != null && saveTo(Path.of(chosen))) {
            file = Path.of(chosen).toAbsolutePath();
            setInput(new SpecEditorInput(file));
            setPartName(String.valueOf(file.getFileName()));
            setTitleToolTip(file.toString());
        }
    }

    /** Saves the form to {@code target}; a spec that does not read back is shown, not written. */
    boolean saveTo(Path target) {
        try {
            spec = SpecYaml.save(formSpec(), target);
        } catch (ToposcopeException e) {
            status.setText(e.getMessage());
            MessageDialog.openError(getSite().getShell(), "Cannot save " + target.getFileName(), e.getMessage());
            return false;
        }
        status.setText("saved " + target);
        setDirty(false);
        return true;
    }

    @Override
    public boolean isDirty() {
        return dirty;
    }

    @Override
    public boolean isSaveAsAllowed() {
        return true;
    }

    private void changed() {
        if (!loading) {
            setDirty(true);
        }
    }

    private void setDirty(boolean d) {
        if (dirty != d) {
            dirty = d;
            firePropertyChange(PROP_DIRTY);
        }
    }

    // --- running ---

    /** Saves (when dirty) and runs the spec into {@code <name>-report} beside it; returns the job, or null. */
    public RunExperimentJob run() {
        if (dirty && !saveTo(file)) {
            return null;
        }
        RunExperimentJob job = new RunExperimentJob(file, RunExperimentJob.defaultOutput(file, spec.name()));
        long start = System.nanoTime();
        job.addJobChangeListener(new JobChangeAdapter() {
            @Override
            public void done(IJobChangeEvent event) {
                IStatus result = event.getResult();
                String text = switch (result.getSeverity()) {
                    case IStatus.OK -> String.format("report written in %.1f s: %s", (System.nanoTime() - start) / 1e9,
                            job.outputFolder());
                    case IStatus.CANCEL -> "run cancelled; the previous report, if any, is unchanged";
                    default -> result.getMessage();
                };
                asyncUpdate(() -> status.setText(text));
            }
        });
        job.schedule();
        status.setText("running into " + job.outputFolder());
        return job;
    }

    // --- models and layers ---

    private void refreshModels() {
        modelList.removeAll();
        for (ExperimentSpec.ModelSpec m : models) {
            modelList.add(m.name() + "  —  " + m.path());
        }
    }

    /** Adds a model by path (a name is made from the file name, made distinct from the others). */
    void addModel(String path) {
        String p = path.trim();
        if (p.isEmpty()) {
            return;
        }
        String stem = p.startsWith(Sources.SAMPLE_PREFIX) ? p.substring(Sources.SAMPLE_PREFIX.length()) : Path.of(p).getFileName().toString();
        int dot = stem.lastIndexOf('.');
        String base = (dot > 0 ? stem.substring(0, dot) : stem).replaceAll("[^A-Za-z0-9._-]", "_");
        Set<String> taken = new LinkedHashSet<>();
        models.forEach(m -> taken.add(m.name()));
        String n = base;
        for (int i = 2; taken.contains(n); i++) {
            n = base + "-" + i;
        }
        models.add(new ExperimentSpec.ModelSpec(n, p));
        refreshModels();
        changed();
    }

    private void removeModel() {
        int i = modelList.getSelectionIndex();
        if (i >= 0) {
            models.remove(i);
            refreshModels();
            changed();
        }
    }

    private void browseModel() {
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN);
        dialog.setFilterExtensions(new String[] {"*.pt;*.onnx;*.params", "*"});
        dialog.setFilterPath(String.valueOf(file.getParent()));
        String chosen = dialog.open();
        if (chosen != null) {
            addModel(relative(Path.of(chosen)));
        }
    }

    private void browseData() {
        FileDialog dialog = new FileDialog(getSite().getShell(), SWT.OPEN);
        dialog.setFilterPath(String.valueOf(file.getParent()));
        String chosen = dialog.open();
        if (chosen == null) {
            // image folders and CIFAR batches are folders: offer a folder when no file was chosen
            DirectoryDialog folder = new DirectoryDialog(getSite().getShell());
            folder.setFilterPath(String.valueOf(file.getParent()));
            chosen = folder.open();
        }
        if (chosen != null) {
            dataPath.setText(relative(Path.of(chosen)));
        }
    }

    /** Paths inside the spec's folder are written relative to it, so the spec and its data move together. */
    private String relative(Path chosen) {
        Path base = file.getParent();
        Path abs = chosen.toAbsolutePath().normalize();
        return base != null && abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }

    /** Loads the first model in a job and lists its layers (checked: those the spec names). */
    public Job loadLayers() {
        if (models.isEmpty()) {
            status.setText("add a model first");
            return null;
        }
        ExperimentSpec.ModelSpec first = models.get(0);
        Path base = file.getParent();
        String data = dataPath.getText().trim();
        loadLayers.setEnabled(false);
        status.setText("loading " + first.path() + "…");
        Job job = Job.create("Loading the layers of " + first.name(), (IProgressMonitor monitor) -> {
            List<LayerInfo> found;
            try {
                found = layersOf(Sources.resolve(first.path(), base), data.isEmpty() ? null : Sources.resolve(data, base),
                        new MonitorProgress(monitor, t -> {
                        }));
            } catch (ToposcopeException e) {
                asyncUpdate(() -> {
                    loadLayers.setEnabled(true);
                    status.setText(e.getMessage());
                });
                return Status.error(e.getMessage());
            }
            asyncUpdate(() -> showLayers(found));
            return Status.OK_STATUS;
        });
        layersJob = job;
        job.schedule();
        return job;
    }

    /** The last "Load layers" job, for tests and callers that wait for it. */
    Job layersJob() {
        return layersJob;
    }

    private static List<LayerInfo> layersOf(Path model, Path data, Progress progress) {
        Registry registry = Registry.current();
        try (LoadedModel loaded = Sources.loadModel(registry, model, progress)) {
            Optional<int[]> shape = loaded.inputShape();
            if (shape.isEmpty()) {
                if (data == null || !Files.exists(data)) {
                    throw new ToposcopeException(model.getFileName() + ": the model records no input shape; set the data path first");
                }
                try (Dataset d = Sources.openData(registry, data)) {
                    shape = Optional.of(d.imageShape());
                } catch (Exception e) {
                    throw e instanceof ToposcopeException t ? t : new ToposcopeException(data.getFileName() + ": " + e.getMessage());
                }
            }
            return loaded.layers(shape.get());
        }
    }

    private void asyncUpdate(Runnable r) {
        Control c = status;
        if (!c.isDisposed()) {
            c.getDisplay().asyncExec(() -> {
                if (!c.isDisposed()) {
                    r.run();
                }
            });
        }
    }

    private void showLayers(List<LayerInfo> found) {
        loadLayers.setEnabled(true);
        Set<String> chosen = new LinkedHashSet<>(list(layers.getText()));
        loadedLayers.removeAll();
        for (LayerInfo l : found) {
            TableItem item = new TableItem(loadedLayers, SWT.NONE);
            item.setText(l.name() + "  " + Arrays.toString(l.shapePerImage()));
            item.setData(l.name());
            item.setChecked(chosen.contains(l.name()));
        }
        status.setText(found.size() + " layers in " + models.get(0).name());
    }

    /** The layer names listed by the last "Load layers". */
    public List<String> loadedLayers() {
        return Arrays.stream(loadedLayers.getItems()).map(i -> (String) i.getData()).toList();
    }

    // --- widgets ---

    /** Test hook: the field editors by spec key. */
    Control field(String key) {
        return switch (key) {
            case "name" -> name;
            case "seed" -> seed;
            case "data.path" -> dataPath;
            case "data.images" -> images;
            case "data.normalise" -> normalise;
            case "layers" -> layers;
            case "metric.dimensions" -> dimensions;
            default -> throw new IllegalArgumentException(key);
        };
    }

    /** Scrolls the form so the step's editor is in view. */
    void reveal(StepEditor step) {
        scroll.showControl(step.table());
    }

    StepEditor step(String key) {
        return switch (key) {
            case "strategy" -> strategy;
            case "filtration" -> filtration;
            case "metric" -> metric;
            case "similarity" -> similarity;
            case "mapper.lens" -> lens;
            case "mapper.cover" -> cover;
            case "mapper.clusterer" -> clusterer;
            default -> throw new IllegalArgumentException(key);
        };
    }

    private static Composite column(Composite parent) {
        Composite c = new Composite(parent, SWT.NONE);
        GridLayout layout = new GridLayout(1, false);
        layout.marginWidth = 0;
        c.setLayout(layout);
        c.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return c;
    }

    private static Group group(Composite parent, String title) {
        Group g = new Group(parent, SWT.NONE);
        g.setText(title);
        g.setLayout(new GridLayout(3, false));
        g.setLayoutData(new GridData(SWT.FILL, SWT.TOP, true, false));
        return g;
    }

    private static void label(Composite parent, String text) {
        new Label(parent, SWT.NONE).setText(text);
    }

    private Text text(Composite parent, String label, String tooltip) {
        return text(parent, label, tooltip, 2);
    }

    private Text text(Composite parent, String label, String tooltip, int span) {
        label(parent, label);
        Text t = new Text(parent, SWT.BORDER);
        t.setToolTipText(tooltip);
        t.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, span, 1));
        t.addModifyListener(e -> changed());
        return t;
    }

    private Combo combo(Composite parent, String label, String tooltip) {
        label(parent, label);
        Combo c = new Combo(parent, SWT.DROP_DOWN);
        c.setToolTipText(tooltip);
        c.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 2, 1));
        c.addModifyListener(e -> changed());
        return c;
    }

    private Button check(Composite parent, String label) {
        Button b = new Button(parent, SWT.CHECK);
        b.setText(label);
        b.setLayoutData(new GridData(SWT.FILL, SWT.CENTER, true, false, 3, 1));
        b.addListener(SWT.Selection, e -> changed());
        return b;
    }

    private static Button button(Composite parent, String label, Runnable action) {
        Button b = new Button(parent, SWT.PUSH);
        b.setText(label);
        b.addListener(SWT.Selection, e -> action.run());
        return b;
    }

    @Override
    public void setFocus() {
        name.setFocus();
    }

    @Override
    public void dispose() {
        Job j = layersJob;
        if (j != null) {
            j.cancel();
        }
        super.dispose();
    }
}
