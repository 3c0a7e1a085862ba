/** A fragment of org.openpnp.opencv that loads OpenCV natives from a file Toposcope chose. */
package org.toposcope.opencv.loader;
