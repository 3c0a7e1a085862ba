package org.toposcope.core.spi;

import java.util.List;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;
import org.toposcope.core.model.Matrix;

/** Covers the lens image with overlapping sets; returns, per set, the ascending rows it contains. */
public interface Cover extends Extension {

    List<int[]> cover(Matrix lensValues, Parameters parameters);
}
