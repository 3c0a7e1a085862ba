"""Reference projections for the comparison tests, computed independently with numpy.

Usage: /usr/bin/python3 numpy_reference.py cases.tsv
Each case line: id <TAB> file <TAB> k; the file holds one row of the cloud X per line, whitespace-separated.
Prints "id v1 v2 ..." with X_k = X V_r V_r^T row-major at full precision, where X = U S V^T is the thin
SVD and V_r holds the r - k right singular vectors of largest singular value, r = min(n, d).
"""
import sys

import numpy as np


def delete_smallest(x, k):
    u, s, vt = np.linalg.svd(x, full_matrices=False)  # s descending
    r = min(x.shape)
    kept = vt[: r - k]
    return x @ kept.T @ kept


def main():
    for line in open(sys.argv[1]):
        case, path, k = line.rstrip("\n").split("\t")
        x = np.loadtxt(path, ndmin=2)
        xk = delete_smallest(x, int(k))
        print(case, " ".join(repr(float(v)) for v in xk.ravel()))


main()
