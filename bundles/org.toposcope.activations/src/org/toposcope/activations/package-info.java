/**
 * Activation capture (a model over a data set, batch by batch), activations folders (one float32
 * .npy per layer, labels.npy, manifest.json; written atomically, read back in batches), and input
 * normalisation.
 */
package org.toposcope.activations;
