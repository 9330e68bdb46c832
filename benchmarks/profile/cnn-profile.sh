#!/usr/bin/env bash
# Where a CNN epoch's time goes (issue 18): trains the default CNN (./nn4j fashion-mnist --model
# cnn) under Java Flight Recorder's sampling profiler and prints the share of CPU samples by
# the kernel they were in (the top frame, grouped: matrix products, im2col/col2im, pooling,
# activations, ...), training and evaluation together, every thread (EJML's products run on
# its fork-join workers). Native code (ND4J's OpenBLAS) is sampled separately by JFR and
# shown as its own lines.
#
#   benchmarks/profile/cnn-profile.sh [BACKEND] [LIMIT]     # default ejml, 6000 images, 1 epoch
#
# Prints the table and keeps the recording in OUT (default a temporary directory).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
backend="${1:-ejml}"
limit="${2:-6000}"
out="${OUT:-$(mktemp -d)}"
case "$limit" in ''|*[!0-9]*) echo "cnn-profile.sh: LIMIT must be a whole number, got '$limit'" >&2; exit 2 ;; esac
command -v jfr >/dev/null || { echo "cnn-profile.sh: the JDK's jfr tool is not on PATH" >&2; exit 2; }
rec="$out/cnn-$backend.jfr"
NN4J_JAVA_OPTS="-XX:StartFlightRecording=filename=$rec,settings=profile" \
  "$here/nn4j" fashion-mnist --model cnn --backend "$backend" --limit "$limit" --epochs 1 \
  --no-progress > "$out/run.txt" 2> "$out/run.err"
jfr print --stack-depth 64 --events jdk.ExecutionSample,jdk.NativeMethodSample "$rec" > "$out/samples.txt"
echo "backend $backend, 1 epoch of $limit training images and the 10,000 test images; $(grep -c 'Sample {' "$out/samples.txt") samples; recording $rec"
python3 "$here/benchmarks/profile/profile_report.py" "$out/samples.txt"
