#!/usr/bin/env python3
"""GEMM speed of this machine: the MLP's products (batch 128, and the test set's) and a large
square product, in float32 (SGEMM) and float64 (DGEMM), through numpy or PyTorch.

Each product C = op(A)·op(B) is written into a preallocated C (numpy `matmul(out=)`, torch
`mm(out=)`), with the transposes of the training step passed as views, so the BLAS gets
its transpose flags and nothing is copied. A product is repeated for at least --seconds
(and 3 times), after one untimed call; the best call's time gives GFLOP/s (2·m·k·n FLOP).
"MLP step" sums the products of one training step: its FLOP over the sum of the best times,
the rate an epoch's training products could reach at these shapes with this library.

    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE python3 benchmarks/peers/gemm_peak.py --lib numpy
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/gemm_peak.py --lib torch
Options: --dtype f32,f64 --square 2048 --seconds 1.0 --threads N (torch) --json.
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers_common  # noqa: E402


def timer(lib, dtype_name, threads):
    """A function (m, k, n, ta, tb, seconds) -> best seconds per call, and the library's name."""
    if lib == "numpy":
        import numpy as np
        dtype = {"f32": np.float32, "f64": np.float64}[dtype_name]
        rng = np.random.default_rng(0)

        def operands(m, k, n, ta, tb):
            a = rng.standard_normal((k, m) if ta else (m, k)).astype(dtype)
            b = rng.standard_normal((n, k) if tb else (k, n)).astype(dtype)
            return (a.T if ta else a), (b.T if tb else b), np.empty((m, n), dtype=dtype)

        def call(a, b, c):
            np.matmul(a, b, out=c)
        name = f"numpy {np.__version__}"
    else:
        try:
            import torch
        except ImportError as e:
            sys.exit(f"gemm_peak.py: cannot import torch with {sys.executable} ({e}); "
                     "Debian's python3-torch is for /usr/bin/python3")
        torch.set_num_threads(threads)
        torch.manual_seed(0)
        dtype = {"f32": torch.float32, "f64": torch.float64}[dtype_name]

        def operands(m, k, n, ta, tb):
            a = torch.randn((k, m) if ta else (m, k), dtype=dtype)
            b = torch.randn((n, k) if tb else (k, n), dtype=dtype)
            return (a.t() if ta else a), (b.t() if tb else b), torch.empty((m, n), dtype=dtype)

        def call(a, b, c):
            torch.mm(a, b, out=c)
        name = f"PyTorch {torch.__version__} ({torch.get_num_threads()} threads)"

    def best(m, k, n, ta, tb, seconds):
        a, b, c = operands(m, k, n, ta, tb)
        call(a, b, c)
        times = []
        deadline = time.perf_counter() + seconds
        while len(times) < 3 or time.perf_counter() < deadline:
            started = time.perf_counter()
            call(a, b, c)
            times.append(time.perf_counter() - started)
        return min(times)
    return best, name


def measure(lib, dtype_name, square, seconds, threads):
    best, name = timer(lib, dtype_name, threads)
    rows = []
    for label, m, k, n, ta, tb in (peers_common.products() + peers_common.evaluation_products()
                                   + [(f"square {square}", square, square, square, False, False)]):
        t = best(m, k, n, ta, tb, seconds)
        rows.append({"product": label, "m": m, "k": k, "n": n, "trans_a": ta, "trans_b": tb,
                     "seconds": t, "gflops": 2 * m * k * n / t / 1e9})
    return summarise(rows, f"{name}, {dtype_name}", dtype_name)


def summarise(rows, implementation, dtype_name):
    """One measurement with its MLP-step and square rates (peers_common.rates)."""
    return {"implementation": implementation, "precision": dtype_name, "products": rows,
            **peers_common.rates(rows), "blas": peers_common.describe_blas(peers_common.loaded_blas())}


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--lib", choices=["numpy", "torch"], default="numpy")
    ap.add_argument("--dtype", default="f32,f64")
    ap.add_argument("--square", type=int, default=2048)
    ap.add_argument("--seconds", type=float, default=1.0)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--json", action="store_true")
    a = ap.parse_args()
    for dtype_name in a.dtype.split(","):
        if dtype_name not in ("f32", "f64"):
            sys.exit(f"gemm_peak.py: --dtype {dtype_name}: expected f32, f64 or both")
        result = measure(a.lib, dtype_name, a.square, a.seconds, a.threads)
        if a.json:
            print(json.dumps(result), flush=True)
            continue
        print(f"{result['implementation']} [{result['blas']}]")
        for r in result["products"]:
            print(f"  {r['product']:28s} {r['m']:5d}x{r['k']:5d}x{r['n']:5d}"
                  f"  {r['seconds'] * 1e6:10.1f} us  {r['gflops']:7.1f} GFLOP/s")
        print(f"  MLP step {result['mlp_step_gflops']:.1f} GFLOP/s, square {result['square_gflops']:.1f} GFLOP/s",
              flush=True)


if __name__ == "__main__":
    main()
