#!/usr/bin/env python3
"""numpy im2col reference for `nn4j fashion-mnist --model cnn`: the CNN of an architecture
string (cnn_common.py), forward and backward written out, NHWC as nn4j lays images out.

Convolution as nn4j does it (/work/wt/CNN.md): im2col rows (n, oy, ox) of kh·kw·c columns
(channel fastest), `columns · kernelsᵀ + bias` = the NHWC output, kernels a filters x
(kh·kw·c) matrix; backward dKernels = dyᵀ·columns, dBias = column sums, dColumns =
dy·kernels, col2im adds dColumns back into the (padded) input gradient. Max pooling keeps
the index of the first maximum of every window. Dense layers x·W + b with W fan_in x fan_out.
He-normal weights (variance 2/fan_in, fan_in = kh·kw·c for a kernel), zero biases, drawn in
float64 and rounded, inverted dropout, softmax cross-entropy (mean over the batch), Adam (lr
1e-3, betas 0.9/0.999, eps 1e-8, bias-corrected) with the rate multiplied by --decay (0.9)
each epoch, batches of 128 from a fresh shuffle each epoch (the last batch short); the test
set evaluated after each epoch in batches of 1000, dropout off. float64 or float32 throughout.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/peers/cnn/fashion_mnist_cnn_numpy.py --arch A
    python3 benchmarks/peers/cnn/fashion_mnist_cnn_numpy.py --check    # finite-difference check of backward
Options: --arch NAME|SPEC --epochs N --dtype f64|f32 --batch-size N --lr X --decay X --seed N
--limit N --data DIR --json (one line, the keys of the other peers), --check.
"""
import argparse
import json
import os
import sys
import time

import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.dirname(here))
import cnn_common  # noqa: E402
from fashion_mnist_numpy import blas_library, blas_threads, per_epoch  # noqa: E402

DTYPES = {"f64": np.float64, "f32": np.float32}
EVALUATION_BATCH = 1000


def pad_amounts(size, kernel, padding):
    """(before, after) padding of one dimension, TensorFlow's SAME for stride 1, or VALID."""
    if padding == "v":
        return 0, 0
    total = kernel - 1
    return total // 2, total - total // 2


class Conv:
    def __init__(self, layer, rng, dtype):
        self.h, self.w, self.c = layer["input"]
        self.oh, self.ow, self.f = layer["output"]
        self.k = layer["kernel"]
        self.pt, self.pb = pad_amounts(self.h, self.k, layer["padding"])
        self.pl, self.pr = pad_amounts(self.w, self.k, layer["padding"])
        patch = self.k * self.k * self.c
        self.params = [(rng.standard_normal((self.f, patch)) * np.sqrt(2.0 / patch)).astype(dtype),
                       np.zeros((1, self.f), dtype=dtype)]

    def im2col(self, x):
        n = x.shape[0]
        x = x.reshape(n, self.h, self.w, self.c)
        if self.pt or self.pb or self.pl or self.pr:
            x = np.pad(x, ((0, 0), (self.pt, self.pb), (self.pl, self.pr), (0, 0)))
        s = x.strides
        windows = np.lib.stride_tricks.as_strided(
            x, (n, self.oh, self.ow, self.k, self.k, self.c), (s[0], s[1], s[2], s[1], s[2], s[3]),
            writeable=False)
        return windows.reshape(n * self.oh * self.ow, self.k * self.k * self.c)  # a copy

    def forward(self, x, training):
        cols = self.im2col(x)
        y = cols @ self.params[0].T
        y += self.params[1]
        np.maximum(y, 0, out=y)
        self.cols, self.y = cols, y
        return y.reshape(x.shape[0], -1)

    def backward(self, dy, need_input_gradient):
        n = dy.shape[0]
        dy = dy.reshape(n * self.oh * self.ow, self.f) * (self.y > 0)
        grads = [dy.T @ self.cols, dy.sum(axis=0, keepdims=True)]
        if not need_input_gradient:
            return grads, None
        dcols = (dy @ self.params[0]).reshape(n, self.oh, self.ow, self.k, self.k, self.c)
        dx = np.zeros((n, self.h + self.pt + self.pb, self.w + self.pl + self.pr, self.c), dtype=dy.dtype)
        for i in range(self.k):
            for j in range(self.k):
                dx[:, i:i + self.oh, j:j + self.ow, :] += dcols[:, :, :, i, j, :]
        dx = dx[:, self.pt:self.pt + self.h, self.pl:self.pl + self.w, :]
        return grads, dx.reshape(n, -1)


class MaxPool:
    params = []

    def __init__(self, layer, rng, dtype):
        self.h, self.w, self.c = layer["input"]
        self.oh, self.ow, _ = layer["output"]
        self.p = layer["size"]

    def forward(self, x, training):
        n, p = x.shape[0], self.p
        x = x.reshape(n, self.h, self.w, self.c)[:, :self.oh * p, :self.ow * p, :]
        windows = x.reshape(n, self.oh, p, self.ow, p, self.c).transpose(0, 1, 3, 5, 2, 4) \
            .reshape(n, self.oh, self.ow, self.c, p * p)
        self.index = windows.argmax(axis=-1)[..., None]  # the first maximum
        return np.take_along_axis(windows, self.index, axis=-1).reshape(n, -1)

    def backward(self, dy, need_input_gradient):
        n, p = dy.shape[0], self.p
        windows = np.zeros((n, self.oh, self.ow, self.c, p * p), dtype=dy.dtype)
        np.put_along_axis(windows, self.index, dy.reshape(n, self.oh, self.ow, self.c, 1), axis=-1)
        dx = np.zeros((n, self.h, self.w, self.c), dtype=dy.dtype)
        dx[:, :self.oh * p, :self.ow * p, :] = windows.reshape(n, self.oh, self.ow, self.c, p, p) \
            .transpose(0, 1, 4, 2, 5, 3).reshape(n, self.oh * p, self.ow * p, self.c)
        return [], dx.reshape(n, -1)


class Dense:
    def __init__(self, layer, rng, dtype):
        h, w, c = layer["input"]
        fan_in, self.units = h * w * c, layer["units"]
        self.relu = not layer.get("last")
        self.params = [(rng.standard_normal((fan_in, self.units)) * np.sqrt(2.0 / fan_in)).astype(dtype),
                       np.zeros((1, self.units), dtype=dtype)]

    def forward(self, x, training):
        y = x @ self.params[0]
        y += self.params[1]
        if self.relu:
            np.maximum(y, 0, out=y)
        self.x, self.y = x, y
        return y

    def backward(self, dy, need_input_gradient):
        if self.relu:
            dy = dy * (self.y > 0)
        grads = [self.x.T @ dy, dy.sum(axis=0, keepdims=True)]
        return grads, (dy @ self.params[0].T if need_input_gradient else None)


class Dropout:
    params = []

    def __init__(self, layer, rng, dtype):
        self.rate, self.rng, self.dtype = layer["rate"], rng, dtype

    def forward(self, x, training):
        if not training or self.rate == 0:
            self.mask = None
            return x
        self.mask = (self.rng.random(x.shape) >= self.rate).astype(self.dtype) / self.dtype(1 - self.rate)
        return x * self.mask

    def backward(self, dy, need_input_gradient):
        return [], (dy if self.mask is None else dy * self.mask)


KINDS = {"conv": Conv, "pool": MaxPool, "dense": Dense, "dropout": Dropout}


class Network:
    def __init__(self, spec, rng, dtype):
        self.layers = [KINDS[l["kind"]](l, rng, dtype) for l in cnn_common.parse(spec)]
        self.params = [p for layer in self.layers for p in layer.params]

    def forward(self, x, training):
        for layer in self.layers:
            x = layer.forward(x, training)
        return x

    def backward(self, dy):
        grads = []
        for i in range(len(self.layers) - 1, -1, -1):
            g, dy = self.layers[i].backward(dy, i > 0)
            grads = g + grads
        return grads


def softmax_xent(logits, labels):
    shifted = logits - logits.max(axis=1, keepdims=True)
    log_p = shifted - np.log(np.exp(shifted).sum(axis=1, keepdims=True))
    n = logits.shape[0]
    loss = -log_p[np.arange(n), labels].mean()
    grad = np.exp(log_p)
    grad[np.arange(n), labels] -= 1.0
    return loss, grad / n


def check(spec):
    """Finite-difference check of every parameter gradient (a sample of entries) in float64,
    dropout off, on 3 random images; prints the worst relative error and fails above 1e-5."""
    rng = np.random.default_rng(1)
    spec = "-".join(t for t in cnn_common.resolve(spec).split("-") if not t.startswith("r"))
    net = Network(spec, rng, np.float64)
    x = rng.random((3, 784))
    labels = np.array([1, 4, 7])
    loss, dy = softmax_xent(net.forward(x, False), labels)
    grads = net.backward(dy)
    worst = 0.0
    for p, g in zip(net.params, grads):
        for flat in rng.choice(p.size, size=min(p.size, 20), replace=False):
            i = np.unravel_index(flat, p.shape)
            old, h = p[i], 1e-6
            p[i] = old + h
            up = softmax_xent(net.forward(x, False), labels)[0]
            p[i] = old - h
            down = softmax_xent(net.forward(x, False), labels)[0]
            p[i] = old
            numeric = (up - down) / (2 * h)
            error = abs(numeric - g[i]) / max(1e-8, abs(numeric) + abs(g[i]))
            worst = max(worst, error)
    print(f"{spec}: worst relative error of {len(net.params)} parameter gradients: {worst:.2e}")
    if worst > 1e-5:
        sys.exit("fashion_mnist_cnn_numpy.py --check: the backward pass disagrees with finite differences")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default="A")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--decay", type=float, default=0.9)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--dtype", choices=sorted(DTYPES), default="f64")
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--json", action="store_true")
    ap.add_argument("--check", action="store_true", help="finite-difference check of backward, then exit")
    a = ap.parse_args()
    try:
        spec = cnn_common.resolve(a.arch)
        macs, n_params = cnn_common.cost(spec)
    except ValueError as e:
        sys.exit(f"fashion_mnist_cnn_numpy.py: --arch: {e}")
    if a.check:
        check(spec)
        return

    dtype = DTYPES[a.dtype]
    x_train, y_train = cnn_common.load(a.data, "train", dtype)
    x_test, y_test = cnn_common.load(a.data, "t10k", dtype)
    if a.limit:
        x_train, y_train = x_train[:a.limit], y_train[:a.limit]
    rng = np.random.default_rng(a.seed)
    net = Network(spec, rng, np.float64)
    for layer in net.layers:  # drawn in float64, rounded (the same network in both precisions)
        layer.params[:] = [p.astype(dtype) for p in layer.params]
        if isinstance(layer, Dropout):
            layer.dtype = dtype
    net.params = [p for layer in net.layers for p in layer.params]
    m = [np.zeros_like(p) for p in net.params]
    v = [np.zeros_like(p) for p in net.params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    t = 0

    n = x_train.shape[0]
    history = []
    for epoch in range(a.epochs):
        lr = a.lr * a.decay ** epoch
        order = rng.permutation(n)
        started = time.perf_counter()
        cpu_started = time.process_time()
        loss_sum = 0.0
        for start in range(0, n, a.batch_size):
            idx = order[start:start + a.batch_size]
            loss, dy = softmax_xent(net.forward(x_train[idx], True), y_train[idx])
            loss_sum += float(loss) * len(idx)
            grads = net.backward(dy.astype(dtype, copy=False))
            t += 1
            c1, c2 = 1 - b1 ** t, 1 - b2 ** t
            for p, g, mi, vi in zip(net.params, grads, m, v):
                mi *= b1
                mi += (1 - b1) * g
                vi *= b2
                vi += (1 - b2) * g * g
                p -= (lr / c1) * mi / (np.sqrt(vi / c2) + eps)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        if any(p.dtype != dtype for p in net.params + m + v):
            sys.exit(f"the parameters left {a.dtype} during epoch {epoch + 1}: a bug in this script")
        evaluation_started = time.perf_counter()
        correct, test_loss = 0, 0.0
        for start in range(0, x_test.shape[0], EVALUATION_BATCH):
            logits = net.forward(x_test[start:start + EVALUATION_BATCH], False)
            yb = y_test[start:start + EVALUATION_BATCH]
            test_loss += float(softmax_xent(logits, yb)[0]) * len(yb)
            correct += int((logits.argmax(axis=1) == yb).sum())
        accuracy = correct / x_test.shape[0]
        test_loss /= x_test.shape[0]
        evaluation_seconds = time.perf_counter() - evaluation_started
        history.append((loss_sum / n, test_loss, accuracy, seconds, cpu_seconds, evaluation_seconds))
        if not a.json:
            print(f"epoch {epoch + 1:2d}/{a.epochs}  lr {lr:.6g}  train loss {loss_sum / n:.4f}"
                  f"  test accuracy {accuracy:.4f}  {seconds:.2f} s (cpu {cpu_seconds:.2f} s)"
                  f"  eval {evaluation_seconds:.2f} s", flush=True)
    result = {
        "backend": "numpy " + np.__version__ + " (im2col)",
        "model": "cnn", "architecture": spec, "describe": cnn_common.describe(spec),
        "macs_per_image": macs, "parameters": n_params,
        "precision": a.dtype,
        "blas": blas_library(),
        "blas_threads": blas_threads(),
        "seed": a.seed, "epochs": a.epochs, "batch_size": a.batch_size,
        "learning_rate": a.lr, "decay": a.decay, "train_examples": n,
        **per_epoch(history),
    }
    if a.json:
        print(json.dumps(result))
    else:
        print(f"{spec}: {macs:,d} MAC/image; BLAS {result['blas']} threads {result['blas_threads']}; "
              f"mean {np.mean(result['seconds_per_epoch']):.2f} s per epoch")


if __name__ == "__main__":
    main()
