package org.toposcope.core.spi;

import java.util.List;
import java.util.Optional;

import org.toposcope.core.model.ImageBatch;
import org.toposcope.core.model.SuperClasses;

/**
 * An opened image data set: {@link #size()} images of one shape C x H x W, each with a class label,
 * read in batches so that a whole data set is never held as floats. Pixel values are scaled to
 * [0, 1] (or the stored floats of an array file); normalisation is the caller's choice.
 */
public interface Dataset extends AutoCloseable {

    /** A short name for manifests and reports (the file or folder name). */
    String name();

    int size();

    /** C x H x W of one image. */
    int[] imageShape();

    /** Class names indexed by label; numbers as text when the format has none. */
    List<String> classNames();

    /** The super-class grouping known for this data set (CIFAR-10, Fashion-MNIST), or one given by the user. */
    Optional<SuperClasses> superClasses();

    /** Images {@code first .. first+count-1} (clipped to the end), as N x C x H x W float32. */
    ImageBatch read(int first, int count);

    @Override
    default void close() {
    }
}
