"""Shared by the peer benchmarks: the MLP's products and their FLOP count, and which BLAS a
process has loaded.

Arithmetic is counted as the matrix products only, a multiply-add as 2 FLOP; the bias
additions, ReLU, softmax and Adam (a few FLOP per parameter or activation, memory-bound) are
not counted. For one training example of a 784-256-128-10 network: the forward products
(2·Σ fan_in·fan_out), the weight gradients (the same again) and the input gradients of every
layer but the first (nothing needs the gradient of the images); for a test example the forward
products only. The counts do not depend on the batch size (the short last batch included).
"""
import ctypes
import os

LAYERS = (784, 256, 128, 10)
TRAIN_EXAMPLES = 60000
TEST_EXAMPLES = 10000
BATCH = 128


def products(layers=LAYERS, batch=BATCH):
    """The products of one training step as (name, m, k, n, trans_a, trans_b):
    C[m×n] = op(A)·op(B) with op(A) m×k, op(B) k×n, as a BLAS gemm call sees them (the
    weight gradient xᵀ·dy transposes A, the input gradient dy·Wᵀ transposes B)."""
    pairs = list(zip(layers[:-1], layers[1:]))
    out = []
    for fan_in, fan_out in pairs:
        out.append((f"forward {fan_in}->{fan_out}", batch, fan_in, fan_out, False, False))
    for i, (fan_in, fan_out) in reversed(list(enumerate(pairs))):
        out.append((f"weight gradient {fan_in}x{fan_out}", fan_in, batch, fan_out, True, False))
        if i > 0:
            out.append((f"input gradient {fan_out}->{fan_in}", batch, fan_out, fan_in, False, True))
    return out


def evaluation_products(layers=LAYERS, examples=TEST_EXAMPLES):
    """The test evaluation's forward products, the whole test set in one batch."""
    return [(f"test forward {a}->{b}", examples, a, b, False, False)
            for a, b in zip(layers[:-1], layers[1:])]


def epoch_flop(layers=LAYERS, train=TRAIN_EXAMPLES, test=TEST_EXAMPLES):
    """FLOP of one epoch's products: training, test evaluation and their sum."""
    # With a batch of one every product's FLOP is per example: the batch is m (forward,
    # input gradient) or k (weight gradient) of each.
    per_train_example = sum(2 * m * k * n for _, m, k, n, _, _ in products(layers, 1))
    per_test_example = sum(2 * a * b for a, b in zip(layers[:-1], layers[1:]))
    training = per_train_example * train
    evaluation = per_test_example * test
    return {"training": training, "evaluation": evaluation, "total": training + evaluation,
            "per_train_example": per_train_example, "per_test_example": per_test_example}


def loaded_blas():
    """The BLAS libraries this process has mapped, each with what OpenBLAS says of itself."""
    with open("/proc/self/maps") as maps:
        paths = sorted({line.split()[-1] for line in maps
                        if "/" in line and ("blas" in line.lower() or "mkl" in line.lower())})
    found = []
    for path in paths:
        entry = {"path": os.path.realpath(path)}
        try:
            lib = ctypes.CDLL(path)
        except OSError:
            found.append(entry)
            continue
        # OpenBLAS's own names, with the prefix and suffix of numpy's scipy-openblas build.
        for prefix, suffix in (("", ""), ("", "64_"), ("scipy_", "64_"), ("scipy_", "")):
            config = getattr(lib, f"{prefix}openblas_get_config{suffix}", None)
            if config is None:
                continue
            config.restype = ctypes.c_char_p
            entry["openblas_config"] = config().decode().strip()
            corename = getattr(lib, f"{prefix}openblas_get_corename{suffix}", None)
            if corename is not None:
                corename.restype = ctypes.c_char_p
                entry["openblas_core"] = corename().decode()
            threads = getattr(lib, f"{prefix}openblas_get_num_threads{suffix}", None)
            if threads is not None:
                entry["openblas_threads"] = threads()
            break
        found.append(entry)
    return found


def describe_blas(found):
    """One short phrase for a table: 'OpenBLAS 0.3.21 (SkylakeX kernels, 2 threads)'."""
    parts = []
    for entry in found:
        config = entry.get("openblas_config")
        if config:
            words = config.split()
            version = words[1] if len(words) > 1 and words[0] == "OpenBLAS" else config
            threads = entry.get("openblas_threads", "?")
            parts.append(f"OpenBLAS {version} ({entry.get('openblas_core', '?')} kernels, "
                         f"{threads} thread{'' if threads == 1 else 's'})")
        elif "libblas" in entry["path"] and "openblas" not in entry["path"]:
            parts.append("reference BLAS " + entry["path"])
    return "; ".join(dict.fromkeys(parts)) or "unknown"


def rates(rows):
    """From one library's measured products (dicts with product, m, k, n, seconds, gflops):
    the MLP step's rate (its training products' FLOP over the sum of their best times), the
    square product's rate and size (None where not measured)."""
    step = [r for r in rows if not r["product"].startswith(("test", "square"))]
    square = next((r for r in rows if r["product"].startswith("square")), None)
    return {"mlp_step_gflops": sum(2 * r["m"] * r["k"] * r["n"] for r in step)
            / sum(r["seconds"] for r in step) / 1e9 if step else None,
            "square_gflops": square["gflops"] if square else None,
            "square_size": square["m"] if square else None}


def gemm_arguments(square):
    """The products as GemmPeak (benchmarks/peers/dl4j) takes them: LABEL=m,k,n,N|T,N|T."""
    every = products() + evaluation_products() + [(f"square {square}", square, square, square, False, False)]
    return [f"{label}={m},{k},{n},{'T' if ta else 'N'},{'T' if tb else 'N'}" for label, m, k, n, ta, tb in every]


if __name__ == "__main__":
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == "--gemm-arguments":
        print("\n".join(gemm_arguments(int(sys.argv[2]))))
    else:
        sys.exit("usage: peers_common.py --gemm-arguments SQUARE")
