package org.toposcope.activations.strategies;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.spi.PointCloudStrategy;

/** The k spatial activations per image whose input windows see the most foreground of the image's mask. */
@Component(service = PointCloudStrategy.class)
public final class ForegroundTopKStrategy extends MaskTopKStrategy {

    public static final String ID = "foreground-top-k";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "per image the k spatial activations seeing the most foreground of a given mask (N*k x C)";
    }

    @Override
    boolean foreground() {
        return true;
    }
}
