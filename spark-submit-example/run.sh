#!/usr/bin/env bash
# spark-submit of the example application against a standalone cluster on this machine: the
# master and two workers of trainer-spark/run-standalone-cluster.sh (one core, 1 GB each,
# Spark's jars from the local Maven repository as the cluster's installation), then
#   spark-submit --master spark://127.0.0.1:7077 --class org.nn4j.examples.spark.FashionMnistSubmit \
#     target/nn4j-spark-submit-example.jar ARGS...
# where spark-submit is Spark's own launcher class (org.apache.spark.deploy.SparkSubmit) run
# with Java 17's module flags, as bin/spark-submit runs it. Everything is stopped on exit.
#   spark-submit-example/run.sh [--limit 12000] [--epochs 2] [--batch-size 512] ...
# Builds the jar and the cluster's class path first if missing (mvn -Pspark-submit-example ... package).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
jar="$here/target/nn4j-spark-submit-example.jar"
cluster_cp="$here/cluster/target/spark.classpath"
if [ ! -f "$jar" ] || [ ! -f "$cluster_cp" ] || [ ! -f "$root/trainer-spark/target/test.classpath" ]; then
  echo "building the application jar (mvn -Pspark-submit-example -DskipTests package)..." >&2
  (cd "$root" && mvn -B -q -Pspark-submit-example \
    -pl spark-submit-example,spark-submit-example/cluster -am -DskipTests package 1>&2)
fi
flags="$(sed -n 's:.*<spark.java17.flags>\(.*\)</spark.java17.flags>.*:\1:p' "$root/pom.xml")"
# The cluster's Spark installation: Spark core, SQL and MLlib with their dependencies, no nn4j.
export NN4J_SPARK_CLASSPATH_FILE="$cluster_cp"
log_conf="-Dlog4j2.configurationFile=$root/trainer-spark/src/test/resources/log4j2-test.properties"
submit() {
  # shellcheck disable=SC2086
  java $flags "$log_conf" -cp "$(cat "$NN4J_SPARK_CLASSPATH_FILE")" \
    org.apache.spark.deploy.SparkSubmit --master "$NN4J_SPARK_MASTER" \
    --class org.nn4j.examples.spark.FashionMnistSubmit "$jar" "$@"
}
export -f submit
export flags log_conf jar
exec "$root/trainer-spark/run-standalone-cluster.sh" bash -c 'submit "$@"' submit "$@"
