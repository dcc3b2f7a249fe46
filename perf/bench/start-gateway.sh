#!/usr/bin/env bash
# Starts the packaged gateway in the background on loopback and prints its PID (for --server-pid), with the default
# JVM options of bin/starling (bin/gateway-jvm-options); options given here come after them and win.
#   perf/bench/start-gateway.sh [HTTP_PORT] [MANAGEMENT_PORT] [JVM options, e.g. -Xmx512m -Dstarling.gateway.…=…]
# Stop it with: kill <PID>. Log: /tmp/starling-gateway-<HTTP_PORT>.log (or $LOG).
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
jar="$root/gateway/target/quarkus-app/quarkus-run.jar"
source "$root/bin/find-jdk"
source "$root/bin/gateway-jvm-options"
if ! jdk=$(find_jdk); then
  echo "Starling needs a JDK 21 or newer; none found (set JAVA_HOME to one)" >&2
  exit 1
fi
java="$jdk/bin/java"
port=${1:-6001}
management=${2:-9601}
shift $(( $# < 2 ? $# : 2 ))
if [ ! -f "$jar" ]; then
  echo "no $jar; build it: mvn -q -B -DskipTests package -pl gateway -am" >&2
  exit 1
fi
for p in "$port" "$management"; do
  if (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then
    echo "port $p is taken" >&2
    exit 1
  fi
done
log=${LOG:-/tmp/starling-gateway-$port.log}
mapfile -t defaults < <(gateway_jvm_options "$java")
nohup "$java" "${defaults[@]}" -Dquarkus.http.host=127.0.0.1 -Dquarkus.management.host=127.0.0.1 \
  -Dquarkus.http.port="$port" -Dquarkus.management.port="$management" "$@" -jar "$jar" >"$log" 2>&1 </dev/null &
pid=$!
for _ in $(seq 1 150); do
  if grep -q "Listening on" "$log"; then
    echo "$pid"
    exit 0
  fi
  if ! kill -0 "$pid" 2>/dev/null; then
    cat "$log" >&2
    exit 1
  fi
  sleep 0.2
done
echo "gateway did not start within 30 s; see $log" >&2
kill "$pid"
exit 1
