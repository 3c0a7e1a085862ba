package org.toposcope.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.LayerInfo;
import org.toposcope.core.spi.LoadedModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code toposcope layers --model M}: the layers whose activations can be captured, with one image's shape. */
@Command(name = "layers", sortOptions = false,
        description = {"List a model's layers and the shape of one image's activations (C x H x W, or D for dense layers).",
            "Output: one line per layer, name then shape, tab separated."})
final class LayersCommand implements Runnable {

    @ParentCommand
    ToposcopeCommand parent;

    @Option(names = "--model", required = true, paramLabel = "FILE", description = "model file or folder (sample:fashion-resnet20 for the shipped model); the loader is chosen by its extension")
    Path model;

    @Option(names = "--input-shape", paramLabel = "C,H,W", description = "input image shape (default: the one the model file records)")
    String inputShape;

    @Override
    public void run() {
        StderrProgress progress = StderrProgress.forTerminal();
        try (LoadedModel m = Inputs.loadModel(parent.registry, model, progress)) {
            progress.finish();
            int[] shape = inputShape != null ? Inputs.shape(inputShape)
                    : m.inputShape().orElseThrow(() -> new ToposcopeException(Inputs.name(model)
                            + ": the file does not record its input shape; give --input-shape C,H,W"));
            PrintWriter out = parent.spec.commandLine().getOut();
            for (LayerInfo l : m.layers(shape)) {
                out.println(l.name() + "\t" + Arrays.stream(l.shapePerImage()).mapToObj(Integer::toString).collect(Collectors.joining("x")));
            }
            out.flush();
        } finally {
            progress.finish();
        }
    }
}
