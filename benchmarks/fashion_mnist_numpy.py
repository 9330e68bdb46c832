#!/usr/bin/env python3
"""numpy reference for `nn4j fashion-mnist`: the same network, trained the same way.

784-256-128-10, ReLU, He-normal weights (variance 2/fan_in, biases zero), softmax
cross-entropy (mean over the batch), Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8, the paper's
bias correction) with the rate multiplied by 0.9 each epoch, batches of 128 rows from a
fresh shuffle each epoch (the last batch short), float64 throughout (or float32 with
--dtype f32: data, weights, gradients and Adam's moments; the initial weights are drawn in
float64 and rounded, so both precisions start from the same network). The random numbers
are numpy's, not nn4j's, so runs agree statistically, not bit for bit.

Run it as nn4j's README does, with the machine's OpenBLAS settings cleared:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/fashion_mnist_numpy.py
Options: --epochs N --batch-size N --lr X --decay X --hidden 256,128 --seed N --limit N
--dtype f64|f32 --data DIR --json. It prints a line per epoch (train loss, test accuracy,
seconds), or with --json one object with the keys of `nn4j fashion-mnist --json` that apply.
"""
import argparse
import ctypes
import gzip
import json
import os
import struct
import sys
import time

import numpy as np


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, rank = struct.unpack(">HBB", data[:4])
    if zero != 0 or dtype != 8:
        raise ValueError(f"{path}: not an unsigned-byte IDX file")
    dims = struct.unpack(">" + "I" * rank, data[4:4 + 4 * rank])
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank).reshape(dims)


DTYPES = {"f64": np.float64, "f32": np.float32}


def load(directory, prefix, dtype=np.float64):
    def find(name):
        for candidate in (name + ".gz", name):
            p = os.path.join(directory, candidate)
            if os.path.isfile(p):
                return p
        sys.exit(f"{name}[.gz] not found in {directory}; apt-get install dataset-fashion-mnist")
    x = read_idx(find(prefix + "-images-idx3-ubyte")).reshape(-1, 784).astype(dtype) / dtype(255.0)
    labels = read_idx(find(prefix + "-labels-idx1-ubyte")).astype(np.int64)
    return x, labels


def blas_threads():
    """OpenBLAS's thread count, asked of the library numpy loaded (None if not found)."""
    try:
        import threadpoolctl  # noqa: F401
        info = threadpoolctl.threadpool_info()
        return {i["internal_api"]: i["num_threads"] for i in info}
    except ImportError:
        pass
    for name in os.listdir(os.path.dirname(np.__file__) + "/../numpy.libs") \
            if os.path.isdir(os.path.dirname(np.__file__) + "/../numpy.libs") else []:
        if "openblas" in name:
            lib = ctypes.CDLL(os.path.join(os.path.dirname(np.__file__), "../numpy.libs", name))
            for fn in ("openblas_get_num_threads64_", "openblas_get_num_threads", "scipy_openblas_get_num_threads64_"):
                if hasattr(lib, fn):
                    return {"openblas": getattr(lib, fn)()}
    with open("/proc/self/maps") as maps:
        libs = {line.split()[-1] for line in maps if "blas" in line}
    for path in libs:
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for fn in ("openblas_get_num_threads", "openblas_get_num_threads64_"):
            if hasattr(lib, fn):
                return {"openblas (" + os.path.basename(path) + ")": getattr(lib, fn)()}
    return None


def blas_library():
    """The BLAS numpy uses: the library it loaded, with OpenBLAS's version, kernels and threads
    (benchmarks/peers/peers_common.py), else the one numpy was built against, or None."""
    try:
        sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "peers"))
        import peers_common
        described = peers_common.describe_blas(peers_common.loaded_blas())
        if described != "unknown":
            return described
    except ImportError:
        pass
    try:
        config = np.show_config(mode="dicts")
        blas = config["Build Dependencies"]["blas"]
        return f"{blas.get('name')} {blas.get('version')}".strip()
    except Exception:  # numpy before 1.25 has no mode="dicts"
        return None


def per_epoch(history):
    """The per-epoch keys of the --json output, from (train loss, test loss, test accuracy,
    seconds, CPU seconds, evaluation seconds) per epoch (shared with the PyTorch peer)."""
    columns = ("train_loss", "test_loss_per_epoch", "test_accuracy_per_epoch", "seconds_per_epoch",
               "cpu_seconds_per_epoch", "evaluation_seconds_per_epoch")
    keys = {"test_accuracy": history[-1][2]}
    keys.update({name: [h[i] for h in history] for i, name in enumerate(columns)})
    return keys


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--decay", type=float, default=0.9)
    ap.add_argument("--hidden", default="256,128")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--dtype", choices=sorted(DTYPES), default="f64",
                    help="precision of the data, weights and arithmetic (default f64)")
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    dtype = DTYPES[a.dtype]
    x_train, y_train = load(a.data, "train", dtype)
    x_test, y_test = load(a.data, "t10k", dtype)
    if a.limit:
        x_train, y_train = x_train[:a.limit], y_train[:a.limit]
    rng = np.random.default_rng(a.seed)
    sizes = [784] + [int(h) for h in a.hidden.split(",") if h] + [10]
    params = []
    for fan_in, fan_out in zip(sizes[:-1], sizes[1:]):
        params.append((rng.standard_normal((fan_in, fan_out)) * np.sqrt(2.0 / fan_in)).astype(dtype))
        params.append(np.zeros((1, fan_out), dtype=dtype))
    m = [np.zeros_like(p) for p in params]
    v = [np.zeros_like(p) for p in params]
    b1, b2, eps = 0.9, 0.999, 1e-8
    t = 0

    def forward(x):
        acts = [x]
        for i in range(0, len(params), 2):
            z = acts[-1] @ params[i] + params[i + 1]
            if i + 2 < len(params):
                z = np.maximum(z, 0.0)
            acts.append(z)
        return acts

    def softmax_xent(logits, labels):
        shifted = logits - logits.max(axis=1, keepdims=True)
        log_z = np.log(np.exp(shifted).sum(axis=1, keepdims=True))
        log_p = shifted - log_z
        n = logits.shape[0]
        loss = -log_p[np.arange(n), labels].mean()
        grad = np.exp(log_p)
        grad[np.arange(n), labels] -= 1.0
        return loss, grad / n

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
            xb, yb = x_train[idx], y_train[idx]
            acts = forward(xb)
            loss, dy = softmax_xent(acts[-1], yb)
            loss_sum += float(loss) * len(idx)
            grads = [None] * len(params)
            for i in range(len(params) - 2, -1, -2):
                grads[i] = acts[i // 2].T @ dy
                grads[i + 1] = dy.sum(axis=0, keepdims=True)
                if i > 0:
                    dy = (dy @ params[i].T) * (acts[i // 2] > 0)
            t += 1
            c1, c2 = 1 - b1 ** t, 1 - b2 ** t
            for p, g, mi, vi in zip(params, grads, m, v):
                mi *= b1
                mi += (1 - b1) * g
                vi *= b2
                vi += (1 - b2) * g * g
                p -= (lr / c1) * mi / (np.sqrt(vi / c2) + eps)
        seconds = time.perf_counter() - started
        if any(p.dtype != dtype for p in params + m + v):
            sys.exit(f"the parameters left {a.dtype} during epoch {epoch + 1}: a bug in this script")
        cpu_seconds = time.process_time() - cpu_started
        evaluation_started = time.perf_counter()
        logits = forward(x_test)[-1]
        test_loss, _ = softmax_xent(logits, y_test)
        accuracy = float((logits.argmax(axis=1) == y_test).mean())
        evaluation_seconds = time.perf_counter() - evaluation_started
        history.append((loss_sum / n, float(test_loss), accuracy, seconds, cpu_seconds, evaluation_seconds))
        if not a.json:
            print(f"epoch {epoch + 1:2d}/{a.epochs}  lr {lr:.6g}  train loss {loss_sum / n:.4f}"
                  f"  test accuracy {accuracy:.4f}  {seconds:.2f} s (cpu {cpu_seconds:.2f} s)", flush=True)
    result = {
        "backend": "numpy " + np.__version__,
        "precision": a.dtype,
        "blas": blas_library(),
        "blas_threads": blas_threads(),
        "seed": a.seed, "epochs": a.epochs, "batch_size": a.batch_size,
        "learning_rate": a.lr, "decay": a.decay, "hidden": sizes[1:-1],
        "train_examples": n,
        "test_loss": [h[1] for h in history],
        **per_epoch(history),
    }
    if a.json:
        print(json.dumps(result))
    else:
        print(f"BLAS threads: {result['blas_threads']}; mean {np.mean(result['seconds_per_epoch']):.2f} s per epoch")


if __name__ == "__main__":
    main()
