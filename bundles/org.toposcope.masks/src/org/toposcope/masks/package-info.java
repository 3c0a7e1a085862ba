/** Per-image foreground masks of a data set by GrabCut (OpenCV), written as .npy for the mask-ranked point-cloud strategies. */
package org.toposcope.masks;
