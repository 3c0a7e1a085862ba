package org.toposcope.models;

import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.ToposcopeException;
import org.toposcope.core.spi.EngineInfo;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.models.internal.DjlRuntime;

import ai.djl.engine.Engine;

/** TorchScript models run by DJL's PyTorch engine (CPU natives from the Maven jar, offline). */
@Component(service = ModelLoader.class)
public final class TorchScriptModelLoader implements ModelLoader {

    static final String ENGINE = "PyTorch";

    @Override
    public String id() {
        return "torchscript";
    }

    @Override
    public String description() {
        return "TorchScript models (.pt) on DJL's PyTorch engine, CPU, offline";
    }

    @Override
    public List<String> fileExtensions() {
        return List.of(".pt", ".pth", ".torchscript");
    }

    @Override
    public EngineInfo engine() {
        Engine engine = DjlRuntime.engine(ENGINE);
        return new EngineInfo(engine.getEngineName(), engine.getVersion(),
                "DJL " + Engine.getDjlVersion() + ", natives in " + DjlRuntime.nativeCache());
    }

    @Override
    public LoadedModel load(Path file, Parameters parameters, Progress progress) {
        // Activation capture (TorchScript dict outputs, layer discovery) is the subject of issue 4.
        throw new ToposcopeException(file + ": loading TorchScript models is not available in this version");
    }
}
