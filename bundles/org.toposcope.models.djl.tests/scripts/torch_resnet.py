#!/usr/bin/python3
"""Reference activations for CifarResNet from PyTorch (Debian python3-torch), written independently of DJL.

Usage: /usr/bin/python3 torch_resnet.py DIR DEPTH
DIR holds params.txt (one 'index name' line per DJL parameter, in DJL's order), p<index>.npy for each,
and input.npy (N x C x H x W, already normalised). Writes out-<layer>.npy for stem, every block, pool, fc."""
import sys
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F

torch.set_num_threads(2)
EPS = 1e-5  # DJL's BatchNorm default


def main():
    folder = Path(sys.argv[1])
    depth = int(sys.argv[2])
    params = {}
    for line in (folder / "params.txt").read_text().splitlines():
        index, name = line.split(" ", 1)
        params[name] = torch.from_numpy(np.load(folder / f"p{index}.npy")).float()

    used = set()

    def find(suffix, optional=False):
        # DJL prefixes each child's name with its position ("03stage1.block1_01conv1_weight")
        hits = [k for k in params if k.endswith(suffix)]
        if optional and not hits:
            return None
        assert len(hits) == 1, (suffix, hits)
        used.add(hits[0])
        return params[hits[0]]

    def conv(x, weight, stride):
        return F.conv2d(x, weight, stride=stride, padding=weight.shape[-1] // 2)

    def bn(x, prefix):
        return F.batch_norm(x, find(prefix + "_runningMean"), find(prefix + "_runningVar"),
                            find(prefix + "_gamma"), find(prefix + "_beta"), training=False, eps=EPS)

    out = {}
    x = torch.from_numpy(np.load(folder / "input.npy")).float()
    with torch.no_grad():
        h = F.relu(bn(conv(x, find("stem-conv_weight"), 1), "stem-bn"))
        out["stem"] = h
        per_stage = (depth - 2) // 6
        for s in range(3):
            for b in range(per_stage):
                name = f"stage{s + 1}.block{b + 1}"
                stride = 2 if s > 0 and b == 0 else 1
                c1 = conv(h, find(name + "_01conv1_weight"), stride)
                y = F.relu(bn(c1, name + "_02bn1"))
                y = bn(conv(y, find(name + "_03conv2_weight"), 1), name + "_04bn2")
                shortcut = find(name + "_05shortcut_weight", optional=True)
                if shortcut is not None:
                    identity = bn(conv(h, shortcut, stride), name + "_06shortcut-bn")
                else:
                    identity = h
                h = F.relu(y + identity)
                out[name] = h
        pooled = h.mean(dim=(2, 3))
        out["pool"] = pooled
        out["fc"] = F.linear(pooled, find("fc_weight"), find("fc_bias"))
    assert used == set(params), sorted(set(params) - used)
    for name, value in out.items():
        np.save(folder / f"out-{name}.npy", value.numpy().astype(np.float32))


if __name__ == "__main__":
    main()
