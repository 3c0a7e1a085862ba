"""Bottleneck distances between pairs of diagrams, by gudhi, for the Java tests.

Each argument is FILE_A,FILE_B; each file has lines 'dim birth death' (death 'inf' for essential classes).
Prints, per argument, one line 'dim distance' per dimension found in either file.
"""
import sys
import gudhi

def read(path):
    dims = {}
    for line in open(path):
        d, b, e = line.split()
        dims.setdefault(int(d), []).append((float(b), float(e)))
    return dims

for arg in sys.argv[1:]:
    a, b = (read(p) for p in arg.split(","))
    out = []
    for d in sorted(set(a) | set(b)):
        out.append("%d %r" % (d, gudhi.bottleneck_distance(a.get(d, []), b.get(d, []))))
    print(" ".join(out))
