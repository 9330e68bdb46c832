#!/usr/bin/env bash
# Checks what `mvn deploy -DaltDeploymentRepository=ci::file:DIR` put in DIR: each published
# module has its pom, jar, sources jar and javadoc jar; the BOM and the parent their pom; the
# applications (cli, benchmarks, examples) nothing; every pom what Maven Central requires
# (name, description, url, licence, developers, scm, inherited from the BOM if not stated).
# Usage: .ci/check-deployed.sh DIR
set -euo pipefail
repo="${1:?usage: check-deployed.sh DEPLOY_DIR}/org/nn4j"
cd "$(dirname "$0")/.."
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' bom/pom.xml | head -1)"
jars=(nn4j-api nn4j-tck nn4j-backend-ejml nn4j-backend-commons nn4j-backend-nd4j nn4j-trainer
      nn4j-trainer-spark)
poms=(nn4j-bom nn4j-parent)
failed=0
fail() { echo "deployed set: $*" >&2; failed=1; }

# The newest file of artifact $1 whose name after the version is $2 (.pom, .jar,
# -sources.jar, -javadoc.jar): a snapshot is deployed with a timestamp in its version.
newest() {
  local dir="$repo/$1/$version"
  [ -d "$dir" ] || return 0
  find "$dir" -maxdepth 1 -name "$1-*" -printf '%f\n' \
    | grep -E -- "^$1-[0-9][^-]*(-[0-9.]+-[0-9]+|-SNAPSHOT)?${2//./\\.}\$" | sort | tail -1 || true
}

for artifact in "${jars[@]}" "${poms[@]}"; do
  pom="$(newest "$artifact" .pom)"
  if [ -z "$pom" ]; then fail "$artifact: no pom in $repo/$artifact/$version"; continue; fi
  suffixes=()
  [[ " ${jars[*]} " == *" $artifact "* ]] && suffixes=(.jar -sources.jar -javadoc.jar)
  for suffix in "${suffixes[@]}"; do
    [ -n "$(newest "$artifact" "$suffix")" ] || fail "$artifact: no ${suffix#-} deployed"
  done
  for element in name description; do
    grep -q "<$element>" "$repo/$artifact/$version/$pom" || fail "$artifact: pom has no <$element>"
  done
done
# What Central requires and the modules inherit: stated once, in the BOM.
bom="$(newest nn4j-bom .pom)"
for element in url licenses developers scm; do
  [ -z "$bom" ] || grep -qE "<$element[ >]" "$repo/nn4j-bom/$version/$bom" \
    || fail "nn4j-bom: pom has no <$element>"
done
for artifact in nn4j-cli nn4j-benchmarks nn4j-examples; do
  [ ! -e "$repo/$artifact" ] || fail "$artifact was deployed; it is an application, not a library"
done
[ -d "$repo" ] || { echo "deployed set: nothing in $repo" >&2; exit 1; }
unexpected="$(find "$repo" -mindepth 1 -maxdepth 1 -type d -printf '%f\n' \
  | grep -vxF -f <(printf '%s\n' "${jars[@]}" "${poms[@]}") || true)"
[ -z "$unexpected" ] || fail "deployed but not in the published list of .ci/check-deployed.sh: $unexpected"

if [ "$failed" -ne 0 ]; then exit 1; fi
echo "deployed set: ${#jars[@]} modules with pom, jar, sources and javadoc; ${#poms[@]} poms (${poms[*]}); nothing else"
