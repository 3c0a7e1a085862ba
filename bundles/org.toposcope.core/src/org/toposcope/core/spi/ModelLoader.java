package org.toposcope.core.spi;

import java.nio.file.Path;
import java.util.List;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.Progress;

/** Loads trained models of one format (TorchScript, ONNX, DJL blocks) for activation capture. */
public interface ModelLoader extends Extension {

    /** File name endings this loader reads ({@code .pt}), lower case. */
    List<String> fileExtensions();

    /** Loads the engine if needed and names it; fails with a one-line reason when its natives cannot load. */
    EngineInfo engine();

    LoadedModel load(Path file, Parameters parameters, Progress progress);
}
