#!/usr/bin/env bash
# Whole-run epoch benchmark: `./nn4j fashion-mnist` (784-256-128-10, Adam, batch 128) on each
# backend and precision, runs alternated, seconds per epoch (epochs 2..N; epoch 1 warms up the
# JIT) and the training arithmetic's GFLOP/s, plus the test accuracy.
#
#   benchmarks/epochs.sh [--epochs N] [--rounds R] [CONFIG...]
#
# CONFIG is BACKEND:PRECISION, for example nd4j:f32; BACKEND "default" runs without --backend
# (the workload rule chooses), PRECISION f64 runs without --precision. Default configs:
# default:f64 ejml:f64 nd4j:f64 ejml:f32 nd4j:f32. Each config runs R rounds (default 2) of N
# epochs (default 3), configs alternating within a round. Output: one Markdown table on stdout,
# the JSON of every run in benchmarks/target/epochs/.
#
# An epoch trains on 60,000 examples: 468 batches of 128 and one of 96, each a forward pass
# (2·Σ in·out per example), weight gradients (the same) and input gradients of every layer but
# the first, so 60,000 · 2 · (3·234,752 − 784·256) = 60.43 GFLOP, not counting the test
# evaluation, which "seconds_per_epoch" leaves out.
set -euo pipefail
cd "$(dirname "$0")/.."
epochs=3
rounds=2
configs=()
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    *) configs+=("$1"); shift ;;
  esac
done
[ ${#configs[@]} -gt 0 ] || configs=(default:f64 ejml:f64 nd4j:f64 ejml:f32 nd4j:f32)
out=benchmarks/target/epochs
mkdir -p "$out"
gflop=60.43
for round in $(seq 1 "$rounds"); do
  for config in "${configs[@]}"; do
    backend="${config%%:*}"
    precision="${config##*:}"
    args=(fashion-mnist --epochs "$epochs" --json)
    [ "$backend" = default ] || args+=(--backend "$backend")
    [ "$precision" = f64 ] || args+=(--precision "$precision")
    echo "== round $round: ./nn4j ${args[*]}" >&2
    ./nn4j "${args[@]}" > "$out/$backend-$precision-$round.json"
  done
done
python3 - "$out" "$gflop" "${configs[@]}" <<'PY'
import glob, json, sys
out, gflop, configs = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
print("| backend | precision | chosen backend (basis) | s/epoch (epochs 2+, every round) | best GFLOP/s | test accuracy |")
print("|---|---|---|---|---|---|")
for config in configs:
    backend, precision = config.split(":")
    runs = [json.load(open(f)) for f in sorted(glob.glob(f"{out}/{backend}-{precision}-*.json"))]
    seconds = [s for r in runs for s in r["seconds_per_epoch"][1:]]
    chosen = ", ".join(sorted({f'{r["backend"]} ({r.get("backend_basis", "?")})' for r in runs}))
    accuracy = ", ".join(f'{r["test_accuracy"]:.4f}' for r in runs)
    print(f"| {backend} | {precision} | {chosen} | {min(seconds):.2f}-{max(seconds):.2f} | "
          f"{gflop / min(seconds):.1f} | {accuracy} |")
PY
