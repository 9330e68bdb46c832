#!/usr/bin/env bash
# The outside-consumer checks of the installed nn4j artifacts (docs/artifacts.md): for each
# backend, it/consumer-bom (imports nn4j-bom) and it/consumer-plain (no BOM) must resolve
# exactly the versions nn4j's own modules are built and tested with, then train; the
# consumer also runs as a module, nn4j on the module path. Run after `mvn install`; extra
# arguments go to every Maven call (for example -Dmaven.repo.local=DIR, the repository nn4j
# was installed into). Offline: everything must already be in the local repository.
set -euo pipefail
cd "$(dirname "$0")/.."
version="$(sed -n 's:^  <version>\(.*\)</version>$:\1:p' bom/pom.xml | head -1)"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
maven_args=("$@")
# Maven, quietly; its output is shown when it fails.
mvn_q() {
  if ! mvn -B -q -o -Dstyle.color=never "${maven_args[@]}" "$@" > "$work/mvn.log" 2>&1; then
    cat "$work/mvn.log" >&2
    echo "it/run.sh: mvn $* failed" >&2
    exit 1
  fi
}
backends=(ejml commons nd4j)

# "group:artifact:type[:classifier]:version", one a line, sorted: dependency:list's lines
# without their scope and module notes.
normalise() {
  sed -n 's/^ *\([^ ]*:[^ ]*\).*/\1/p' "$1" | sed 's/:[a-z]*$//' | sort -u
}

# What nn4j tests with: the runtime dependencies of trainer and of each backend, as resolved
# in nn4j's own build (the parent's dependency management applied); each module writes its
# target/runtime-dependencies.txt.
modules=(trainer "${backends[@]/#/backend-}")
mvn_q -pl "$(IFS=,; echo "${modules[*]}")" dependency:list -DincludeScope=runtime \
  -DoutputFile=target/runtime-dependencies.txt

failed=0
for backend in "${backends[@]}"; do
  { normalise trainer/target/runtime-dependencies.txt
    normalise "backend-$backend/target/runtime-dependencies.txt"
    echo "org.nn4j:nn4j-trainer:jar:$version"; echo "org.nn4j:nn4j-backend-$backend:jar:$version"
  } | sort -u > "$work/expected-$backend.txt"
  # Both consumers at once; each writes its resolved list and class path under its target/.
  mvn_q -f it/pom.xml -Dnn4j.version="$version" -Dbackend="$backend" compile \
    dependency:list -DincludeScope=runtime -DoutputFile=target/runtime-dependencies.txt \
    dependency:build-classpath -Dmdep.outputFile=target/classpath.txt
  for consumer in consumer-bom consumer-plain; do
    normalise "it/$consumer/target/runtime-dependencies.txt" > "$work/resolved.txt"
    if ! diff -u "$work/expected-$backend.txt" "$work/resolved.txt" > "$work/diff.txt"; then
      echo "it/$consumer with nn4j-backend-$backend resolved other versions than nn4j tests with" \
        "(- tested, + resolved):" >&2
      cat "$work/diff.txt" >&2
      failed=1
      continue
    fi
    echo "it/$consumer, $backend: $(wc -l < "$work/expected-$backend.txt") artifacts at the tested versions"
    java -cp "it/$consumer/target/classes:$(cat "it/$consumer/target/classpath.txt")" \
      org.nn4j.it.consumer.Main "$backend" || failed=1
  done
  cp it/consumer-bom/target/classpath.txt "$work/classpath-$backend.txt"
done

# As a module: nn4j's jars on the module path. EJML and Commons: everything there. ND4J
# cannot be (its nd4j-api jar has an invalid module descriptor): ND4J stays on the class
# path, nn4j-backend-nd4j becomes an automatic module reading it, and jdk.unsupported
# (sun.misc.Unsafe for JavaCPP's indexers) must be added by hand, since a named main module
# does not resolve it for the class path.
# The modules nn4j-trainer requires (Commons CSV, and the Commons IO and Codec it requires)
# go on the module path with nn4j's.
for backend in "${backends[@]}"; do
  classes="it/consumer-bom/target/classes"
  jars="$(cat "$work/classpath-$backend.txt")"
  if [ "$backend" = nd4j ]; then
    named='/org/nn4j/|/org/apache/commons/commons-csv/|/commons-io/commons-io/|/commons-codec/commons-codec/'
    modulepath="$classes:$(tr ':' '\n' <<<"$jars" | grep -E "$named" | paste -sd: -)"
    classpath="$(tr ':' '\n' <<<"$jars" | grep -vE "$named" | paste -sd: -)"
    flags=(--add-modules jdk.unsupported -cp "$classpath")
  else
    modulepath="$classes:$jars"
    flags=()
  fi
  out="$(java "${flags[@]}" --module-path "$modulepath" \
    -m org.nn4j.it.consumer/org.nn4j.it.consumer.Main "$backend")" || failed=1
  echo "module path: $out"
  case "$out" in
    *"consumer in module org.nn4j.it.consumer, backend in module org.nn4j.backend.$backend") ;;
    *) echo "the modular consumer did not run as modules on $backend" >&2; failed=1 ;;
  esac
done

if [ "$failed" -ne 0 ]; then
  echo "outside-consumer checks failed" >&2
  exit 1
fi
echo "outside-consumer checks passed"
