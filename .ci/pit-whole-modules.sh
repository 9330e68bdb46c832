#!/usr/bin/env bash
# Whole-module mutation scores (docs/mutation-testing.md, "Where each module stands"): not run
# by CI (about an hour on 2 quiet cores, several under load). Runs PIT with the thresholds off
# and copies each report to OUT/<part>/ (mutations.xml, index.html), with OUT/times.txt.
#
#   .ci/pit-whole-modules.sh [OUT] [PART ...]
#
# PART: trainer-optim, trainer-data, trainer-metrics, trainer-io, trainer-model (the trainer,
# one package group at a time, each killed by its own packages' tests: a lower bound on what
# the whole test suite kills, and a stopped run keeps the parts already done), and ejml
# (api.* and backend.ejml.* through backend-ejml's tests, the kit included), commons, nd4j
# (each backend's classes through its kit run and tests). Default: all of them.
set -u
cd "$(dirname "$0")/.."
out=${1:-target/pit-whole-modules}; shift || true
known=(trainer-optim trainer-data trainer-metrics trainer-io trainer-model ejml commons nd4j)
parts=("$@"); [ ${#parts[@]} -gt 0 ] || parts=("${known[@]}")
for part in "${parts[@]}"; do # every part checked before an hour's work starts
  case " ${known[*]} " in *" $part "*) ;; *)
    echo "unknown part: $part (one of: ${known[*]})" >&2; exit 2 ;; esac
done
mkdir -p "$out"
common=(-B -P mutation verify -Dmaven.test.skip.exec=true -Dmaven.javadoc.skip=true
  -Dmaven.source.skip=true -Dpit.mutationThreshold=0 -Dpit.testStrengthThreshold=0)
slow='FuzzTest|FashionMnistTrainingTest|Float32AccuracyTest|SharedPredictionTest|ConcurrentTrainingTest'
tests_in() { # the trainer's test classes in these packages (relative to org/nn4j/trainer), slow ones left out
  local d dir
  for d in "$@"; do
    dir=trainer/src/test/java/org/nn4j/trainer; [ "$d" = . ] || dir+="/$d"
    find "$dir" -maxdepth 1 -name '*Test.java'
  done \
    | sed 's|trainer/src/test/java/||;s|\.java||;s|/|.|g' | grep -v -E "$slow" | paste -sd,
}
record() { # part module rc seconds
  echo "$1 rc=$3 $4 s $(date -u +%H:%M)" >> "$out/times.txt"
  rm -rf "${out:?}/$1"; cp -r "$2/target/pit-reports" "$out/$1"
}
trainer() { # part classes tests
  local s; s=$(date +%s)
  mvn "${common[@]}" -pl trainer -am -Dpit.skip.ejml=true -Dpit.skip.commons=true \
    -Dpit.skip.nd4j=true -Dpit.trainer.targetClasses="$2" -Dpit.trainer.targetTests="$3" \
    > "$out/$1.log" 2>&1
  record "$1" trainer $? $(( $(date +%s) - s ))
}
backend() { # name
  local s skips=(); s=$(date +%s)
  for o in ejml commons nd4j; do [ "$o" = "$1" ] || skips+=("-Dpit.skip.$o=true"); done
  mvn "${common[@]}" -pl "backend-$1" -am "${skips[@]}" > "$out/$1.log" 2>&1
  record "$1" "backend-$1" $? $(( $(date +%s) - s ))
}
t=org.nn4j.trainer
for part in "${parts[@]}"; do
  case $part in
    trainer-optim) trainer "$part" "$t.optim.*" \
      "$(tests_in optim .),$t.model.TrainingLoopTest,$t.model.ResumeTest,$t.model.ResumeRefusalsTest" ;;
    trainer-data) trainer "$part" \
      "$t.data.*,$t.regression.*,$t.LastGoodParameters*,$t.Rng*,$t.StopReason*" \
      "$(tests_in data regression .),$t.model.DivergenceTest,$t.model.BadInputTest" ;;
    trainer-metrics) trainer "$part" "$t.metrics.*" \
      "$(tests_in metrics),$t.model.PredictorTest,$t.model.EvaluateTest" ;;
    trainer-io) trainer "$part" "$t.io.*" "$(tests_in io)" ;;
    trainer-model) trainer "$part" "$t.model.*" "$(tests_in model optim io .)" ;;
    ejml|commons|nd4j) backend "$part" ;;
  esac
done
