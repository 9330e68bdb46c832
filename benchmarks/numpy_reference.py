#!/usr/bin/env python3
"""numpy reference for nn4j's benchmarks: the same workloads, timed the numpy way.

Each workload is the step the numpy tutorial writes (forward ``x @ W + b``, mean squared
error, backward ``dW = x.T @ dy``, ``db = dy.sum(0)``, ``dz = dy @ W.T``, SGD), with the
shapes and learning rates of the JMH benchmarks, measured with 1 and with 2 BLAS threads.

Output (``--out FILE``): one line per measurement, tab-separated
``workload, variant, threads, seconds per step, note``, and ``#`` lines describing numpy.
Without numpy it writes a ``#`` line saying so and exits 0, so benchmarks/run.sh goes on.

Run it as benchmarks/run.sh does, with OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset for this
command alone (this machine sets them for older OpenBLAS builds; they slow a current one).
"""
import argparse
import ctypes
import os
import statistics
import sys
import time


def openblas():
    """Returns (set_threads, get_threads, corename) from the OpenBLAS numpy loaded, or Nones."""
    try:
        with open("/proc/self/maps") as maps:
            paths = {line.split()[-1] for line in maps if "openblas" in line.lower()}
    except OSError:
        return None, None, None
    for path in sorted(paths):
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            continue
        for prefix in ("scipy_openblas_", "openblas_"):
            for suffix in ("64_", "_64_", ""):
                try:
                    set_t = getattr(lib, prefix + "set_num_threads" + suffix)
                    get_t = getattr(lib, prefix + "get_num_threads" + suffix)
                except AttributeError:
                    continue
                core = None
                try:
                    core_f = getattr(lib, prefix + "get_corename" + suffix)
                    core_f.restype = ctypes.c_char_p
                    core = core_f().decode()
                except AttributeError:
                    pass
                return set_t, get_t, core
    return None, None, None


def seconds_per_step(step, steps, repeats):
    """Median over repeats of the mean time of one step, after one warm-up repeat."""
    step_loop(step, max(1, steps // 4))
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        step_loop(step, steps)
        times.append((time.perf_counter() - start) / steps)
    return statistics.median(times)


def step_loop(step, steps):
    # Keep each step's result until the next one is made, as a training loop does: freed at
    # once, numpy's 400 KB temporaries went back to the operating system and were faulted in
    # again every step (measured: 19 ms a 784->256 step instead of 1.8 ms).
    last = None
    for i in range(steps):
        last = step(i)
    return last


def seed_data(np):
    rng = np.random.default_rng(0)
    true_w = np.array([[3.0, 7.0, 4.0], [5.0, 2.0, 6.0]])
    true_b = np.array([2.0, 9.0, 3.0])
    x_data = rng.integers(0, 10, 1000).reshape(500, 2).astype(np.float64)
    y_data = x_data @ true_w + true_b
    return rng, x_data, y_data, true_w, true_b


def seed_step(np):
    """The tutorial's step on batches of 2 from its 500-row data set (numpy slices, no copy)."""
    rng, x_data, y_data, _, _ = seed_data(np)
    w = rng.standard_normal((2, 3))
    b = np.zeros(3)
    starts = rng.integers(0, 499, 4096)
    lr = 0.01

    def step(i):
        nonlocal w, b
        idx = starts[i & 4095]
        x = x_data[idx:idx + 2]
        t = y_data[idx:idx + 2]
        y = np.dot(x, w) + b
        loss = np.mean(np.sum(np.square(y - t), axis=-1))
        dy = y - t
        n = x.shape[0]
        dz = np.dot(dy, w.T)
        dw = np.dot(x.T, dy)
        db = np.sum(dy, axis=0)
        w -= lr * dw / n
        b -= lr * db / n
        return loss, dz

    return step


def dense_step(np, inputs, outputs, batch):
    """A dense layer on one fixed batch, the JMH benchmark's shapes and learning rate 1e-4."""
    rng = np.random.default_rng(1)
    w = rng.standard_normal((inputs, outputs)) / np.sqrt(inputs)
    b = np.zeros(outputs)
    x = rng.standard_normal((batch, inputs))
    t = rng.standard_normal((batch, outputs))
    lr = 1e-4

    def step(_):
        nonlocal w, b
        y = x @ w + b
        d = y - t
        loss = 0.5 * np.sum(d * d) / batch
        dy = d / batch
        dw = x.T @ dy
        db = dy.sum(axis=0)
        dz = dy @ w.T
        w -= lr * dw
        b -= lr * db
        return loss, dz

    return step


def seed_run(np):
    """The tutorial's whole run (its own data, seed 0), with nn4j's confirmation on the
    training set; returns (seconds, steps)."""
    _, x_data, y_data, true_w, true_b = seed_data(np)
    rng = np.random.default_rng(0)
    w = rng.standard_normal((2, 3))
    b = np.zeros(3)
    lr = 0.01
    steps = 0
    start = time.perf_counter()
    while steps < 200_000:
        idx = rng.integers(500)
        x = x_data[idx:idx + 2]
        t = y_data[idx:idx + 2]
        y = np.dot(x, w) + b
        loss = np.mean(np.sum(np.square(y - t), axis=-1))
        dy = y - t
        n = x.shape[0]
        w -= lr * np.dot(x.T, dy) / n
        b -= lr * np.sum(dy, axis=0) / n
        steps += 1
        if loss < 1e-15:
            full = np.mean(np.sum(np.square(x_data @ w + b - y_data), axis=-1))
            if full < 1e-15:
                break
    seconds = time.perf_counter() - start
    assert np.allclose(w, true_w) and np.allclose(b, true_b), (w, b)
    return seconds, steps


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="fewer repeats")
    parser.add_argument("--out", required=True, help="file to write")
    args = parser.parse_args()
    lines = []
    try:
        import numpy as np
    except ImportError as e:
        msg = "numpy not available (%s): numpy reference skipped" % e
        print(msg, file=sys.stderr)
        with open(args.out, "w") as f:
            f.write("# " + msg + "\n")
        return 0

    set_threads, get_threads, core = openblas()
    coretype = os.environ.get("OPENBLAS_CORETYPE")
    lines.append("# numpy %s on Python %s; BLAS: %s; OpenBLAS kernel: %s; default BLAS threads: %s;"
                 " OPENBLAS_CORETYPE %s" % (
                     np.__version__, sys.version.split()[0], blas_name(np), core or "unknown",
                     get_threads() if get_threads else "unknown",
                     "unset" if coretype is None else "= " + coretype + " (slows numpy)"))
    if set_threads is None:
        lines.append("# could not reach OpenBLAS to set its threads: both rows use numpy's default")
    quick = args.quick
    for threads in (1, 2):
        if set_threads:
            set_threads(threads)
        actual = get_threads() if get_threads else threads
        variant = "numpy, %d BLAS thread%s" % (actual, "" if actual == 1 else "s")
        measurements = [
            ("seed-step", seed_step(np), 20_000 if quick else 50_000, 3 if quick else 7),
            ("dense-784", dense_step(np, 784, 256, 64), 100 if quick else 400, 3 if quick else 7),
            ("gemm-2048", dense_step(np, 2048, 2048, 2048), 1 if quick else 2, 2 if quick else 5),
        ]
        for workload, step, steps, repeats in measurements:
            s = seconds_per_step(step, steps, repeats)
            lines.append("%s\t%s\t%d\t%.6e\t" % (workload, variant, actual, s))
            print("numpy %-10s %d thread(s): %.3e s per step" % (workload, actual, s),
                  file=sys.stderr)
        runs = [seed_run(np) for _ in range(1 if quick else 3)]
        best = min(runs)
        lines.append("seed-run\t%s\t%d\t%.6e\tthe tutorial's own data, seed 0: %d steps, %.1f µs"
                     " a step" % (variant, actual, best[0], best[1], 1e6 * best[0] / best[1]))
    with open(args.out, "w") as f:
        f.write("\n".join(lines) + "\n")
    return 0


def blas_name(np):
    try:
        blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
        return "%s %s" % (blas.get("name"), blas.get("version"))
    except Exception:  # older numpy: no dict form
        return "unknown"


if __name__ == "__main__":
    sys.exit(main())
