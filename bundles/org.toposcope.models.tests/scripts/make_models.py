"""Builds the models the loader tests read, and PyTorch's own activations for them.

usage: make_models.py OUT_DIR EXPORT_TOOL
Writes into OUT_DIR: weights.pt (a torch.save state_dict: pickled), legacy.pt (the same, pre-zip format),
weights.pkl (pickle.dump); resnet18.pt / resnet18.onnx from the export tool (--layers conv); input.npy
(4 x 3 x 32 x 32); ref/<layer>.npy for every Conv2d of the eager model, caught by forward hooks, and
layers.txt with their names in the order the hooks fired; plain.pt (torch.jit.trace) with ref/output.npy;
tuple.pt and tuple_named.pt (a scripted module returning a tuple, the second with layer_names()) with
ref/tuple0.npy, ref/tuple1.npy; seq.pt / seq.onnx (a top-level nn.Sequential, exported through --python) with
ref/seq_layer0.npy and ref/seq_layer2.npy.
"""
import os
import pickle
import subprocess
import sys
from typing import List

import numpy as np
import torch
import torchvision
from torch import nn

out, tool = sys.argv[1], sys.argv[2]
os.makedirs(os.path.join(out, "ref"), exist_ok=True)
torch.set_num_threads(2)


def save(name, tensor):
    np.save(os.path.join(out, "ref", name + ".npy"), tensor.detach().numpy().astype(np.float32))


torch.manual_seed(0)
model = torchvision.models.resnet18(weights=None, num_classes=10)
# Random running statistics, so that BatchNorm is not the identity and a wrong layer cannot pass.
for m in model.modules():
    if isinstance(m, nn.BatchNorm2d):
        m.running_mean.uniform_(-0.5, 0.5)
        m.running_var.uniform_(0.5, 2.0)
        m.weight.data.uniform_(0.5, 1.5)
        m.bias.data.uniform_(-0.5, 0.5)
model.eval()
torch.save(model.state_dict(), os.path.join(out, "weights.pt"))
torch.save(model.state_dict(), os.path.join(out, "legacy.pt"), _use_new_zipfile_serialization=False)
with open(os.path.join(out, "weights.pkl"), "wb") as f:
    pickle.dump({k: v.numpy() for k, v in model.state_dict().items()}, f)

subprocess.run([sys.executable, tool, "--torchvision", "resnet18", "--num-classes", "10", "--state-dict",
                os.path.join(out, "weights.pt"), "--input-shape", "3,32,32", "--layers", "conv",
                "--out", os.path.join(out, "resnet18")], check=True)

torch.manual_seed(1)
x = torch.randn(4, 3, 32, 32)
np.save(os.path.join(out, "input.npy"), x.numpy())

order = []
def hook(name):
    def record(module, args, output):
        order.append(name)
        save(name, output)
    return record
handles = [m.register_forward_hook(hook(n)) for n, m in model.named_modules() if isinstance(m, nn.Conv2d)]
with torch.no_grad():
    logits = model(x)
for h in handles:
    h.remove()
with open(os.path.join(out, "layers.txt"), "w") as f:
    f.write("\n".join(order) + "\n")

with torch.no_grad():
    torch.jit.trace(model, x[:1]).save(os.path.join(out, "plain.pt"))
save("output", logits)


class TwoOutputs(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = nn.Conv2d(3, 4, 3)

    def forward(self, x):
        y = self.conv(x)
        return y, torch.relu(y).mean(dim=(2, 3))


class TwoNamedOutputs(TwoOutputs):
    @torch.jit.export
    def layer_names(self) -> List[str]:
        return ["conv", "pooled"]


torch.manual_seed(2)
tiny = TwoOutputs().eval()
named = TwoNamedOutputs().eval()
named.load_state_dict(tiny.state_dict())
torch.jit.script(tiny).save(os.path.join(out, "tuple.pt"))
torch.jit.script(named).save(os.path.join(out, "tuple_named.pt"))
with torch.no_grad():
    a, b = tiny(x)
save("tuple0", a)
save("tuple1", b)

# A top-level nn.Sequential: its children are named by bare numbers, which TorchScript and ONNX refuse
# as value names; the tool writes them as layer<N>. seq.pt / seq.onnx, ref/seq_layer0.npy, ref/seq_layer2.npy.
with open(os.path.join(out, "seqmodel.py"), "w") as f:
    f.write("import torch\nfrom torch import nn\n\ndef make():\n    torch.manual_seed(3)\n"
            "    return nn.Sequential(nn.Conv2d(3, 4, 3), nn.ReLU(), nn.Conv2d(4, 5, 3))\n")
sys.path.insert(0, out)
import seqmodel
seq = seqmodel.make().eval()
subprocess.run([sys.executable, tool, "--python", "seqmodel:make", "--input-shape", "3,32,32", "--layers", "conv",
                "--out", os.path.join(out, "seq")], check=True, env=dict(os.environ, PYTHONPATH=out))
with torch.no_grad():
    first = seq[0](x)
    save("seq_layer0", first)
    save("seq_layer2", seq[2](seq[1](first)))
