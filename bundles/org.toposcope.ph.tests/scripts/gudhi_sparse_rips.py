"""Sparse Rips diagrams from gudhi (RipsComplex(points, sparse=eps)) for the Java tests.

Arguments: EPSILON MAX_DIM FILE... ; each FILE holds a point cloud (comma separated). Writes FILE.gudhi-sparse
with lines 'dim birth death' (death 'inf' for essential classes), dimensions 0..MAX_DIM, zero-length bars left out.
"""
import sys
import numpy as np
import gudhi

eps, max_dim = float(sys.argv[1]), int(sys.argv[2])
for path in sys.argv[3:]:
    x = np.loadtxt(path, delimiter=",", ndmin=2)
    st = gudhi.RipsComplex(points=x, sparse=eps).create_simplex_tree(max_dimension=max_dim + 1)
    with open(path + ".gudhi-sparse", "w") as out:
        for dim, (b, d) in st.persistence(homology_coeff_field=2, min_persistence=0):
            if dim <= max_dim and d > b:
                out.write("%d %r %r\n" % (dim, b, d) if d != float("inf") else "%d %r inf\n" % (dim, b))
