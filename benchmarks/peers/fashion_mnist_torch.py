#!/usr/bin/python3
"""PyTorch peer for `nn4j fashion-mnist`: the same network, trained the same way.

784-256-128-10, ReLU, He-normal weights (kaiming_normal_, fan_in, biases zero; drawn in
float64 and rounded, so both precisions start from the same network), softmax
cross-entropy (mean over the batch), Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8) with
ExponentialLR(0.9) stepped after each epoch, batches of 128 rows from a fresh shuffle each
epoch (the last batch short), in float32 or float64 (--dtype).

Meant for Debian's python3-torch (1.13), which only /usr/bin/python3 can import (a pyenv
python3 first on PATH cannot): run it as
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/fashion_mnist_torch.py
Debian builds torch with BLAS_INFO=generic: its products go to whatever libblas.so.3 the
alternatives system points at (OpenBLAS with libopenblas0-pthread installed, else the
reference BLAS); --json says which library was loaded and which kernels it chose.
Options: --epochs N --threads N --dtype f32|f64 --seed N --limit N --data DIR --json.
"""
import argparse
import json
import os
import sys
import time

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.dirname(here))
try:
    import torch
except ImportError as e:
    sys.exit(f"fashion_mnist_torch.py: cannot import torch with {sys.executable} ({e}); "
             "Debian's python3-torch is for /usr/bin/python3 (apt-get install python3-torch)")
import numpy as np  # noqa: E402  (after torch, so the message above comes first)

import peers_common  # noqa: E402
from fashion_mnist_numpy import load, per_epoch  # noqa: E402

DTYPES = {"f64": (np.float64, torch.float64), "f32": (np.float32, torch.float32)}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--epochs", type=int, default=15)
    ap.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    ap.add_argument("--dtype", choices=sorted(DTYPES), default="f64")
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()

    np_dtype, dtype = DTYPES[a.dtype]
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x_np, y_np = load(a.data, "train", np_dtype)
    xt_np, yt_np = load(a.data, "t10k", np_dtype)
    if a.limit:
        x_np, y_np = x_np[:a.limit], y_np[:a.limit]
    x_train, y_train = torch.from_numpy(np.ascontiguousarray(x_np)), torch.from_numpy(y_np)
    x_test, y_test = torch.from_numpy(np.ascontiguousarray(xt_np)), torch.from_numpy(yt_np)

    sizes = peers_common.LAYERS
    layers = []
    for i, (fan_in, fan_out) in enumerate(zip(sizes[:-1], sizes[1:])):
        # Drawn in float64 and then rounded (below), so both precisions start from the same
        # network and draw the same shuffles.
        linear = torch.nn.Linear(fan_in, fan_out, dtype=torch.float64)
        torch.nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
        torch.nn.init.zeros_(linear.bias)
        layers.append(linear)
        if i < len(sizes) - 2:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers).to(dtype)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3, betas=(0.9, 0.999), eps=1e-8)
    schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=0.9)
    loss_fn = torch.nn.CrossEntropyLoss()

    n = x_train.shape[0]
    history = []
    for epoch in range(a.epochs):
        lr = optimizer.param_groups[0]["lr"]
        order = torch.randperm(n)
        started = time.perf_counter()
        cpu_started = time.process_time()
        loss_sum = 0.0
        model.train()
        for start in range(0, n, a.batch_size):
            idx = order[start:start + a.batch_size]
            xb, yb = x_train[idx], y_train[idx]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            loss_sum += loss.item() * len(idx)
        seconds = time.perf_counter() - started
        cpu_seconds = time.process_time() - cpu_started
        schedule.step()
        evaluation_started = time.perf_counter()
        model.eval()
        with torch.no_grad():
            logits = model(x_test)
            test_loss = loss_fn(logits, y_test).item()
            accuracy = (logits.argmax(dim=1) == y_test).double().mean().item()
        evaluation_seconds = time.perf_counter() - evaluation_started
        if any(p.dtype != dtype for p in model.parameters()):
            sys.exit(f"the parameters left {a.dtype} during epoch {epoch + 1}: a bug in this script")
        history.append((loss_sum / n, test_loss, accuracy, seconds, cpu_seconds, evaluation_seconds))
        if not a.json:
            print(f"epoch {epoch + 1:2d}/{a.epochs}  lr {lr:.6g}  train loss {loss_sum / n:.4f}"
                  f"  test accuracy {accuracy:.4f}  {seconds:.2f} s (cpu {cpu_seconds:.2f} s)", flush=True)

    blas = peers_common.loaded_blas()
    config = torch.__config__.show()
    blas_info = next((w.split("=", 1)[1].rstrip(",") for w in config.split()
                      if w.startswith("BLAS_INFO=")), "?")
    result = {
        "backend": f"PyTorch {torch.__version__} (python {sys.version.split()[0]}, {sys.executable})",
        "precision": a.dtype,
        "threads": torch.get_num_threads(),
        "blas": f"torch BLAS_INFO={blas_info}: " + peers_common.describe_blas(blas),
        "blas_libraries": blas,
        "seed": a.seed, "epochs": a.epochs, "batch_size": a.batch_size, "train_examples": n,
        **per_epoch(history),
    }
    if a.json:
        print(json.dumps(result))
    else:
        print(f"{result['blas']}; {result['threads']} threads; "
              f"mean {np.mean(result['seconds_per_epoch']):.2f} s per epoch")


if __name__ == "__main__":
    main()
