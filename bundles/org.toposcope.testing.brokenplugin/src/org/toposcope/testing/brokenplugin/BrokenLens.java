package org.toposcope.testing.brokenplugin;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;
import org.toposcope.core.spi.Lens;

/** A lens that throws, returns NaN, returns one row too few, or hangs. */
@Component(service = Lens.class)
public final class BrokenLens implements Lens {

    @Override
    public String id() {
        return "broken-lens";
    }

    @Override
    public String description() {
        return "deliberately broken lens (isolation tests)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return Failure.parameters(Failure.THROW, Failure.NAN, Failure.WRONG_SIZE, Failure.HANG);
    }

    @Override
    public Matrix apply(PointCloud cloud, Parameters parameters) {
        switch (Failure.chosen(parameters)) {
            case Failure.NAN -> {
                double[] values = new double[cloud.size()];
                values[values.length / 2] = Double.NaN;
                return new Matrix(cloud.size(), 1, values);
            }
            case Failure.WRONG_SIZE -> {
                return new Matrix(cloud.size() - 1, 1, new double[cloud.size() - 1]);
            }
            case Failure.HANG -> {
                Failure.hang();
                return new Matrix(cloud.size(), 1, new double[cloud.size()]);
            }
            default -> throw new IllegalStateException("broken-lens fails on purpose");
        }
    }
}
