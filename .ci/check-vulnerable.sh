#!/usr/bin/env bash
# Reports the known-vulnerable libraries (.ci/known-vulnerable.txt) on the runtime class path
# of each published module and of the command line, including those shaded inside a jar.
# Fails on any not accepted there. Needs the reactor's modules installed (after mvn install);
# extra arguments go to Maven (for example -Dmaven.repo.local=DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
advisories=.ci/known-vulnerable.txt
modules=api,tck,backend-ejml,backend-commons,backend-nd4j,trainer,trainer-spark,cli
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

if ! mvn -B -q -o -Dstyle.color=never "$@" -pl "$modules" dependency:list \
    -DincludeScope=runtime -DoutputAbsoluteArtifactFilename=true \
    -DoutputFile=target/runtime-dependencies-with-files.txt > "$work/mvn.log" 2>&1; then
  cat "$work/mvn.log" >&2
  echo "check-vulnerable: could not list the runtime dependencies" >&2
  exit 1
fi
# "group:artifact:version path", once per jar.
for module in ${modules//,/ }; do
  sed -n 's/^ *\([^: ]*\):\([^: ]*\):jar:\(.*:\)\?\([^: ]*\):[a-z]*:\(\/[^ ]*\.jar\).*/\1:\2:\4 \5/p' \
    "$module/target/runtime-dependencies-with-files.txt"
done | sort -u > "$work/jars.txt"

version_lt() { [ "$1" != "$2" ] && [ "$(printf '%s\n%s\n' "$1" "$2" | sort -V | head -1)" = "$1" ]; }

# Prints "ADVISORIES fixed in VERSION" when group:artifact at a version is known vulnerable.
vulnerable() {
  local ga="$1" version="$2" kind coordinate fixed ids
  while read -r kind coordinate fixed ids; do
    if [ "$kind" = fixed-in ] && [ "$coordinate" = "$ga" ] && version_lt "$version" "$fixed"; then
      echo "$ids (fixed in $fixed)"
    fi
  done < <(grep '^fixed-in ' "$advisories")
}

failed=0
reported=0
while read -r gav jar; do
  # The jar itself, then what it embeds (Maven's pom.properties of each shaded library).
  {
    echo "$gav"
    for entry in $(unzip -Z1 "$jar" 'META-INF/maven/*/pom.properties' 2>/dev/null || true); do
      unzip -p "$jar" "$entry" | tr -d '\r' | awk -F= '
        /^groupId=/ {g=$2} /^artifactId=/ {a=$2} /^version=/ {v=$2}
        END {if (g != "" && a != "" && v != "") print g ":" a ":" v}'
    done
  } | sort -u > "$work/inside.txt"
  while IFS=: read -r group artifact version; do
    found="$(vulnerable "$group:$artifact" "$version")"
    [ -n "$found" ] || continue
    reported=$((reported + 1))
    where="$group:$artifact:$version"
    [ "$where" = "$gav" ] || where="$where, shaded in $gav"
    reason="$(sed -n "s/^accepted $gav //p" "$advisories")"
    if [ -n "$reason" ] && [ "$group:$artifact:$version" != "$gav" ]; then
      echo "known-vulnerable, accepted: $where: $found"
    else
      echo "known-vulnerable: $where: $found" >&2
      failed=1
    fi
  done < "$work/inside.txt"
done < "$work/jars.txt"

echo "check-vulnerable: $(wc -l < "$work/jars.txt") jars of $modules checked, $reported known-vulnerable libraries found"
if [ "$failed" -ne 0 ]; then
  echo "check-vulnerable: upgrade or exclude the libraries above (docs/artifacts.md), or accept them in $advisories with the reason" >&2
  exit 1
fi
