# Sourced by ./nn4j and benchmarks/run.sh: chooses the OpenBLAS kernels for ND4J's bundled
# OpenBLAS 0.3.19, which reads OPENBLAS_CORETYPE once, when ND4J loads it.
#
# That OpenBLAS predates AMD's AVX-512 CPUs: left to itself on this machine's AMD EPYC it
# fell back to generic kernels (2048³ product, 2 threads: 11.5 GFLOP/s), with this machine's
# OPENBLAS_CORETYPE=Haswell it ran its AVX2 kernels (79.7), with SkylakeX its AVX-512 ones
# (111.2; the TCK passes on ND4J with each). So on a CPU with the AVX-512 subsets those
# kernels use, SkylakeX is chosen. NN4J_OPENBLAS_CORETYPE overrides the choice: a core name
# (Haswell, SkylakeX, ...) is used as is; "keep" leaves OPENBLAS_CORETYPE as the environment
# has it. Only ND4J reads it: EJML and Commons Math are pure Java.
nn4j_openblas_coretype() {
  case "${NN4J_OPENBLAS_CORETYPE:-}" in
    keep) return 0 ;;
    ?*) export OPENBLAS_CORETYPE="$NN4J_OPENBLAS_CORETYPE"; return 0 ;;
  esac
  local flags
  flags=" $(grep -m1 '^flags' /proc/cpuinfo 2>/dev/null) "
  case "$flags" in
    *" avx512f "*) ;;
    *) return 0 ;;
  esac
  local needed
  for needed in avx512dq avx512bw avx512vl; do
    case "$flags" in *" $needed "*) ;; *) return 0 ;; esac
  done
  export OPENBLAS_CORETYPE=SkylakeX
}
nn4j_openblas_coretype
