#!/usr/bin/env python3
"""Reads one `benchmarks/peers/run.sh --model cnn` session (a directory) and prints the table.

Seconds per epoch are the training part only (batches and updates, no evaluation) of every
epoch but the first of each run (the warm-up). "GFLOP/s" is the training products' arithmetic
(cnn_common.training_macs of the session's architecture, 2 FLOP a multiply-add, times the run's
training examples) over the median of those seconds; "÷ PyTorch f64" divides a median by
PyTorch's float64 median of the same session (the issue's target: nn4j's best backend ≤ 1).
    python3 benchmarks/peers/cnn/report.py benchmarks/peers/results/LATEST
"""
import os
import statistics
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
sys.path.insert(0, os.path.dirname(here))
import cnn_common  # noqa: E402
from report import fmt_range, read_meta, session_runs  # noqa: E402  (benchmarks/peers/report.py)


def main():
    if len(sys.argv) != 2 or not os.path.isdir(sys.argv[1]):
        sys.exit("usage: report.py RESULTS_DIRECTORY (written by benchmarks/peers/run.sh --model cnn)")
    directory = sys.argv[1]
    session_path = os.path.join(directory, "session.meta")
    session = read_meta(session_path) if os.path.exists(session_path) else {}
    spec = session.get("model", "cnn A").split(" ", 1)[-1]
    macs, params = cnn_common.cost(spec)
    per_example = 2 * cnn_common.training_macs(spec)

    print(f"# CNN peers on Fashion-MNIST, {session.get('date', '?')}\n")
    for key in ("command", "machine", "load"):
        if key in session:
            print(f"- {key}: {session[key]}")
    print(f"- network: {cnn_common.describe(spec)} ({spec}): {macs:,} multiply-adds a forward image, "
          f"{params:,} parameters; a training example's products {per_example / 1e6:.2f} MFLOP\n")

    rows = session_runs(directory)
    configs = [c for c in session.get("order", "").split() if any(c == r[0] for r in rows)]
    configs += [c for c, _, _ in rows if c not in configs]
    medians, lines, notes = {}, [], []
    for config in configs:
        mine = [(m, r) for c, m, r in rows if c == config]
        meta = mine[0][0]
        good = [(m, r) for m, r in mine if r is not None]
        precision, label = meta.get("precision", "?"), meta.get("label", config)
        if not good:
            why = meta.get("skip") or next((m.get("error") for m, _ in mine if m.get("error")), None) \
                or ("no result: still running or interrupted" if all("status" not in m for m, _ in mine)
                    else "failed")
            lines.append((config, f"| {label} | {precision} | – | not run: {why} | | | | 0 of {len(mine)} |"))
            continue
        for _, r in good:
            if r.get("architecture") and r["architecture"] != spec:
                notes.append(f"{label}: trained {r['architecture']}, not the session's {spec}")
        seconds = [s for _, r in good for s in r["seconds_per_epoch"][1:]]
        accuracy = [r["test_accuracy"] for _, r in good]
        blas = good[0][1].get("blas") or meta.get("blas", "?")
        examples = good[0][1].get("train_examples", 60000)
        if seconds:
            median = statistics.median(seconds)
            medians[config] = median
            timing = f"{fmt_range(seconds)} ({median:.2f})"
            rate = f"{per_example * examples / median / 1e9:.1f}"
        else:
            median, timing, rate = None, "no epoch after the warm-up", "–"
        lines.append((config, f"| {label} | {precision} | {blas} | {timing} | {fmt_range(accuracy, 4)} | {rate} "
                              f"| RATIO | {len(good)} of {len(mine)}"
                              f"{', ' + str(examples) + ' examples' if examples != 60000 else ''} |"))
    reference = medians.get("torch-f64")
    print("| implementation | precision | BLAS | s/epoch min–max (median) | test accuracy | GFLOP/s | ÷ PyTorch f64 | runs |")
    print("|---|---|---|---|---|---:|---:|---|")
    for config, line in lines:
        ratio = f"{medians[config] / reference:.2f}" if reference and config in medians else "–"
        print(line.replace("| RATIO |", f"| {ratio} |"))
    for note in notes:
        print(f"\n- {note}")


if __name__ == "__main__":
    main()
