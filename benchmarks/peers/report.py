#!/usr/bin/env python3
"""Reads the results of one benchmarks/peers/run.sh session (a directory) and prints the table.

Files the driver writes there: epoch/<config>.<round>.json (one training run's JSON, from
nn4j's --json or a peer script with the same keys), epoch/<config>.<round>.meta (label,
command, exit status, load average before and after), gemm/<source>.jsonl (one GEMM
measurement per line), session.meta.

Seconds per epoch are the training part only (batches and updates, no evaluation) of every
epoch but the first of each run (the warm-up); "GFLOP/s" is the training products' FLOP
(peers_common.epoch_flop, scaled to the run's train_examples) over the median of those
seconds; "× at peak" divides that median by the time the same FLOP take at the session's
best GEMM rate of the precision (the better of the large square product and the MLP step's
8 products, over every library measured).
    python3 benchmarks/peers/report.py benchmarks/peers/results/LATEST
"""
import glob
import json
import os
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import peers_common  # noqa: E402


def read_meta(path):
    meta = {}
    with open(path) as f:
        for line in f:
            key, _, value = line.rstrip("\n").partition("=")
            meta[key] = value
    return meta


def session_runs(directory):
    """(configuration id, meta, parsed JSON or None) of every run of a session."""
    rows = []
    for meta_path in sorted(glob.glob(os.path.join(directory, "epoch", "*.meta"))):
        meta = read_meta(meta_path)
        config = os.path.basename(meta_path).rsplit(".", 2)[0]
        json_path = meta_path[:-len(".meta")] + ".json"
        result = None
        if meta.get("status") == "0" and os.path.exists(json_path):
            with open(json_path) as f:
                text = f.read().strip()
            try:
                result = json.loads(text) if text else None
            except json.JSONDecodeError:
                result = None
        rows.append((config, meta, result))
    return rows


def gemm_rows(directory):
    rows = []
    for path in sorted(glob.glob(os.path.join(directory, "gemm", "*.jsonl"))):
        with open(path) as f:
            for line in f:
                line = line.strip()
                if line.startswith("{"):
                    rows.append(json.loads(line))
    for r in rows:
        r.update(peers_common.rates(r["products"]))
    return rows


def fmt_range(values, digits=2):
    if not values:
        return "–"
    lo, hi = min(values), max(values)
    return f"{lo:.{digits}f}" if round(lo, digits) == round(hi, digits) else f"{lo:.{digits}f}–{hi:.{digits}f}"


def targets(medians, peaks):
    """Issue 20's targets from this session's medians, where the runs needed are there."""
    def best(prefix, precision):
        found = [(m, c) for c, (_, p, m, _, _) in medians.items() if c.startswith(prefix) and p == precision]
        return min(found) if found else None
    lines = []
    nn4j32, nn4j64 = best("nn4j-", "f32"), best("nn4j-", "f64")
    if nn4j32 and nn4j64:
        lines.append(f"nn4j's best f32 epoch ÷ its best f64 epoch (target ≤ 0.55): {nn4j32[0]:.2f} s ({nn4j32[1]}) ÷ "
                     f"{nn4j64[0]:.2f} s ({nn4j64[1]}) = {nn4j32[0] / nn4j64[0]:.2f}")
    peers = [x for x in (best("numpy-", "f32"), best("numpy-", "f64"), best("torch-", "f32"), best("torch-", "f64")) if x]
    if nn4j32 and peers:
        fastest = min(peers)
        lines.append(f"nn4j's best f32 epoch ÷ the fastest of numpy and PyTorch in either precision (target < 1): "
                     f"{nn4j32[0]:.2f} s ÷ {fastest[0]:.2f} s ({fastest[1]}) = {nn4j32[0] / fastest[0]:.2f}")
    if nn4j32 and "f32" in peaks:
        at_peak = medians[nn4j32[1]][4] / peaks["f32"][0] / 1e9
        lines.append(f"nn4j's best f32 epoch ÷ its training arithmetic at the SGEMM peak (target ≤ 2): "
                     f"{nn4j32[0]:.2f} s ÷ {at_peak:.3f} s = {nn4j32[0] / at_peak:.1f}")
    for c, (label, p, _, accuracy, _) in medians.items():
        twin = c[:-3] + "f64"
        if p == "f32" and twin in medians:
            target = " (target within ±0.003)" if c.startswith("nn4j-") else " (a peer: no target)"
            lines.append(f"{label}: mean test accuracy f32 − f64{target}: "
                         f"{accuracy:.4f} − {medians[twin][3]:.4f} = {accuracy - medians[twin][3]:+.4f}")
    if lines:
        print("\n## Issue 20's targets, from this session\n")
        for line in lines:
            print(f"- {line}")


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: report.py RESULTS_DIRECTORY (written by benchmarks/peers/run.sh)")
    directory = sys.argv[1]
    session = read_meta(os.path.join(directory, "session.meta")) \
        if os.path.exists(os.path.join(directory, "session.meta")) else {}
    flop = peers_common.epoch_flop()
    gemm = gemm_rows(directory)
    # The peak of a precision: the best of the square product's rate and the MLP step's rate
    # (its 8 products' FLOP over their summed best times) over every library measured.
    peaks = {}
    for r in gemm:
        for rate, what in ((r["square_gflops"], f"{r['square_size']}³"), (r["mlp_step_gflops"], "MLP step")):
            if rate and rate > peaks.get(r["precision"], (0, ""))[0]:
                peaks[r["precision"]] = (rate, f"{r['implementation']}, {what}")

    print(f"# Peers on Fashion-MNIST, {session.get('date', '?')}\n")
    for key in ("command", "machine", "load"):
        if key in session:
            print(f"- {key}: {session[key]}")
    print(f"- arithmetic of an epoch (matrix products only, a multiply-add = 2 FLOP): "
          f"{flop['training'] / 1e9:.2f} GFLOP training ({flop['per_train_example']:,} a training example: "
          f"forward, weight gradients, input gradients of every layer but the first) + "
          f"{flop['evaluation'] / 1e9:.2f} GFLOP test evaluation ({flop['per_test_example']:,} a test example) "
          f"= {flop['total'] / 1e9:.2f} GFLOP")
    for precision, name in (("f32", "SGEMM"), ("f64", "DGEMM")):
        if precision in peaks:
            rate, source = peaks[precision]
            print(f"- measured {name} peak: {rate:.1f} GFLOP/s ({source}); the training products at that rate: "
                  f"{flop['training'] / rate / 1e9:.3f} s, the whole epoch's arithmetic {flop['total'] / rate / 1e9:.3f} s")
    print()

    rows = session_runs(directory)

    configs = [c for c in session.get("order", "").split() if any(c == r[0] for r in rows)]
    for config, meta, _ in rows:
        if config not in configs:
            configs.append(config)
    medians = {}
    print("| implementation | precision | BLAS | s/epoch min–max (median) | test accuracy | GFLOP/s achieved | ÷ arithmetic at peak | runs |")
    print("|---|---|---|---|---|---:|---:|---|")
    notes = []
    for config in configs:
        runs = [(m, r) for c, m, r in rows if c == config]
        meta = runs[0][0]
        good = [(m, r) for m, r in runs if r is not None]
        precision = meta.get("precision", "?")
        label = meta.get("label", config)
        if not good:
            why = meta.get("skip") or next((m.get("error") for m, _ in runs if m.get("error")), None) \
                or ("no result: still running or interrupted" if all("status" not in m for m, _ in runs)
                    else "failed")
            print(f"| {label} | {precision} | – | not run: {why} | | | | 0 of {len(runs)} |")
            continue
        seconds = [s for _, r in good for s in r["seconds_per_epoch"][1:]]
        accuracy = [r["test_accuracy"] for _, r in good]
        blas = good[0][1].get("blas") or meta.get("blas", "?")
        examples = good[0][1].get("train_examples", peers_common.TRAIN_EXAMPLES)
        training_flop = flop["per_train_example"] * examples
        if seconds:
            median = statistics.median(seconds)
            medians[config] = (label, precision, median, statistics.mean(accuracy), training_flop)
            rate = training_flop / median / 1e9
            at_peak = median / (training_flop / peaks[precision][0] / 1e9) if precision in peaks else None
            timing = f"{fmt_range(seconds)} ({median:.2f})"
            rate_text = f"{rate:.1f}"
            peak_text = f"{at_peak:.1f}×" if at_peak else "–"
        else:
            timing, rate_text, peak_text = "no epoch after the warm-up", "–", "–"
        failed = len(runs) - len(good)
        print(f"| {label} | {precision} | {blas} | {timing} | {fmt_range(accuracy, 4)} | {rate_text} | {peak_text} "
              f"| {len(good)} of {len(runs)}{', ' + str(examples) + ' examples' if examples != peers_common.TRAIN_EXAMPLES else ''} |")
        if failed:
            notes.append(f"{label}, {precision}: {failed} run(s) failed: "
                         + "; ".join(m.get("error", "?") for m, r in runs if r is None))
    for note in notes:
        print(f"\n- {note}")
    targets(medians, peaks)

    if gemm:
        print("\n## GEMM, best call of each product (GFLOP/s)\n")
        print("| library | precision | BLAS | MLP step (8 products, batch 128) | test forward 10000×784·784×256 | square |")
        print("|---|---|---|---:|---:|---:|")
        for r in gemm:
            test = next((p["gflops"] for p in r["products"] if p["product"].startswith("test forward 784")), None)
            print(f"| {r['implementation']} | {r['precision']} | {r.get('blas', '?')} "
                  f"| {r['mlp_step_gflops']:.1f} | {test:.1f} | {r['square_gflops']:.1f} ({r['square_size']}³) |"
                  if test and r["square_gflops"] else f"| {r['implementation']} | {r['precision']} | | | | |")


if __name__ == "__main__":
    main()
