package org.toposcope.core.spi;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;
import org.toposcope.core.model.PointCloud;

/** A mapper lens (filter function): one row of k values per point. */
public interface Lens extends Extension {

    Matrix apply(PointCloud cloud, Parameters parameters);
}
