package org.toposcope.models.djl;

import java.nio.file.Path;
import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;
import org.toposcope.core.spi.EngineInfo;
import org.toposcope.core.spi.LoadedModel;
import org.toposcope.core.spi.ModelLoader;
import org.toposcope.models.internal.DjlRuntime;


/**
 * Model folders written by {@code toposcope train}: a {@link CifarResNet} as DJL parameters plus
 * {@code model.json}, run on DJL's PyTorch engine. Every residual block's output is reported by name.
 */
@Component(service = ModelLoader.class)
public final class DjlModelLoader implements ModelLoader {

    static final String ENGINE = DjlRuntime.PYTORCH;
    static final String CAPTURE = "capture";

    @Override
    public String id() {
        return "djl";
    }

    @Override
    public String description() {
        return "ResNets trained by 'toposcope train' (folder with model.json + model.params) on DJL's PyTorch engine";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return List.of(ParameterSpec.choice(CAPTURE, "blocks",
                "outputs returned: blocks (stem, each residual block, pool, fc) or all (also every convolution)",
                "blocks", "all"));
    }

    @Override
    public List<String> fileExtensions() {
        return List.of(".params");
    }

    @Override
    public EngineInfo engine() {
        return DjlRuntime.pytorchInfo();
    }

    @Override
    public LoadedModel load(Path file, Parameters parameters, Progress progress) {
        progress.begin("loading " + file, 1);
        LoadedModel model = DjlLoadedModel.open(file, "all".equals(parameters.text(CAPTURE)));
        progress.worked(1);
        return model;
    }
}
