"""Reference values computed with NumPy for the activations tests.

strategies IN.npy OUT_DIR: top-l2 (plain and after ReLU), pooled average/max and image vectors of an
N x C x H x W float32 array, as float64 .npy files in OUT_DIR.
folder DIR: loads an activations folder as NumPy would and prints one line per array:
name shape dtype sum-as-float64 (repr), checking the manifest's shapes on the way.
"""
import json
import os
import sys

import numpy as np


def top_l2(a):
    n, c, h, w = a.shape
    x = a.astype(np.float64).reshape(n, c, h * w)
    norms = (x * x).sum(axis=1)            # n x positions
    best = norms.argmax(axis=1)            # first maximum, i.e. first in row-major order
    rows = x[np.arange(n), :, best]        # n x c
    positions = np.stack([best // w, best % w], axis=1).astype(np.float64)
    return rows, positions


def strategies(path, out):
    a = np.load(path)
    assert a.dtype == np.float32 and a.ndim == 4
    n = a.shape[0]
    rows, positions = top_l2(a)
    np.save(os.path.join(out, "top_l2.npy"), rows)
    np.save(os.path.join(out, "top_l2_positions.npy"), positions)
    rows, positions = top_l2(np.maximum(a, 0))
    np.save(os.path.join(out, "top_l2_relu.npy"), rows)
    np.save(os.path.join(out, "top_l2_relu_positions.npy"), positions)
    x = a.astype(np.float64)
    np.save(os.path.join(out, "pooled_average.npy"), x.mean(axis=(2, 3)))
    np.save(os.path.join(out, "pooled_max.npy"), x.max(axis=(2, 3)))
    np.save(os.path.join(out, "image_vector.npy"), x.reshape(n, -1))


def folder(path):
    with open(os.path.join(path, "manifest.json")) as f:
        manifest = json.load(f)
    for layer in manifest["layers"]:
        a = np.load(os.path.join(path, layer["file"]), mmap_mode="r")
        assert list(a.shape) == layer["shape"], (a.shape, layer["shape"])
        print(layer["name"], "x".join(map(str, a.shape)), a.dtype.str, repr(float(np.asarray(a, dtype=np.float64).sum())))
    labels = np.load(os.path.join(path, "labels.npy"))
    print("labels", "x".join(map(str, labels.shape)), labels.dtype.str, repr(float(labels.sum())))


if __name__ == "__main__":
    if sys.argv[1] == "strategies":
        strategies(sys.argv[2], sys.argv[3])
    else:
        folder(sys.argv[2])
