package org.toposcope.core.spi;

import java.nio.file.Path;

import org.toposcope.core.Extension;
import org.toposcope.core.Parameters;

/**
 * Reads one kind of image data set (IDX, CIFAR binary batches, image folders, NPY/NPZ) as a
 * {@link Dataset} that is read batch by batch. Readers are chosen by {@link #canRead}, which looks
 * at names and leading bytes only.
 */
public interface DatasetReader extends Extension {

    /** True when this reader recognises the file or folder (by name and magic bytes, cheaply). */
    boolean canRead(Path path);

    /** Opens the data set; fails with a one-line {@code ToposcopeException} naming the file and problem. */
    Dataset open(Path path, Parameters parameters);
}
