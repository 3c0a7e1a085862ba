package org.toposcope.activations.strategies;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.spi.PointCloudStrategy;

/** The k spatial activations per image whose input windows see the most background of the image's mask. */
@Component(service = PointCloudStrategy.class)
public final class BackgroundTopKStrategy extends MaskTopKStrategy {

    public static final String ID = "background-top-k";

    @Override
    public String id() {
        return ID;
    }

    @Override
    public String description() {
        return "per image the k spatial activations seeing the most background of a given mask (N*k x C)";
    }

    @Override
    boolean foreground() {
        return false;
    }
}
