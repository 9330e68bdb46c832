#!/usr/bin/env bash
# Fashion-MNIST CNN epoch of nn4j and its peers (PyTorch, numpy im2col, DL4J ConvolutionLayer)
# in float32 and float64, alternated in one session: benchmarks/peers/run.sh --model cnn.
#
#   benchmarks/peers/cnn/run.sh                     # network A, 3 epochs a run (the first a warm-up), 2 rounds
#   benchmarks/peers/cnn/run.sh --epochs 2 --repeats 1 --limit 2560 --only 'torch|numpy'   # a smoke test
#
# Every option of benchmarks/peers/run.sh (--arch SPEC, --epochs, --repeats, --limit, --only,
# --list, --out); the table comes from benchmarks/peers/cnn/report.py.
exec "$(dirname "$0")/../run.sh" --model cnn "$@"
