/**
 * Readers for the inputs of persistent homology: ripser's text formats (point-cloud, distance,
 * lower-distance, sparse) through {@link org.toposcope.data.TextMatrixReader}, NumPy .npy files
 * through {@link org.toposcope.data.NpyReader} and {@link org.toposcope.data.NpyWriter}, IDX files
 * (MNIST family, raw or gzip) through {@link org.toposcope.data.IdxReader}, and the facade
 * {@link org.toposcope.data.FiltrationInputs}; and image data sets for models, as
 * {@link org.toposcope.core.spi.DatasetReader} services ({@code idx}, {@code cifar-binary},
 * {@code image-folder}, {@code npy}, {@code npz}) with the decorators in {@link org.toposcope.data.Datasets}.
 * The JDK (ImageIO, zip), org.toposcope.core and gson's streaming parser (super-class files) only.
 * Every problem with an input is a one-line {@link org.toposcope.core.ToposcopeException} naming the
 * file and the line or byte; no reader allocates more than the file's content justifies.
 */
package org.toposcope.data;
