#!/usr/bin/env bash
# nn4j benchmarks: builds what it needs, measures numpy, runs JMH, writes and prints the report.
#
#   benchmarks/run.sh            full run (3 forks, warm-up; about 20 minutes on 2 cores)
#   benchmarks/run.sh --quick    6-8 minutes, one fork: for a smoke test, not for quoting
#
# Options after those are passed to the JMH driver (org.nn4j.benchmarks.BenchmarkMain), for
# example --include SeedStep or --backends ejml. Output: benchmarks/results.md (or
# benchmarks/results-quick.md for --quick), JMH's raw JSON in benchmarks/target/.
set -euo pipefail
cd "$(dirname "$0")/.."

quick=()
report=benchmarks/results.md
if [ "${1:-}" = "--quick" ]; then
  quick=(--quick)
  report=benchmarks/results-quick.md
  shift
fi
command_line="benchmarks/run.sh${quick:+ --quick}${*:+ $*}"

echo "== building the benchmarks (mvn -pl benchmarks -am package, tests skipped)" >&2
mvn -B -q -pl benchmarks -am package -DskipTests

numpy_out=benchmarks/target/numpy.tsv
echo "== numpy reference" >&2
if command -v python3 >/dev/null 2>&1; then
  # This machine sets OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE for older OpenBLAS builds; they
  # slow a current numpy, so they are unset for this one command (never in tests or CI).
  env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE \
    python3 benchmarks/numpy_reference.py "${quick[@]}" --out "$numpy_out"
else
  echo "python3 not found: numpy reference skipped" >&2
  echo "# python3 not found: numpy reference skipped" > "$numpy_out"
fi

echo "== JMH" >&2
# The JVMs get the OpenBLAS kernels ./nn4j would choose (ND4J only; see the script).
. bin/openblas-coretype.sh
echo "OPENBLAS_CORETYPE for the JVMs: ${OPENBLAS_CORETYPE:-unset}" >&2
java -jar benchmarks/target/nn4j-benchmarks.jar "${quick[@]}" --numpy "$numpy_out" \
  --out "$report" --json-dir benchmarks/target --command "$command_line" "$@"
