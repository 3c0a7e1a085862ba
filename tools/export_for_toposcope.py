#!/usr/bin/python3
"""Exports a PyTorch model so that Toposcope can read the activations of chosen layers.

Writes <out>.pt, a TorchScript module whose forward returns Dict[str, Tensor] (one entry per layer,
built with torchvision's create_feature_extractor), with two exported methods Toposcope reads:
layer_names() (the layers in network order) and input_shape() ([C, H, W]); and <out>.onnx with one
named graph output per layer and a dynamic batch axis. libtorch and ONNX Runtime read these files
without running Python, so Toposcope opens them without running foreign code. Loading *your* weights
(--state-dict) does unpickle them: do that only with files you trust, here, on your own machine.

Examples:
  export_for_toposcope.py --torchvision resnet18 --num-classes 10 --state-dict weights.pt \\
      --input-shape 3,32,32 --layers conv --out resnet18
  export_for_toposcope.py --python mymodels:make_net --layers bn-relu --input-shape 1,28,28 --out net
  export_for_toposcope.py --torchvision resnet18 --layers layer1.0.conv1,layer4.1.bn2 --out two
  export_for_toposcope.py --torchscript traced.pt --layers output --input-shape 1,28,28 --out traced
Layer selections: conv = every Conv2d output (before BatchNorm), bn = every BatchNorm output,
bn-relu = every ReLU applied directly to a BatchNorm output, or a comma list of node names as
torchvision.models.feature_extraction.get_graph_node_names reports them. A node named by a bare number
(a child of a top-level nn.Sequential) is written as layer<number>: "0" becomes "layer0". A TorchScript input cannot be
traced into layers: only its final output (--layers output) can be re-exported.
"""
import argparse
import importlib
import sys
from typing import Dict, List

import torch
import torchvision
from torch import nn
from torchvision.models.feature_extraction import NodePathTracer, create_feature_extractor


class Exported(nn.Module):
    """The feature extractor plus the two methods Toposcope calls."""

    def __init__(self, body: nn.Module, names: List[str], shape: List[int]):
        super().__init__()
        self.body = body
        self.names = names
        self.shape = shape

    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        return self.body(x)

    @torch.jit.export
    def layer_names(self) -> List[str]:
        return self.names

    @torch.jit.export
    def input_shape(self) -> List[int]:
        return self.shape


class OutputOnly(nn.Module):
    """A TorchScript model as a one-layer extractor: FX cannot look inside a ScriptModule."""

    def __init__(self, model: nn.Module):
        super().__init__()
        self.model = model

    def forward(self, x: torch.Tensor) -> Dict[str, torch.Tensor]:
        return {"output": self.model(x)}


class AsTuple(nn.Module):
    """ONNX export flattens outputs positionally; a tuple in the recorded order names them reliably."""

    def __init__(self, body: nn.Module, names: List[str]):
        super().__init__()
        self.body = body
        self.names = names

    def forward(self, x):
        out = self.body(x)
        return tuple(out[n] for n in self.names)


def build_model(args) -> nn.Module:
    if args.torchvision:
        kwargs = {"num_classes": args.num_classes} if args.num_classes else {}
        model = getattr(torchvision.models, args.torchvision)(weights=None, **kwargs)
    else:
        module_name, _, factory = args.python.partition(":")
        sys.path.insert(0, ".")
        model = getattr(importlib.import_module(module_name), factory or "model")()
    if args.state_dict:
        state = torch.load(args.state_dict, map_location="cpu")  # unpickles: trusted files only
        if isinstance(state, nn.Module):
            state = state.state_dict()
        state = state.get("state_dict", state.get("model_state_dict", state))
        state = {k.removeprefix("module."): v for k, v in state.items()}
        model.load_state_dict(state)
    # An in-place ReLU would overwrite the BatchNorm output that is returned as a layer.
    for m in model.modules():
        if hasattr(m, "inplace"):
            m.inplace = False
    return model.eval()


def select_layers(model: nn.Module, selection: str) -> List[str]:
    tracer = NodePathTracer()
    graph = tracer.trace(model)
    name = tracer.node_to_qualname
    nodes = [n for n in graph.nodes if n in name]

    def module_of(node, kind):
        return node.op == "call_module" and isinstance(model.get_submodule(node.target), kind)

    def is_relu(node):
        return (module_of(node, nn.ReLU) or (node.op == "call_function" and node.target in (torch.relu, nn.functional.relu))
                or (node.op == "call_method" and node.target == "relu"))

    bn = nn.modules.batchnorm._BatchNorm
    if selection == "conv":
        chosen = [name[n] for n in nodes if module_of(n, nn.Conv2d)]
    elif selection == "bn":
        chosen = [name[n] for n in nodes if module_of(n, bn)]
    elif selection == "bn-relu":
        chosen = [name[n] for n in nodes if is_relu(n) and n.args and getattr(n.args[0], "op", None)
                  and module_of(n.args[0], bn)]
    else:
        wanted = [s.strip() for s in selection.split(",") if s.strip()]
        known = {name[n] for n in nodes}
        unknown = [w for w in wanted if w not in known]
        if unknown:
            sys.exit(f"unknown layer(s) {', '.join(unknown)}; known: {', '.join(name[n] for n in nodes)}")
        order = {name[n]: i for i, n in enumerate(nodes)}
        chosen = sorted(set(wanted), key=order.get)  # network order, whatever order they were given in
    if not chosen:
        sys.exit(f"the selection '{selection}' matches no layer of this model")
    return chosen


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--torchvision", metavar="NAME", help="a torchvision.models constructor, e.g. resnet18")
    source.add_argument("--python", metavar="MODULE:FACTORY", help="a function returning the nn.Module")
    source.add_argument("--torchscript", metavar="FILE", help="a TorchScript model (only --layers output)")
    p.add_argument("--num-classes", type=int, help="classifier size for --torchvision models")
    p.add_argument("--state-dict", metavar="FILE", help="weights saved with torch.save (unpickled: trusted files only)")
    p.add_argument("--layers", default="conv", help="conv, bn, bn-relu or a comma list of node names")
    p.add_argument("--input-shape", default="3,224,224", help="C,H,W of one image")
    p.add_argument("--out", required=True, help="output path without extension")
    p.add_argument("--formats", default="torchscript,onnx", help="which files to write")
    p.add_argument("--seed", type=int, default=0, help="seed for the initialisation of layers without weights")
    args = p.parse_args()

    torch.manual_seed(args.seed)
    shape = [int(s) for s in args.input_shape.split(",")]
    if args.torchscript:
        if args.layers != "output" or args.state_dict:
            sys.exit("a TorchScript model takes neither --state-dict nor a layer selection other than --layers output; "
                     "export from the Python model to choose layers")
        loaded = torch.jit.load(args.torchscript, map_location="cpu").eval()
        names, body, onnx_model = ["output"], OutputOnly(loaded).eval(), loaded
    else:
        model = build_model(args)
        nodes = select_layers(model, args.layers)
        # A bare number (a top-level nn.Sequential child) is not a legal TorchScript/ONNX value name.
        names = [f"layer{n}" if n.isdigit() else n for n in nodes]
        body = create_feature_extractor(model, return_nodes=dict(zip(nodes, names))).eval()
        onnx_model = AsTuple(body, names)
    example = torch.zeros([1] + shape)
    formats = args.formats.split(",")
    if "torchscript" in formats:
        scripted = torch.jit.script(Exported(body, names, shape))
        scripted.save(args.out + ".pt")
    if "onnx" in formats:
        axes = {n: {0: "batch"} for n in ["input"] + names}
        # PRESERVE keeps BatchNorm as its own node; the default (eval) folds it into the convolutions.
        torch.onnx.export(onnx_model, example, args.out + ".onnx", input_names=["input"],
                          output_names=names, dynamic_axes=axes, training=torch.onnx.TrainingMode.PRESERVE,
                          do_constant_folding=False)
    print(f"{len(names)} layers: {', '.join(names)}")


if __name__ == "__main__":
    main()
