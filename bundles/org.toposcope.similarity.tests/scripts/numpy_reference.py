"""Reference values for the similarity tests, computed independently with numpy/scipy.

Usage: /usr/bin/python3 numpy_reference.py cases.tsv
Each case line: id <TAB> op <TAB> fileA <TAB> fileB <TAB> params; a file holds one matrix row (or, for
pearson/spearman, one sample) per line, whitespace-separated. Prints "id value" with full precision.
"""
import sys

import numpy as np
from scipy.spatial.distance import pdist, squareform
from scipy.stats import pearsonr, spearmanr


def centred(x):
    return x - x.mean(axis=0)


def linear_cka(x, y):
    x, y = centred(x), centred(y)
    return np.linalg.norm(y.T @ x) ** 2 / (np.linalg.norm(x.T @ x) * np.linalg.norm(y.T @ y))


def hsic(k, l):
    n = k.shape[0]
    h = np.eye(n) - np.ones((n, n)) / n
    return np.trace(k @ h @ l @ h)


def rbf_gram(x, factor):
    d = pdist(x)  # distances over distinct pairs
    sigma = factor * np.median(d)
    return np.exp(-squareform(d) ** 2 / (2 * sigma ** 2))


def rbf_cka(x, y, factor):
    k, l = rbf_gram(x, factor), rbf_gram(y, factor)
    return hsic(k, l) / np.sqrt(hsic(k, k) * hsic(l, l))


def reduce(x, variance, directions):
    x = centred(x)
    u, s, vt = np.linalg.svd(x, full_matrices=False)
    if directions > 0:
        k = directions
    else:
        share = np.cumsum(s ** 2) / np.sum(s ** 2)
        k = int(np.searchsorted(share, variance) + 1)
    return x @ vt[:k].T


def inverse_sqrt(c):
    w, v = np.linalg.eigh(c)
    return v @ np.diag(w ** -0.5) @ v.T


def svcca(x, y, variance, directions):
    # classical CCA through the covariance matrices: a different route from the Java code's U_x^T U_y
    a, b = reduce(x, variance, directions), reduce(y, variance, directions)
    n = a.shape[0]
    caa, cbb, cab = a.T @ a / n, b.T @ b / n, a.T @ b / n
    rho = np.linalg.svd(inverse_sqrt(caa) @ cab @ inverse_sqrt(cbb), compute_uv=False)
    return rho[: min(a.shape[1], b.shape[1])].mean()


def main():
    for line in open(sys.argv[1]):
        cid, op, fa, fb, params = line.rstrip("\n").split("\t")
        try:
            a = np.loadtxt(fa, ndmin=2)
            b = np.loadtxt(fb, ndmin=2)
            p = dict(kv.split("=") for kv in params.split(",") if kv)
            if op == "linear-cka":
                v = linear_cka(a, b)
            elif op == "rbf-cka":
                v = rbf_cka(a, b, float(p["factor"]))
            elif op == "svcca":
                v = svcca(a, b, float(p["variance"]), int(p["directions"]))
            elif op == "pearson":
                v = pearsonr(a.ravel(), b.ravel())[0]
            elif op == "spearman":
                v = spearmanr(a.ravel(), b.ravel())[0]
            else:
                raise ValueError("unknown op " + op)
            print(cid, repr(float(v)))
        except Exception as e:  # reported per case so the Java side can name it
            print(cid, "ERROR", type(e).__name__, str(e).replace("\n", " "))


main()
