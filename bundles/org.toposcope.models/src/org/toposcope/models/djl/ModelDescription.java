package org.toposcope.models.djl;

import java.util.List;
import java.util.OptionalDouble;

import org.toposcope.core.ToposcopeException;
import org.toposcope.core.model.Normalisation;
import org.toposcope.models.djl.CifarResNet.Architecture;

/**
 * What {@code model.json} of a model folder says about the network: its architecture, the images it
 * takes (C x H x W and their normalisation, named after the model), its class names and, when measured, its test accuracy.
 */
public record ModelDescription(String name, Architecture architecture, int height, int width,
        Normalisation normalisation, List<String> classNames, OptionalDouble testAccuracy, int testImages) {

    public ModelDescription {
        classNames = List.copyOf(classNames);
        if (height < 1 || width < 1) {
            throw new ToposcopeException("input images of " + height + "x" + width + " pixels");
        }
        int channels = normalisation.mean().length;
        if (channels != architecture.channels()) {
            throw new ToposcopeException("normalisation for " + channels + " channels, architecture for "
                    + architecture.channels());
        }
        if (classNames.size() != architecture.classes()) {
            throw new ToposcopeException(classNames.size() + " class names for " + architecture.classes() + " classes");
        }
    }

    /** C x H x W. */
    public int[] inputShape() {
        return new int[] {architecture.channels(), height, width};
    }
}
