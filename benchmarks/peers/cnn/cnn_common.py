"""Shared by the CNN peers: the architectures, written as one short string, their shapes,
parameters and multiply-adds, and the Fashion-MNIST loader.

An architecture is a '-'-separated list of layers, read left to right from the 28x28x1 image
(NHWC, as nn4j lays images out), followed by an implicit dense layer of 10 outputs (softmax
cross-entropy):
    c16k3s   convolution, 16 filters, 3x3 kernel, stride 1, padding 's' (TensorFlow's SAME)
             or 'v' (VALID), bias, then ReLU; a trailing 'b' (c16k3sb) puts batch normalisation
             (momentum 0.1, epsilon 1e-5, nn4j's and PyTorch's defaults) before the ReLU
    p2       max pooling, 2x2 window, stride 2, VALID (an odd size is floored: 7 -> 3)
    d128     dense layer of 128 outputs (flattening what comes before, NHWC order), ReLU
    r0.25    dropout at rate 0.25 (inverted: kept activations scaled by 1/(1-rate))
Example: 'c16k3s-p2-c32k3s-p2-d128-r0.25' (ARCHITECTURES['A']).

Multiply-adds are those of the forward pass of one image: convolutions (out_h·out_w·filters·
kh·kw·in_channels) and dense layers (fan_in·fan_out); pooling, ReLU, bias and dropout are
not counted. One training step costs about three times the forward multiply-adds (forward,
kernel gradient, input gradient; the first layer needs no input gradient).
"""
import os
import re
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(os.path.dirname(here)))  # benchmarks/, for the loader
from fashion_mnist_numpy import load  # noqa: E402,F401  (x in [0, 1] = byte / 255, as nn4j)

IMAGE = (28, 28, 1)
CLASSES = 10

# The candidates measured for issue 18 (/work/wt/CNN-FINDINGS.md, docs/performance.md).
ARCHITECTURES = {
    "A": "c16k3s-p2-c32k3s-p2-d128-r0.25",
    "B": "c32k3v-p2-c64k3v-p2-d128-r0.25",   # the example, Keras-style VALID
    "Bs": "c32k3s-p2-c64k3s-p2-d128-r0.25",  # the same with SAME padding
    "C": "c8k5v-p2-c16k5v-p2-d128-r0.25",    # LeNet-like
    "D": "c16k5v-p2-c32k5v-p2-d128-r0.25",
    "E": "c8k3s-p2-c16k3s-p2-d128-r0.25",
    "F": "c16k3v-p2-c32k3v-p2-d128-r0.25",
    "G": "c16k3s-p2-c32k3s-p2-d64-r0.25",
    "AB": "c16k3sb-p2-c32k3sb-p2-d128-r0.25",  # A with batch normalisation after each convolution
}


def resolve(name_or_spec):
    return ARCHITECTURES.get(name_or_spec, name_or_spec)


_TOKEN = re.compile(r"^(?:c(\d+)k(\d+)([sv])(b?)|p(\d+)|d(\d+)|r(0?\.\d+))$")


def parse(spec):
    """The layers of an architecture string as dicts with their input and output shapes."""
    spec = resolve(spec)
    h, w, c = IMAGE
    layers = []
    for token in spec.split("-"):
        m = _TOKEN.match(token)
        if not m:
            raise ValueError(f"architecture '{spec}': cannot read layer '{token}' "
                             "(expected c<filters>k<kernel><s|v>, p<size>, d<units> or r<rate>)")
        filters, kernel, padding, norm, pool, units, rate = m.groups()
        if filters:
            f, k = int(filters), int(kernel)
            oh, ow = (h, w) if padding == "s" else (h - k + 1, w - k + 1)
            if oh <= 0 or ow <= 0:
                raise ValueError(f"architecture '{spec}': {token} does not fit a {h}x{w} input")
            layers.append({"kind": "conv", "filters": f, "kernel": k, "padding": padding, "norm": norm == "b",
                           "input": (h, w, c), "output": (oh, ow, f),
                           "macs": oh * ow * f * k * k * c,
                           "params": f * k * k * c + f + (2 * f if norm else 0)})
            h, w, c = oh, ow, f
        elif pool:
            p = int(pool)
            oh, ow = h // p, w // p
            layers.append({"kind": "pool", "size": p, "input": (h, w, c), "output": (oh, ow, c),
                           "macs": 0, "params": 0})
            h, w = oh, ow
        elif units:
            n, fan_in = int(units), h * w * c
            layers.append({"kind": "dense", "units": n, "input": (h, w, c), "output": (1, 1, n),
                           "macs": fan_in * n, "params": fan_in * n + n})
            h, w, c = 1, 1, n
        else:
            layers.append({"kind": "dropout", "rate": float(rate), "input": (h, w, c),
                           "output": (h, w, c), "macs": 0, "params": 0})
    fan_in = h * w * c
    layers.append({"kind": "dense", "units": CLASSES, "input": (h, w, c), "output": (1, 1, CLASSES),
                   "macs": fan_in * CLASSES, "params": fan_in * CLASSES + CLASSES, "last": True})
    return layers


def cost(spec):
    """(forward multiply-adds per image, parameters) of an architecture."""
    layers = parse(spec)
    return sum(l["macs"] for l in layers), sum(l["params"] for l in layers)


def training_macs(spec):
    """Multiply-adds of one training example's products: the forward pass, every kernel's and
    weight's gradient (as many as its forward) and every input gradient but the first layer's
    (nothing needs the images' gradient)."""
    layers = parse(spec)
    forward = sum(l["macs"] for l in layers)
    first = next((l["macs"] for l in layers if l["macs"]), 0)
    return 3 * forward - first


def describe(spec):
    parts = []
    for l in parse(spec):
        if l["kind"] == "conv":
            parts.append(f"conv {l['filters']} {l['kernel']}x{l['kernel']} "
                         f"{'same' if l['padding'] == 's' else 'valid'}"
                         + (" -> batch norm" if l["norm"] else ""))
        elif l["kind"] == "pool":
            parts.append(f"maxpool {l['size']}")
        elif l["kind"] == "dense":
            parts.append(str(l["units"]) if l.get("last") else f"dense {l['units']}")
        else:
            parts.append(f"dropout {l['rate']}")
    return " -> ".join(parts)


if __name__ == "__main__":
    for name, spec in ARCHITECTURES.items():
        macs, params = cost(spec)
        print(f"{name:3s} {spec:34s} {macs:>10,d} MAC/image {params:>9,d} parameters  {describe(spec)}")
