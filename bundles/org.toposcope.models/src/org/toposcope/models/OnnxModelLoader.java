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
import org.toposcope.models.internal.OnnxModel;

import ai.djl.engine.Engine;

/**
 * ONNX models run by DJL's ONNX Runtime engine (CPU natives inside the onnxruntime jar). Every graph
 * output is a layer; tools/export_for_toposcope.py writes one output per chosen layer. Pickles and
 * TorchScript archives are recognised and refused with the reason.
 */
@Component(service = ModelLoader.class)
public final class OnnxModelLoader implements ModelLoader {

    static final String ENGINE = "OnnxRuntime";
    static final String THREADS = "threads";

    @Override
    public String id() {
        return "onnx";
    }

    @Override
    public String description() {
        return "ONNX models (.onnx, every graph output a layer) on DJL's ONNX Runtime engine, CPU, offline";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.integer(THREADS, 0, "CPU threads for the forward pass; 0 = every core"));
    }

    @Override
    public List<String> fileExtensions() {
        return List.of(".onnx");
    }

    @Override
    public EngineInfo engine() {
        Engine engine = DjlRuntime.engine(ENGINE);
        return new EngineInfo(engine.getEngineName(), engine.getVersion(), "DJL " + Engine.getDjlVersion());
    }

    @Override
    public LoadedModel load(Path file, Parameters parameters, Progress progress) {
        progress.begin("loading " + ModelFiles.name(file), 1);
        switch (ModelFiles.kind(file)) {
            case PICKLE -> throw ModelFiles.pickleRefusal(file, "this is pickled Python data (torch.save or pickle), not ONNX");
            case TORCHSCRIPT -> throw new ToposcopeException(ModelFiles.name(file)
                    + ": a TorchScript archive, not ONNX; load it with the torchscript loader");
            case OTHER -> {
                // ONNX is protobuf without a magic number: ONNX Runtime judges it
            }
        }
        progress.checkCancelled();
        int threads = parameters.integer(THREADS);
        if (threads < 0) {
            throw new ToposcopeException(id() + ": parameter threads must be 0 (every core) or more, given " + threads);
        }
        LoadedModel model = OnnxModel.load(file, DjlRuntime.engine(ENGINE), threads);
        progress.worked(1);
        return model;
    }
}
