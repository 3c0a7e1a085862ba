package org.toposcope.models;

import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.EngineInfo;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.models.internal.DjlRuntime;
import org.toposcope.models.internal.ModelFiles;
import org.toposcope.models.internal.TorchScriptModel;


/**
 * TorchScript models run by DJL's PyTorch engine (CPU natives from the Maven jar, offline). A module
 * whose {@code forward} returns {@code Dict[str, Tensor]} gives every entry as a layer; a plain model
 * gives only its output, {@code output}: intermediate layers need tools/export_for_toposcope.py.
 * Pickled files (torch.save, .pkl) are refused before anything in them is read.
 */
@Component(service = ModelLoader.class)
public final class TorchScriptModelLoader implements ModelLoader {

    static final String ENGINE = DjlRuntime.PYTORCH;
    static final String THREADS = "threads";

    @Override
    public String id() {
        return "torchscript";
    }

    @Override
    public String description() {
        return "TorchScript models (.pt, from tools/export_for_toposcope.py) on DJL's PyTorch engine, CPU, offline";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer(THREADS, 0, "CPU threads for the forward pass; 0 = every core"));
    }

    @Override
    public List<String> fileExtensions() {
        return List.of(".pt", ".pth", ".torchscript");
    }

    @Override
    public EngineInfo engine() {
        return DjlRuntime.pytorchInfo();
    }

    @Override
    public LoadedModel load(Path file, Parameters parameters, Progress progress) {
        progress.begin("loading " + ModelFiles.name(file), 1);
        switch (ModelFiles.kind(file)) {
            case PICKLE -> throw ModelFiles.pickleRefusal(file, "this is pickled Python data (torch.save or pickle), not TorchScript");
            case OTHER -> throw new ToposcopeException(ModelFiles.name(file) + ": not a TorchScript file (no zip archive with code/ and constants.pkl; "
                    + ModelFiles.describeHead(file) + "); " + ModelFiles.EXPORT_HINT);
            case TORCHSCRIPT -> {
                // read below
            }
        }
        progress.checkCancelled();
        int threads = parameters.integer(THREADS);
        if (threads < 0) {
            throw new ToposcopeException(id() + ": parameter threads must be 0 (every core) or more, given " + threads);
        }
        LoadedModel model = TorchScriptModel.load(file, DjlRuntime.engine(ENGINE), threads);
        progress.worked(1);
        return model;
    }
}
