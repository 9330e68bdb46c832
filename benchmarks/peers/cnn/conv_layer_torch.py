"""PyTorch's side of ConvolutionLayerBenchmark (benchmarks module, JMH): one convolution layer
of network A at a batch of 64, forward alone and forward + backward (the kernels' and bias's
gradients, and the input's unless the layer is a network's first), in float64 and float32.

    env -u OPENBLAS_CORETYPE /usr/bin/python3 benchmarks/peers/cnn/conv_layer_torch.py [--threads 2] [--batch 64] [--seconds 3]

Prints one line per layer, precision and pass: the median of 5 timed rounds of ~--seconds/5
each, in milliseconds per call, after a warm-up round. Same geometry as the JMH benchmark:
conv1 = 28x28x1 -> 16 filters 3x3 same (no input gradient), conv2 = 14x14x16 -> 32 filters 3x3
same. Inputs uniform in [0, 1), output gradients uniform in [-1e-3, 1e-3), He-normal kernels.
"""
import argparse
import statistics
import time

import torch

LAYERS = {"conv1": (1, 28, 16, True), "conv2": (16, 14, 32, False)}


def timed(fn, seconds):
    fn()
    calls, start = 0, time.perf_counter()
    while time.perf_counter() - start < seconds / 10:
        fn()
        calls += 1
    calls = max(calls, 1)
    rounds = []
    for _ in range(5):
        start = time.perf_counter()
        for _ in range(calls):
            fn()
        rounds.append((time.perf_counter() - start) / calls * 1e3)
    return statistics.median(rounds)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--seconds", type=float, default=3.0)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.manual_seed(18)
    print(f"torch {torch.__version__}, {a.threads} threads, batch {a.batch}")
    for dtype, name in ((torch.float64, "f64"), (torch.float32, "f32")):
        for layer, (c, size, filters, first) in LAYERS.items():
            conv = torch.nn.Conv2d(c, filters, 3, padding=1, dtype=dtype)
            torch.nn.init.kaiming_normal_(conv.weight, mode="fan_in", nonlinearity="relu")
            torch.nn.init.zeros_(conv.bias)
            x = torch.rand(a.batch, c, size, size, dtype=dtype, requires_grad=not first)
            dy = (torch.rand(a.batch, filters, size, size, dtype=dtype) - 0.5) * 2e-3

            def forward():
                with torch.no_grad():
                    return conv(x)

            def step():
                conv.zero_grad(set_to_none=True)
                if x.grad is not None:
                    x.grad = None
                conv(x).backward(dy)

            f = timed(forward, a.seconds)
            s = timed(step, a.seconds)
            print(f"{layer} {name} forward {f:.3f} ms  forward+backward {s:.3f} ms")


if __name__ == "__main__":
    main()
