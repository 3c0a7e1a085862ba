"""Checks the example plug-in's numbers in a report against an independent computation with numpy and scipy.

geodesic-eccentricity (k = 8, p = 1): symmetric k-NN graph with Euclidean edge lengths, all shortest paths
(scipy's Dijkstra), mean distance to the reachable points; compared per mapper node (lens.csv holds the mean
lens value over each node's members). landscape-l2 (3 landscapes, 400 samples, H0 + H1): landscapes sampled on
numpy's linspace over [smallest birth, largest death], trapezoid rule; compared with data/<model>/distances.csv.
Usage: check_plugin_report.py REPORT WORK (WORK holds LAYER.npy point clouds of the same images).
"""
import csv
import json
import os
import sys

import numpy as np
from scipy.sparse import csr_matrix
from scipy.sparse.csgraph import shortest_path

trapezoid = getattr(np, "trapezoid", None) or np.trapz

report, work = sys.argv[1], sys.argv[2]
model = "fashion-resnet20"
layers = ["stem", "stage2.block1", "stage3.block3"]
worst = {"lens": 0.0, "metric": 0.0}


def geodesic_eccentricity(x, k):
    n = len(x)
    d = np.sqrt(((x[:, None, :] - x[None, :, :]) ** 2).sum(-1))
    w = np.zeros((n, n))
    for i in range(n):
        order = [j for j in np.argsort(d[i], kind="stable") if j != i][:k]
        w[i, order] = d[i, order]
    w = np.maximum(w, w.T)
    g = shortest_path(csr_matrix(w), method="D", directed=False)
    return np.array([g[i][np.isfinite(g[i])].mean() for i in range(n)])


def landscapes(pairs, t, k):
    out = np.zeros((k, len(t)))
    if len(pairs):
        tents = np.maximum(0, np.minimum(t[None, :] - pairs[:, :1], pairs[:, 1:] - t[None, :]))
        tents = -np.sort(-tents, axis=0)
        m = min(k, len(pairs))
        out[:m] = tents[:m]
    return out


def landscape_l2(a, b, k=3, resolution=400):
    both = np.vstack([p for p in (a, b) if len(p)]) if len(a) + len(b) else np.zeros((0, 2))
    if not len(both) or not both[:, 1].max() > both[:, 0].min():
        return 0.0
    t = np.linspace(both[:, 0].min(), both[:, 1].max(), resolution)
    diff = ((landscapes(a, t, k) - landscapes(b, t, k)) ** 2).sum(0)
    return float(np.sqrt(trapezoid(diff, t)))


for layer in layers:
    cloud = np.load(os.path.join(work, layer + ".npy"))
    ecc = geodesic_eccentricity(cloud, 8)
    graph = json.load(open(os.path.join(report, "mapper", model, layer + ".json")))
    with open(os.path.join(report, "mapper", model, layer + ".lens.csv")) as f:
        means = [float(r["mean_lens"]) for r in csv.DictReader(f)]
    assert len(means) == len(graph["nodes"]) > 0, (layer, len(means), len(graph["nodes"]))
    for node, mean in zip(graph["nodes"], means):
        expected = ecc[node["members"]].mean()
        worst["lens"] = max(worst["lens"], abs(mean - expected) / expected)
    print(f"check: {layer}: {len(cloud)} points, {len(means)} nodes, geodesic eccentricity {ecc.min():.4g} .. {ecc.max():.4g}")

diagrams = {}
for layer in layers:
    d = json.load(open(os.path.join(report, "diagrams", model, layer + ".json")))
    diagrams[layer] = {dim["dim"]: np.array(dim["pairs"], dtype=float).reshape(-1, 2) for dim in d["dimensions"]}
with open(os.path.join(report, "data", model, "distances.csv")) as f:
    rows = list(csv.reader(f))
assert rows[0][1:] == layers, rows[0]
for i, row in enumerate(rows[1:]):
    for j, value in enumerate(row[1:]):
        a, b = diagrams[layers[i]], diagrams[layers[j]]
        expected = landscape_l2(a[0], b[0]) + landscape_l2(a[1], b[1])
        got = float(value)
        assert (i == j) == (got == 0), (layers[i], layers[j], got)
        if expected > 0:
            worst["metric"] = max(worst["metric"], abs(got - expected) / expected)
        print(f"check: landscape-l2 {layers[i]} vs {layers[j]}: {got:.6g} (python {expected:.6g})") if j > i else None

print(f"check: largest relative difference: lens {worst['lens']:.2e}, metric {worst['metric']:.2e}")
assert worst["lens"] < 1e-9 and worst["metric"] < 1e-9, worst
