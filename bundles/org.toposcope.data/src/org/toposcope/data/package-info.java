/**
 * Readers for the inputs of persistent homology: ripser's text formats (point-cloud, distance,
 * lower-distance, sparse) through {@link org.toposcope.data.TextMatrixReader}, NumPy .npy files
 * through {@link org.toposcope.data.NpyReader} and {@link org.toposcope.data.NpyWriter}, IDX files
 * (MNIST family, raw or gzip) through {@link org.toposcope.data.IdxReader}, and the facade
 * {@link org.toposcope.data.FiltrationInputs}. Plain Java: the JDK and org.toposcope.core only.
 * Every problem with an input is a one-line {@link org.toposcope.core.ToposcopeException} naming the
 * file and the line or byte; no reader allocates more than the file's content justifies.
 */
package org.toposcope.data;
