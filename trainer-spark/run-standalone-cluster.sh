#!/usr/bin/env bash
# A real Spark cluster on this machine: a standalone master and two workers (one core, 1 GB
# each) on 127.0.0.1, started from the Spark jars in the local Maven repository, then a job
# that trains the seed's linear regression to allclose on it (parameter averaging, then
# synchronous SGD). Prints each part's time; exits 0 only if both modes reach allclose.
# Not part of CI (about a minute, mostly JVM start-ups). Everything it starts is stopped on exit.
#   trainer-spark/run-standalone-cluster.sh
# With a command after the options, it runs that command against the cluster instead of the
# job (NN4J_SPARK_MASTER holds the master's URL, SPARK_HOME a Spark home whose jars/ are
# Spark's, as on an installed cluster), e.g. spark-submit-example/run.sh's spark-submit.
# NN4J_SPARK_CLASSPATH_FILE: the file listing Spark's jars (default trainer-spark's).
# Ports: NN4J_SPARK_PORT (default 7077) for the master, web UIs on 8080-8082.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
port="${NN4J_SPARK_PORT:-7077}"
master="spark://127.0.0.1:$port"
started=$(date +%s%N)
elapsed() { local now; now=$(date +%s%N); printf '%d.%d' $(((now - started) / 1000000000)) $((((now - started) / 100000000) % 10)); }

if [ ! -f "$here/target/test.classpath" ] || [ ! -d "$here/target/test-classes" ]; then
  echo "building trainer-spark and its tests (mvn -DskipTests package)..." >&2
  (cd "$root" && mvn -B -q -DskipTests package -pl trainer-spark -am 1>&2)
fi
spark_cp="$(cat "${NN4J_SPARK_CLASSPATH_FILE:-$here/target/spark.classpath}")"
job_cp="$here/target/test-classes:$here/target/classes:$(cat "$here/target/test.classpath")"
flags="$(sed -n 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p' "$root/pom.xml")"

work="$(mktemp -d "${TMPDIR:-/tmp}/nn4j-spark-cluster.XXXXXX")"
# Workers need a SPARK_HOME with a jars/ directory and to know the Scala version of that
# missing build. With a command, jars/ holds (links to) Spark's jars, so executors have Spark
# as on an installed cluster; the job's executors get theirs from spark.executor.extraClassPath.
mkdir -p "$work/spark-home/jars"
if [ "$#" -gt 0 ]; then
  IFS=: read -r -a spark_jars <<<"$spark_cp"
  ln -s "${spark_jars[@]}" "$work/spark-home/jars/"
fi
export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13 SPARK_LOCAL_IP=127.0.0.1
# Quiet daemons: our log4j2 configuration (WARN), not Spark's default INFO.
log_conf="-Dlog4j2.configurationFile=$here/src/test/resources/log4j2-test.properties"

pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# shellcheck disable=SC2086
java $flags $log_conf -cp "$spark_cp" org.apache.spark.deploy.master.Master \
  --host 127.0.0.1 --port "$port" --webui-port 8080 >"$work/master.log" 2>&1 &
pids+=($!)
for n in 1 2; do
  mkdir -p "$work/worker$n"
  # shellcheck disable=SC2086
  java $flags $log_conf -cp "$spark_cp" org.apache.spark.deploy.worker.Worker \
    --host 127.0.0.1 --cores 1 --memory 1g --webui-port "808$n" --work-dir "$work/worker$n" \
    "$master" >"$work/worker$n.log" 2>&1 &
  pids+=($!)
done

# Registration is logged at INFO, which the quiet configuration hides: ask the master's
# web UI (JSON) instead.
registered=0
for _ in $(seq 1 120); do
  registered=$( (curl -s "http://127.0.0.1:8080/json/" 2>/dev/null || true) \
    | { grep -o '"state" *: *"ALIVE"' || true; } | wc -l)
  [ "$registered" -ge 2 ] && break
  sleep 0.5
done
if [ "$registered" -lt 2 ]; then
  echo "the master and two workers did not come up; logs:" >&2
  tail -n 20 "$work"/*.log >&2
  exit 1
fi
printf 'master and 2 workers up in %s s\n' "$(elapsed)"

status=0
if [ "$#" -gt 0 ]; then
  NN4J_SPARK_MASTER="$master" "$@" || status=$?
else
  # shellcheck disable=SC2086
  java $flags -cp "$job_cp" org.nn4j.trainer.spark.StandaloneClusterJob "$master" "$job_cp" \
    || status=$?
fi
printf 'cluster script: %s s in all (exit %d)\n' "$(elapsed)" "$status"
exit "$status"
