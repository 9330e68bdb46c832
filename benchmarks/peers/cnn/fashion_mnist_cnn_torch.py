#!/usr/bin/python3
"""PyTorch peer for `nn4j fashion-mnist --model cnn`: a CNN on Fashion-MNIST, trained as nn4j does.

The network is an architecture string (cnn_common.py; --arch A or a spec such as
'c16k3s-p2-c32k3s-p2-d128-r0.25'): convolutions with ReLU, max pooling, dense layers with
ReLU, dropout, a last dense layer of 10, softmax cross-entropy (mean over the batch). Images
are x = byte/255 (nn4j's FashionMnist), 28x28x1; the dense layer after the convolutions reads
the features in NHWC order, as nn4j does (torch's NCHW activations are permuted before
flattening). Weights He-normal (kaiming_normal_, fan_in = kh·kw·in_channels for a kernel),
biases zero, drawn in float64 and rounded, so both precisions start from the same network.
Adam (lr 1e-3, betas 0.9/0.999, eps 1e-8) with the rate multiplied by --decay (0.9, nn4j's
default) after each epoch, batches of --batch-size (128) from a fresh shuffle each epoch (the
last batch short); the test set is evaluated after every epoch in batches of 1000 with dropout
off (evaluation seconds reported apart from the training seconds).

Run it with Debian's python3-torch (only /usr/bin/python3 imports it), OpenBLAS settings cleared:
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/cnn/fashion_mnist_cnn_torch.py --arch A
Options: --arch NAME|SPEC --epochs N --threads N --dtype f32|f64 --batch-size N --lr X
--decay X --seed N --limit N (first N training images) --data DIR --json (one line with the
keys of `nn4j fashion-mnist --json` that apply, plus architecture, macs_per_image, parameters).
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
    sys.exit(f"fashion_mnist_cnn_torch.py: cannot import torch with {sys.executable} ({e}); "
             "Debian's python3-torch is for /usr/bin/python3 (apt-get install python3-torch)")
import numpy as np  # noqa: E402

import cnn_common  # noqa: E402
import peers_common  # noqa: E402
from fashion_mnist_numpy import per_epoch  # noqa: E402

DTYPES = {"f64": (np.float64, torch.float64), "f32": (np.float32, torch.float32)}
EVALUATION_BATCH = 1000


class NhwcFlatten(torch.nn.Module):
    """Flattens N x C x H x W in nn4j's order (h, w, c with the channel fastest)."""

    def forward(self, x):
        return x.permute(0, 2, 3, 1).reshape(x.shape[0], -1) if x.dim() == 4 else x


def build(spec):
    """The torch.nn.Sequential of an architecture string, in float64."""
    modules = []
    flat = False
    for layer in cnn_common.parse(spec):
        h, w, c = layer["input"]
        if layer["kind"] == "conv":
            k = layer["kernel"]
            conv = torch.nn.Conv2d(c, layer["filters"], k, padding=(k // 2 if layer["padding"] == "s" else 0),
                                   dtype=torch.float64)
            if layer["padding"] == "s" and k % 2 == 0:
                raise ValueError("even kernels with SAME padding are not symmetric: not supported here")
            torch.nn.init.kaiming_normal_(conv.weight, mode="fan_in", nonlinearity="relu")
            torch.nn.init.zeros_(conv.bias)
            modules.append(conv)
            if layer["norm"]:
                modules.append(torch.nn.BatchNorm2d(layer["filters"], eps=1e-5, momentum=0.1,
                                                    dtype=torch.float64))
            modules.append(torch.nn.ReLU())
        elif layer["kind"] == "pool":
            modules.append(torch.nn.MaxPool2d(layer["size"]))
        elif layer["kind"] == "dense":
            if not flat:
                modules.append(NhwcFlatten())
                flat = True
            linear = torch.nn.Linear(h * w * c, layer["units"], dtype=torch.float64)
            torch.nn.init.kaiming_normal_(linear.weight, mode="fan_in", nonlinearity="relu")
            torch.nn.init.zeros_(linear.bias)
            modules.append(linear)
            if not layer.get("last"):
                modules.append(torch.nn.ReLU())
        else:
            modules.append(torch.nn.Dropout(layer["rate"]))
    return torch.nn.Sequential(*modules)


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--arch", default="A", help="a name in cnn_common.ARCHITECTURES or a spec (default A)")
    ap.add_argument("--epochs", type=int, default=5)
    ap.add_argument("--threads", type=int, default=2, help="torch.set_num_threads (default 2)")
    ap.add_argument("--dtype", choices=sorted(DTYPES), default="f64")
    ap.add_argument("--batch-size", type=int, default=128)
    ap.add_argument("--lr", type=float, default=1e-3)
    ap.add_argument("--decay", type=float, default=0.9)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--data", default="/usr/share/datasets/fashion-mnist")
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    try:
        spec = cnn_common.resolve(a.arch)
        macs, params = cnn_common.cost(spec)
    except ValueError as e:
        sys.exit(f"fashion_mnist_cnn_torch.py: --arch: {e}")

    np_dtype, dtype = DTYPES[a.dtype]
    torch.set_num_threads(a.threads)
    torch.manual_seed(a.seed)
    x_np, y_np = cnn_common.load(a.data, "train", np_dtype)
    xt_np, yt_np = cnn_common.load(a.data, "t10k", np_dtype)
    if a.limit:
        x_np, y_np = x_np[:a.limit], y_np[:a.limit]
    h, w, c = cnn_common.IMAGE
    # One channel: NHWC and NCHW are the same bytes.
    x_train = torch.from_numpy(np.ascontiguousarray(x_np)).reshape(-1, c, h, w)
    x_test = torch.from_numpy(np.ascontiguousarray(xt_np)).reshape(-1, c, h, w)
    y_train, y_test = torch.from_numpy(y_np), torch.from_numpy(yt_np)

    model = build(spec).to(dtype)
    optimizer = torch.optim.Adam(model.parameters(), lr=a.lr, betas=(0.9, 0.999), eps=1e-8)
    schedule = torch.optim.lr_scheduler.ExponentialLR(optimizer, gamma=a.decay)
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
        correct, test_loss = 0, 0.0
        with torch.no_grad():
            for start in range(0, x_test.shape[0], EVALUATION_BATCH):
                logits = model(x_test[start:start + EVALUATION_BATCH])
                yb = y_test[start:start + EVALUATION_BATCH]
                test_loss += loss_fn(logits, yb).item() * len(yb)
                correct += (logits.argmax(dim=1) == yb).sum().item()
        accuracy = correct / x_test.shape[0]
        test_loss /= x_test.shape[0]
        evaluation_seconds = time.perf_counter() - evaluation_started
        if any(p.dtype != dtype for p in model.parameters()):
            sys.exit(f"the parameters left {a.dtype} during epoch {epoch + 1}: a bug in this script")
        history.append((loss_sum / n, test_loss, accuracy, seconds, cpu_seconds, evaluation_seconds))
        if not a.json:
            print(f"epoch {epoch + 1:2d}/{a.epochs}  lr {lr:.6g}  train loss {loss_sum / n:.4f}"
                  f"  test accuracy {accuracy:.4f}  {seconds:.2f} s (cpu {cpu_seconds:.2f} s)"
                  f"  eval {evaluation_seconds:.2f} s", flush=True)

    blas = peers_common.loaded_blas()
    config = torch.__config__.show()
    blas_info = next((w.split("=", 1)[1].rstrip(",") for w in config.split()
                      if w.startswith("BLAS_INFO=")), "?")
    result = {
        "backend": f"PyTorch {torch.__version__} (python {sys.version.split()[0]}, {sys.executable})",
        "model": "cnn", "architecture": spec, "describe": cnn_common.describe(spec),
        "macs_per_image": macs, "parameters": params,
        "precision": a.dtype,
        "threads": torch.get_num_threads(),
        "blas": f"torch BLAS_INFO={blas_info}, mkldnn {'on' if torch.backends.mkldnn.is_available() else 'off'}: "
                + peers_common.describe_blas(blas),
        "blas_libraries": blas,
        "seed": a.seed, "epochs": a.epochs, "batch_size": a.batch_size, "train_examples": n,
        **per_epoch(history),
    }
    if a.json:
        print(json.dumps(result))
    else:
        print(f"{spec}: {macs:,d} MAC/image, {params:,d} parameters; {result['blas']}; "
              f"{result['threads']} threads; mean {np.mean(result['seconds_per_epoch']):.2f} s per epoch")


if __name__ == "__main__":
    main()
