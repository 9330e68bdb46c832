#!/usr/bin/env bash
# The default CNN's test accuracy on every backend (issue 18): ./nn4j fashion-mnist --model cnn
# --backend B --json, full epochs on the full data, seed 0. The target: at least 0.92 on each
# backend, and the backends within 0.3 points of each other. Not in CI (the pure-Java
# backends take many minutes an epoch); CI runs the short version, cli's CnnCommandTest.
#
#   benchmarks/cnn-accuracy.sh                      # ejml, commons and nd4j, default epochs
#   BACKENDS="nd4j ejml" EPOCHS=8 SEED=0 benchmarks/cnn-accuracy.sh
#   DATA=trainer/src/test/resources/org/nn4j/trainer/data/fashion-mnist-subset ...
#   JOBS=2 benchmarks/cnn-accuracy.sh               # two backends at a time (each run is
#                                                   # mostly one thread; default 1)
#
# Prints one line per backend, then the largest difference and PASS or FAIL; exits 1 on
# FAIL, 2 when nothing ran. The JSON of each run stays in OUT (default: a temporary directory).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
backends="${BACKENDS:-ejml commons nd4j}"
seed="${SEED:-0}"
floor="${FLOOR:-0.92}"
bound="${BOUND:-0.003}"
data="${DATA:-/usr/share/datasets/fashion-mnist}"
out="${OUT:-$(mktemp -d)}"
nn4j="$here/nn4j"
epochs=()
if [ -n "${EPOCHS:-}" ]; then
  epochs=(--epochs "$EPOCHS")
fi

jobs="${JOBS:-1}"
case "$jobs" in ''|*[!0-9]*|0) echo "cnn-accuracy.sh: JOBS must be a positive number, got '$jobs'" >&2; exit 2 ;; esac

# Builds the command line once, before any run (two launchers building at once would race).
"$nn4j" --version > /dev/null

echo "backend test_accuracy test_loss epochs seconds (JSON in $out)"
run() {
  local b=$1 status=0
  "$nn4j" fashion-mnist --model cnn --backend "$b" --seed "$seed" "${epochs[@]}" \
      --data "$data" --no-progress --json > "$out/$b.json" 2> "$out/$b.err" || status=$?
  echo "$status" > "$out/$b.status"
}
pids=()
for b in $backends; do
  while [ "$(jobs -rp | wc -l)" -ge "$jobs" ]; do
    wait -n || true
  done
  run "$b" &
  pids+=($!)
done
wait "${pids[@]}" || true

ran=()
for b in $backends; do
  f="$out/$b.json"
  status=$(cat "$out/$b.status")
  if [ "$status" -gt 1 ]; then
    echo "$b: nn4j exited with status $status ($(tail -1 "$out/$b.err"))" >&2
    continue
  fi
  python3 -c '
import json, sys
d = json.load(open(sys.argv[1]))
print(d["backend"], "%.4f" % d["test_accuracy"], "%.4f" % d["test_loss"],
      d["epochs_completed"], "%.0f" % d["seconds"])' "$f"
  ran+=("$b")
done
if [ "${#ran[@]}" -eq 0 ]; then
  echo "no backend ran" >&2
  exit 2
fi

python3 - "$out" "$floor" "$bound" "${ran[@]}" <<'PY'
import json, sys, os
out, floor, bound, backends = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), sys.argv[4:]
acc = {b: json.load(open(os.path.join(out, b + ".json")))["test_accuracy"] for b in backends}
low = [b for b in backends if acc[b] < floor]
spread = max(acc.values()) - min(acc.values())
ok = not low and spread <= bound
print("lowest %.4f (%s), largest difference %.2f points: %s (floor %.2f, bound %.2f points)"
      % (min(acc.values()), min(acc, key=acc.get), 100 * spread, "PASS" if ok else "FAIL",
         floor, 100 * bound))
sys.exit(0 if ok else 1)
PY
