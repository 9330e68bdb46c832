#!/usr/bin/env bash
# Architecture search for nn4j's default CNN (issue 18): trains each candidate of
# cnn_common.ARCHITECTURES with PyTorch on the full Fashion-MNIST, Adam 1e-3 decayed 0.9 per
# epoch, batch 128, and keeps one JSON line per candidate (test accuracy after every epoch).
#
#   benchmarks/peers/cnn/search.sh [--epochs 5] [--dtype f32] [--seed 0] [--threads 2] [--out DIR] [NAME...]
#
# On a busy machine two searches of one thread each (different NAMEs, the same --out) use the
# same share of it as one of two threads, with less waiting for a descheduled thread.
#
# Default candidates: C E F A D G B (cheapest first). Summarise with
#   python3 benchmarks/peers/cnn/search_report.py DIR
set -uo pipefail
cd "$(dirname "$0")/../../.."
epochs=5 dtype=f32 seed=0 threads=2 out=''
names=()
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs) epochs=$2; shift ;;
    --dtype) dtype=$2; shift ;;
    --seed) seed=$2; shift ;;
    --threads) threads=$2; shift ;;
    --out) out=$2; shift ;;
    -h|--help) sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    -*) echo "search.sh: unknown option $1" >&2; exit 2 ;;
    *) names+=("$1") ;;
  esac
  shift
done
[ ${#names[@]} -gt 0 ] || names=(C E F A D G B)
out=${out:-benchmarks/peers/cnn/results/search-$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out"
for name in "${names[@]}"; do
  echo "== $name (load $(cut -d' ' -f1-3 /proc/loadavg))" >&2
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 benchmarks/peers/cnn/fashion_mnist_cnn_torch.py \
    --arch "$name" --dtype "$dtype" --epochs "$epochs" --seed "$seed" --threads "$threads" \
    > "$out/$name.$dtype.seed$seed.log" 2>&1
  echo "   $(tail -1 "$out/$name.$dtype.seed$seed.log" | cut -c1-200)" >&2
done
echo "== results in $out" >&2
