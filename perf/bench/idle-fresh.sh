#!/usr/bin/env bash
# The idle scenario, each run against a freshly started server: the RSS slope of a process that has already held
# and released connections is flattered by the memory it kept. Writes OUT/idle-<rep>.json.
#   perf/bench/idle-fresh.sh OUT [METRICS_URL] -- SERVER COMMAND...     (REPS runs, default 3; JAVA_HOME: a JDK >= 21)
# The server command must stay in the foreground and listen on 127.0.0.1:6001 with the demo app; with METRICS_URL
# (a JVM server exposing jvm_memory_used_bytes) heap after a forced GC is measured too.
#   perf/bench/idle-fresh.sh out/starling http://127.0.0.1:9601/metrics -- java -Xmx768m -jar gateway/target/quarkus-app/quarkus-run.jar
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$1; shift
metrics=""
if [ "${1:-}" != "--" ]; then metrics=$1; shift; fi
[ "${1:-}" = "--" ] && shift
reps=${REPS:-3}
mkdir -p "$out"
port_open() { (exec 3<>/dev/tcp/127.0.0.1/6001) 2>/dev/null; }
for rep in $(seq 1 "$reps"); do
  while port_open; do sleep 1; done
  "$@" >"$out/server-$rep.log" 2>&1 </dev/null &
  pid=$!
  for _ in $(seq 1 120); do port_open && break; sleep 0.5; done
  sleep 3 # let the server settle after start
  # A launcher (npx, node wrappers) may fork: measure the process that listens on the port.
  listener=$(ss -ltnpH 'sport = :6001' | grep -o 'pid=[0-9]*' | head -1 | cut -d= -f2)
  args=(--server-pid "${listener:-$pid}")
  [ -n "$metrics" ] && args+=(--metrics-url "$metrics" --server-gc)
  echo "== idle #$rep (server pid ${listener:-$pid})"
  perf/bench/loadgen.sh idle --connections 2000,5000,10000,18000 --processes 3 --duration 5 "${args[@]}" \
    --json "$out/idle-$rep.json" 2>&1 | grep -vE '^WARNING|^$' | tail -4
  kill "$pid" "${listener:-$pid}" 2>/dev/null
  wait "$pid" 2>/dev/null
done
