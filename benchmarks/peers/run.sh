#!/usr/bin/env bash
# Fashion-MNIST MLP epoch of nn4j and its peers (numpy, PyTorch, DL4J) in float32 and float64,
# alternated in one session, beside this machine's measured SGEMM and DGEMM peaks.
#
#   benchmarks/peers/run.sh                      # 4 epochs a run (the first is the warm-up), 2 rounds
#   benchmarks/peers/run.sh --epochs 2 --repeats 1 --limit 6000 --gemm-seconds 0.2   # a smoke test
#
# --model cnn runs the convolutional network of issue 18 instead (benchmarks/peers/cnn/: the
# PyTorch, numpy im2col and DL4J ConvolutionLayer peers, and `./nn4j fashion-mnist --model cnn`
# where it exists) on --arch SPEC (default A, cnn_common.py), 3 epochs a run, no GEMM peaks;
# benchmarks/peers/cnn/run.sh is a short name for it. Every CNN run trains batches of
# --batch-size rows (default 64, nn4j's CNN default).
#
# Options: --epochs N (default 4; epoch 1 of every run is left out as warm-up), --repeats R
# (default 2 rounds; each round runs every configuration once, in a rotated order), --limit N
# (train on the first N images; a validation run, not for quoting), --only REGEX (the
# configurations whose id matches, e.g. 'nn4j|numpy'; --list shows the ids), --gemm-seconds S
# (default 1.0 per product), --square N (default 2048), --no-gemm, --out DIR (default
# benchmarks/peers/results/<UTC date>). Prints the table (benchmarks/peers/report.py) and
# keeps every run's JSON and stderr in the output directory.
#
# What each peer uses (docs/performance.md, "Peers"): numpy = python3 on PATH with its own
# OpenBLAS; PyTorch = Debian's python3-torch through /usr/bin/python3 (the only interpreter
# that can import it), its BLAS being whatever libblas.so.3 points at; both with
# OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE unset, so OpenBLAS picks its own kernels. DL4J
# 1.0.0-M2.1 = benchmarks/peers/dl4j (a standalone Maven project, built here), with ND4J's
# OpenBLAS 0.3.19 given the kernels ./nn4j gives it (bin/openblas-coretype.sh). nn4j = ./nn4j.
set -uo pipefail
cd "$(dirname "$0")/../.."
root=$(pwd)
peers=benchmarks/peers

epochs='' repeats=2 limit=0 only='' gemm_seconds=1.0 square=2048 gemm='' out='' list=false model=mlp arch=A batch=64
while [ $# -gt 0 ]; do
  case "$1" in
    --epochs|--repeats|--limit|--only|--gemm-seconds|--square|--out|--model|--arch|--batch-size)
      [ $# -ge 2 ] || { echo "run.sh: $1 needs a value" >&2; exit 2; } ;;
  esac
  case "$1" in
    --epochs) epochs=$2; shift ;;
    --repeats) repeats=$2; shift ;;
    --limit) limit=$2; shift ;;
    --only) only=$2; shift ;;
    --gemm-seconds) gemm_seconds=$2; shift ;;
    --square) square=$2; shift ;;
    --out) out=$2; shift ;;
    --model) model=$2; shift ;;
    --arch) arch=$2; shift ;;
    --batch-size) batch=$2; shift ;;
    --no-gemm) gemm=false ;;
    --list) list=true ;;
    -h|--help) sed -n '2,28p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "run.sh: unknown option $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
case "$model" in
  mlp) epochs=${epochs:-4} gemm=${gemm:-true} ;;
  cnn) epochs=${epochs:-3} gemm=${gemm:-false}
       arch_spec=$(cd "$peers/cnn" && python3 -c 'import sys, cnn_common; s = cnn_common.resolve(sys.argv[1]); cnn_common.cost(s); print(s)' "$arch" 2>&1) \
         || { echo "run.sh: --arch $arch: $(tail -1 <<<"$arch_spec" | sed 's/^ValueError: //') (benchmarks/peers/cnn/cnn_common.py)" >&2; exit 2; } ;;
  *) echo "run.sh: --model $model: expected mlp or cnn" >&2; exit 2 ;;
esac
for n in "$epochs" "$repeats" "$limit" "$square" "$batch"; do
  case "$n" in ''|*[!0-9]*) echo "run.sh: '$n' is not a whole number (--epochs, --repeats, --limit, --square, --batch-size)" >&2; exit 2 ;; esac
done
[ "$batch" -ge 1 ] || { echo "run.sh: --batch-size must be at least 1" >&2; exit 2; }
[ "$epochs" -ge 2 ] || { echo "run.sh: --epochs must be at least 2 (the first is the warm-up)" >&2; exit 2; }
[ "$repeats" -ge 1 ] || { echo "run.sh: --repeats must be at least 1" >&2; exit 2; }

limit_args=()
[ "$limit" -gt 0 ] && limit_args=(--limit "$limit")
python_env=(env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE)
nd4j_coretype=$(. bin/openblas-coretype.sh; echo "${OPENBLAS_CORETYPE:-unset}")
dl4j_dir=$peers/dl4j dl4j_main=FashionMnistDl4j dl4j_args=''
if [ "$model" = cnn ]; then dl4j_dir=$peers/cnn/dl4j dl4j_main=FashionMnistCnnDl4j dl4j_args="--arch $arch_spec --batch-size $batch"; fi
dl4j_cp="$dl4j_dir/target/classes:$dl4j_dir/target/lib/*"

# The configurations: id, precision, label, BLAS (for those whose JSON does not say), command.
ids=() precisions=() labels=() blases=() commands=() skips=()
add() { ids+=("$1"); precisions+=("$2"); labels+=("$3"); blases+=("$4"); commands+=("$5"); skips+=("${6:-}"); }

# nn4j: f64 always; f32 where ./nn4j fashion-mnist has --precision (being added by issue 20).
echo "== nn4j: building the command line if needed (./nn4j)" >&2
nn4j_skip='' nn4j_f32_skip=''
if ! help=$(./nn4j fashion-mnist --help 2>&1); then
  nn4j_skip="./nn4j fashion-mnist --help failed: $(echo "$help" | tail -1)"
elif ! grep -q -- '--precision' <<<"$help"; then
  nn4j_f32_skip="this nn4j has no --precision option (./nn4j fashion-mnist --help does not list it)"
fi
nn4j_model_args=''
if [ "$model" = cnn ]; then
  # nn4j trains its own default CNN (docs/cli.md), which should be --arch's network.
  nn4j_model_args="--model cnn --batch-size $batch"
  [ -z "$nn4j_skip" ] && ! grep -qE -- '^ *(-[a-zA-Z], )?--model[= ]' <<<"$help" \
    && nn4j_skip="this nn4j has no --model option (./nn4j fashion-mnist --help does not list it)"
fi
for backend in ejml nd4j commons; do
  case $backend in
    nd4j) blas="ND4J's OpenBLAS 0.3.19 (OPENBLAS_CORETYPE=$nd4j_coretype), nn4j's default threads" ;;
    *) blas="none: pure Java" ;;
  esac
  base="./nn4j fashion-mnist $nn4j_model_args --backend $backend --epochs $epochs --json ${limit_args[*]}"
  add "nn4j-$backend-f64" f64 "nn4j on $backend" "$blas" "$base" "$nn4j_skip"
  add "nn4j-$backend-f32" f32 "nn4j on $backend" "$blas" "$base --precision f32" "${nn4j_skip:-$nn4j_f32_skip}"
done

numpy_skip=''
command -v python3 >/dev/null && python3 -c 'import numpy' 2>/dev/null \
  || numpy_skip="python3 with numpy not found on PATH"
torch_skip=''
/usr/bin/python3 -c 'import torch' 2>/dev/null \
  || torch_skip="/usr/bin/python3 cannot import torch (apt-get install python3-torch libopenblas0-pthread)"
numpy_script=benchmarks/fashion_mnist_numpy.py torch_script=$peers/fashion_mnist_torch.py model_args='' numpy_what=''
if [ "$model" = cnn ]; then
  numpy_script=$peers/cnn/fashion_mnist_cnn_numpy.py torch_script=$peers/cnn/fashion_mnist_cnn_torch.py
  model_args="--arch $arch_spec --batch-size $batch" numpy_what=' im2col'
fi
for p in f64 f32; do
  add "numpy-$p" $p "numpy$numpy_what ($(python3 -c 'import numpy; print(numpy.__version__)' 2>/dev/null), default BLAS threads)" "" \
    "${python_env[*]} python3 $numpy_script $model_args --dtype $p --epochs $epochs --json ${limit_args[*]}" "$numpy_skip"
  add "torch-$p" $p "PyTorch (Debian python3-torch, 2 threads)" "" \
    "${python_env[*]} /usr/bin/python3 $torch_script $model_args --dtype $p --threads 2 --epochs $epochs --json ${limit_args[*]}" "$torch_skip"
done

dl4j_skip=''
wants_dl4j=$gemm
for id in dl4j-f64 dl4j-f32 dl4j-omp1-f64 dl4j-omp1-f32; do
  if [ -z "$only" ] || [[ "$id" =~ $only ]]; then wants_dl4j=true; fi
done
if [ "$wants_dl4j" = true ] && [ "$list" = false ]; then
  echo "== DL4J: building $dl4j_dir (mvn -f ... package; resolves DL4J 1.0.0-M2.1 the first time)" >&2
  if ! command -v mvn >/dev/null; then
    dl4j_skip="mvn not found: cannot build $dl4j_dir"
  elif ! mvn -B -q -f "$dl4j_dir/pom.xml" package >"$root/$peers/dl4j-build.log" 2>&1; then
    dl4j_skip="the build of $dl4j_dir failed: see $peers/dl4j-build.log"
  else
    rm -f "$root/$peers/dl4j-build.log"
  fi
fi
for p in f64 f32; do
  cmd="env OPENBLAS_CORETYPE=$nd4j_coretype java -cp $dl4j_cp org.nn4j.peers.dl4j.$dl4j_main $dl4j_args --dtype $p --epochs $epochs ${limit_args[*]}"
  add "dl4j-$p" $p "DL4J 1.0.0-M2.1 (default OpenMP threads)" "" "$cmd" "$dl4j_skip"
  add "dl4j-omp1-$p" $p "DL4J 1.0.0-M2.1 (OMP_NUM_THREADS=1)" "" "env OMP_NUM_THREADS=1 $cmd" "$dl4j_skip"
done

selected=()
for i in "${!ids[@]}"; do
  if [ -z "$only" ] || [[ "${ids[$i]}" =~ $only ]]; then selected+=("$i"); fi
done
if [ "$list" = true ]; then
  for i in "${selected[@]}"; do printf '%-18s %s%s\n' "${ids[$i]}" "${commands[$i]}" "${skips[$i]:+   [skipped: ${skips[$i]}]}"; done
  exit 0
fi
[ ${#selected[@]} -gt 0 ] || { echo "run.sh: --only '$only' matches no configuration (see --list)" >&2; exit 2; }

out=${out:-$peers/results/$(date -u +%Y%m%dT%H%M%SZ)}
mkdir -p "$out/epoch" "$out/gemm"
load() { cut -d' ' -f1-3 /proc/loadavg; }
{
  echo "date=$(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "model=$model${arch_spec:+ $arch_spec}"
  echo "command=benchmarks/peers/run.sh$([ "$model" = cnn ] && echo " --model cnn --arch $arch --batch-size $batch") --epochs $epochs --repeats $repeats${limit_args[*]:+ ${limit_args[*]}}${only:+ --only '$only'}$([ "$gemm" = true ] && echo " --gemm-seconds $gemm_seconds --square $square" || echo " --no-gemm")"
  echo "machine=$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(java -version 2>&1 | head -1)"
  echo "load_start=$(load)"
  echo "order=$(for i in "${selected[@]}"; do printf '%s ' "${ids[$i]}"; done)"
} > "$out/session.meta"

if [ "$gemm" = true ]; then
  echo "== GEMM peaks (numpy, PyTorch, ND4J's OpenBLAS), $gemm_seconds s a product" >&2
  shapes=$(python3 "$peers/peers_common.py" --gemm-arguments "$square")
  mapfile -t shape_args <<<"$shapes"
  [ -z "$numpy_skip" ] && "${python_env[@]}" python3 "$peers/gemm_peak.py" --lib numpy --json \
      --seconds "$gemm_seconds" --square "$square" > "$out/gemm/numpy.jsonl" 2>"$out/gemm/numpy.err"
  [ -z "$torch_skip" ] && "${python_env[@]}" /usr/bin/python3 "$peers/gemm_peak.py" --lib torch --threads 2 --json \
      --seconds "$gemm_seconds" --square "$square" > "$out/gemm/torch.jsonl" 2>"$out/gemm/torch.err"
  if [ -z "$dl4j_skip" ] && [ -d "$peers/dl4j/target/lib" ]; then
    for via in cblas nd4j; do
      OPENBLAS_CORETYPE=$nd4j_coretype java -cp "$dl4j_cp" org.nn4j.peers.dl4j.GemmPeak --via $via \
        --seconds "$gemm_seconds" "${shape_args[@]}" > "$out/gemm/nd4j-$via.jsonl" 2>"$out/gemm/nd4j-$via.err"
    done
  fi
fi

count=${#selected[@]}
set -f  # the commands are word lists run unquoted: no globbing of the class path's lib/*
for ((round = 1; round <= repeats; round++)); do
  for ((j = 0; j < count; j++)); do
    i=${selected[$(( (j + round - 1) % count ))]}
    id=${ids[$i]}
    meta="$out/epoch/$id.$round.meta"
    {
      echo "label=${labels[$i]}"
      echo "precision=${precisions[$i]}"
      echo "command=${commands[$i]}"
      [ -n "${blases[$i]}" ] && echo "blas=${blases[$i]}"
    } > "$meta"
    if [ -n "${skips[$i]}" ]; then
      { echo "status=skipped"; echo "skip=${skips[$i]}"; } >> "$meta"
      continue
    fi
    echo "== round $round/$repeats: $id (load $(load))" >&2
    echo "load_before=$(load)" >> "$meta"
    # shellcheck disable=SC2086  # the command is a word list built above
    ${commands[$i]} > "$out/epoch/$id.$round.json" 2> "$out/epoch/$id.$round.err"
    status=$?
    { echo "load_after=$(load)"; echo "status=$status"; } >> "$meta"
    if [ $status -ne 0 ]; then
      echo "error=exit $status: $(grep -v '^\s*$' "$out/epoch/$id.$round.err" | tail -1)" >> "$meta"
      echo "   $id failed (exit $status): $(tail -1 "$out/epoch/$id.$round.err")" >&2
    fi
  done
done
echo "load=$(sed -n 's/^load_start=//p' "$out/session.meta") at the start, $(load) at the end (1, 5, 15 min)" >> "$out/session.meta"
echo "== results in $out" >&2
report=$peers/report.py
[ "$model" = cnn ] && report=$peers/cnn/report.py
python3 "$report" "$out" | tee "$out/report.md"
