package org.toposcope.testing.brokenplugin;

import java.util.List;

import org.osgi.service.component.annotations.Component;
import org.toposcope.core.ParameterSpec;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.PersistenceDiagram;
import org.toposcope.core.spi.DiagramMetric;

/** A diagram metric that returns NaN, throws, or hangs. */
@Component(service = DiagramMetric.class)
public final class BrokenMetric implements DiagramMetric {

    @Override
    public String id() {
        return "broken-metric";
    }

    @Override
    public String description() {
        return "deliberately broken metric (isolation tests)";
    }

    @Override
    public List<ParameterSpec> parameters() {
        return Failure.parameters(Failure.NAN, Failure.THROW, Failure.HANG);
    }

    @Override
    public double distance(PersistenceDiagram.Dimension a, PersistenceDiagram.Dimension b, Parameters parameters) {
        switch (Failure.chosen(parameters)) {
            case Failure.THROW -> throw new ArithmeticException("broken-metric fails on purpose");
            case Failure.HANG -> {
                Failure.hang();
                return 0;
            }
            default -> {
                return Double.NaN;
            }
        }
    }
}
