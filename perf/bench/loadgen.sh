#!/usr/bin/env bash
# Runs the loadgen (building the jar if it is missing) with the JVM options it wants.
#   perf/bench/loadgen.sh <scenario> [options]        e.g. perf/bench/loadgen.sh fanout --connections 1000 --rate 50
# JVM options: $LOADGEN_JVM_OPTS (default -Xmx1g); child processes (--processes) inherit them.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/perf/loadgen/target/starling-loadgen.jar"
source "$root/bin/find-jdk"
if ! jdk=$(find_jdk); then
  echo "Starling needs a JDK 21 or newer; none found (set JAVA_HOME to one)" >&2
  exit 1
fi
java="$jdk/bin/java"
version=$(java_major "$java")
if [ ! -f "$jar" ]; then
  (cd "$root" && JAVA_HOME="$jdk" mvn -q -B -DskipTests package -pl perf/loadgen -am)
fi
extra=()
if [ "${version%%.*}" -ge 23 ]; then
  extra+=(--sun-misc-unsafe-memory-access=allow) # Netty on JDK 23+: quiet the sun.misc.Unsafe warning
fi
# shellcheck disable=SC2086 # LOADGEN_JVM_OPTS is a list of options
exec "$java" ${LOADGEN_JVM_OPTS:--Xmx1g} "${extra[@]}" -jar "$jar" "$@"
