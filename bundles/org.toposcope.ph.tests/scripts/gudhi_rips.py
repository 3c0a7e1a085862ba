"""Reference Vietoris-Rips diagrams from gudhi for the Java tests.

Reads a manifest (one case per line: name, file, format, metric, max_dim, threshold) and writes
NAME.gudhi with lines 'dim birth death' (death 'inf' for essential classes), values in repr().
"""
import sys
import numpy as np
import gudhi
from scipy.spatial.distance import pdist, squareform

METRICS = {"euclidean": "euclidean", "manhattan": "cityblock", "chebyshev": "chebyshev", "cosine": "cosine"}

def load(path, fmt, metric):
    if fmt == "point-cloud":
        x = np.loadtxt(path, delimiter=",", ndmin=2) if open(path).read().strip() else np.zeros((0, 1))
        if len(x) < 2:
            return np.zeros((len(x), len(x)))
        d = squareform(pdist(x, METRICS[metric]))
        if metric == "cosine":
            d = np.nan_to_num(d, nan=1.0)  # zero rows: similarity 0, as scikit-learn
            np.fill_diagonal(d, 0)
            d = np.maximum(d, 0)
        return d
    return np.loadtxt(path, delimiter=",", ndmin=2)

for line in open(sys.argv[1]):
    name, path, fmt, metric, max_dim, threshold = line.split()
    d = load(path, fmt, metric)
    n = len(d)
    with open(sys.argv[2] + "/" + name + ".gudhi", "w") as out:
        if n == 0:
            continue
        # ripser's default threshold: the enclosing radius, beyond which the complex is a cone
        t = float(d.max(axis=1).min()) if threshold == "enclosing" else float(threshold)
        rips = gudhi.RipsComplex(distance_matrix=d, max_edge_length=t)
        st = rips.create_simplex_tree(max_dimension=int(max_dim) + 1)
        for dim, (b, de) in st.persistence(homology_coeff_field=2, min_persistence=0):
            if dim <= int(max_dim) and de > b:
                out.write("%d %r %r\n" % (dim, b, de) if de != float("inf") else "%d %r inf\n" % (dim, b))
