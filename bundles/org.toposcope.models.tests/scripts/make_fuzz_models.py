"""Builds the small model files the fuzz properties mutate, and pickles that must never be executed.

usage: make_fuzz_models.py OUT_DIR MARKER
Writes into OUT_DIR: tiny.pt (a scripted 2-conv network, TorchScript), tiny.onnx (the same, torch.onnx),
state.pt (torch.save of its state_dict: a zip whose data.pkl is pickled), legacy.pt (the same in the
pre-zip format), state.pkl (pickle.dump of the state_dict as numpy arrays), and evil.pkl, evil.pt,
evil_legacy.pt, evil0.pt (protocol 0), evil1.pth (protocol 1): pickles whose loading would create the file MARKER (they are never loaded here).
"""
import os
import pickle
import sys

import torch
from torch import nn

out, marker = sys.argv[1], sys.argv[2]
os.makedirs(out, exist_ok=True)
torch.manual_seed(0)


class Tiny(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 2, 3)
        self.conv2 = nn.Conv2d(2, 2, 3)

    def forward(self, x):
        return self.conv2(torch.relu(self.conv1(x)))


model = Tiny().eval()
torch.jit.script(model).save(os.path.join(out, "tiny.pt"))
torch.onnx.export(model, torch.randn(1, 1, 8, 8), os.path.join(out, "tiny.onnx"),
                  input_names=["input"], output_names=["output"])
torch.save(model.state_dict(), os.path.join(out, "state.pt"))
torch.save(model.state_dict(), os.path.join(out, "legacy.pt"), _use_new_zipfile_serialization=False)
with open(os.path.join(out, "state.pkl"), "wb") as f:
    pickle.dump({k: v.numpy() for k, v in model.state_dict().items()}, f)


class Evil:
    """Unpickling calls os.system: what a malicious checkpoint does."""

    def __reduce__(self):
        return (os.system, ("touch " + marker,))


with open(os.path.join(out, "evil.pkl"), "wb") as f:
    pickle.dump(Evil(), f)
with open(os.path.join(out, "evil0.pt"), "wb") as f:  # protocols 0 and 1 have no PROTO opcode to spot
    pickle.dump(Evil(), f, protocol=0)
with open(os.path.join(out, "evil1.pth"), "wb") as f:
    pickle.dump({"w": Evil()}, f, protocol=1)
torch.save({"weights": Evil()}, os.path.join(out, "evil.pt"))
torch.save({"weights": Evil()}, os.path.join(out, "evil_legacy.pt"), _use_new_zipfile_serialization=False)
assert not os.path.exists(marker), "writing the pickles must not run them"
