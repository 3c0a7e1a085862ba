#!/usr/bin/python3
"""Reference values from gudhi for the diagram tests.

Usage: gudhi_reference.py CASES  -- one case per line, tab-separated:
    id  op  fileA  fileB-or-minus  key=value;key=value
Diagram files are Toposcope CSV (dim,birth,death with 'inf' deaths); 'dim' (default 0) selects the part.
Prints one line per case: id followed by the reference values (repr, so they parse back exactly), or
"id ERROR message". Exit code 0 unless the cases file itself cannot be read.
"""
import sys
import traceback

import numpy as np
import gudhi
import gudhi.hera
import gudhi.wasserstein
from gudhi.representations import BettiCurve, Landscape, PersistenceImage, SlicedWassersteinDistance
from scipy.optimize import linear_sum_assignment


def load(path, dim):
    rows = []
    with open(path) as f:
        for line in f:
            line = line.strip()
            if not line or line.startswith('dim'):
                continue
            k, b, d = line.split(',')
            if int(k) == dim:
                rows.append((float(b), float(d)))
    return np.array(rows, dtype=float).reshape(-1, 2)


def finite(x):
    return x[np.isfinite(x[:, 1])]


def floats(text):
    return [float(t) for t in text.split(',')] if text else []


def lsa_wasserstein(a, b, order, internal_p):
    """Exact assignment on the (n+m)x(n+m) matrix with diagonal copies (scipy), essential parts as gudhi."""
    ea, eb = np.sort(a[~np.isfinite(a[:, 1]), 0]), np.sort(b[~np.isfinite(b[:, 1]), 0])
    if len(ea) != len(eb):
        return float('inf')
    essential = float(np.sum(np.abs(ea - eb) ** order))
    a, b = finite(a), finite(b)
    n, m = len(a), len(b)

    def ground(dx, dy):
        return np.maximum(dx, dy) if np.isinf(internal_p) else (dx ** internal_p + dy ** internal_p) ** (1 / internal_p)

    def to_diag(x):
        mid = (x[:, 0] + x[:, 1]) / 2
        return ground(np.abs(x[:, 0] - mid), np.abs(x[:, 1] - mid))

    c = np.full((n + m, n + m), np.inf)
    c[:n, :m] = ground(np.abs(a[:, None, 0] - b[None, :, 0]), np.abs(a[:, None, 1] - b[None, :, 1])) ** order
    c[np.arange(n), m + np.arange(n)] = to_diag(a) ** order
    c[n + np.arange(m), np.arange(m)] = to_diag(b) ** order
    c[n:, m:] = 0
    if n + m == 0:
        return essential ** (1 / order)
    rows, cols = linear_sum_assignment(c)
    return float((c[rows, cols].sum() + essential) ** (1 / order))


def run(op, a, b, p):
    if op == 'bottleneck':
        return [gudhi.bottleneck_distance(a, b, 0)]
    if op == 'wasserstein':
        order = float(p['order'])
        internal_p = float(p['internal_p'])
        pot = gudhi.wasserstein.wasserstein_distance(a, b, order=order, internal_p=internal_p)
        hera = gudhi.hera.wasserstein_distance(a, b, order=order, internal_p=internal_p, delta=float(p['delta']))
        return [pot, hera, lsa_wasserstein(a, b, order, internal_p)]
    if op == 'sliced':
        swd = SlicedWassersteinDistance(num_directions=int(p['directions']))
        return [swd.fit([finite(a)]).transform([finite(b)])[0, 0]]
    if op == 'betti':
        return BettiCurve(predefined_grid=np.array(floats(p['grid'])))(a).tolist()
    if op == 'landscape':
        lo, hi = float(p['lo']), float(p['hi'])
        ls = Landscape(num_landscapes=int(p['levels']), resolution=int(p['resolution']), sample_range=[lo, hi])
        return ls(finite(a)).tolist()
    if op == 'image':
        pmax = float(p['pmax'])
        pi = PersistenceImage(bandwidth=float(p['sigma']), weight=lambda x: min(x[1] / pmax, 1.0),
                              resolution=[int(p['width']), int(p['height'])],
                              im_range=[float(p['bmin']), float(p['bmax']), float(p['pmin']), float(p['pmax_range'])])
        return pi(finite(a)).tolist()
    raise ValueError('unknown op ' + op)


def main():
    with open(sys.argv[1]) as f:
        cases = [line.rstrip('\n').split('\t') for line in f if line.strip()]
    out = sys.stdout
    for case_id, op, fa, fb, params in cases:
        try:
            p = dict(kv.split('=', 1) for kv in params.split(';') if kv)
            dim = int(p.get('dim', 0))
            a = load(fa, dim)
            b = load(fb, dim) if fb != '-' else None
            values = run(op, a, b, p)
            out.write(case_id + ' ' + ' '.join(repr(float(v)) for v in values) + '\n')
        except Exception as e:  # reported per case so one bad case does not hide the others
            msg = traceback.format_exception_only(type(e), e)[-1].strip().replace('\n', ' ')
            out.write(case_id + ' ERROR ' + msg + '\n')
    out.flush()


if __name__ == '__main__':
    main()
