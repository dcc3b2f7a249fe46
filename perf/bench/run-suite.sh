#!/usr/bin/env bash
# Runs the BENCHMARKS.md scenarios REPS times (default 3) against one server and writes the loadgen's JSON records to
# OUT/<scenario>-<rep>.json. Sized for a 2-core machine whose loopback also carries the load generator.
#   perf/bench/run-suite.sh LABEL OUT SERVER_PID [METRICS_URL]      (JAVA_HOME: a JDK >= 21)
#   ONLY="fanout-1k-60 churn" perf/bench/run-suite.sh …             runs only the named scenarios
# The server listens on 127.0.0.1:6001 with the demo app (app-id / app-key / app-secret).
set -uo pipefail
cd "$(dirname "$0")/../.."
label=$1 out=$2 pid=$3 metrics=${4:-}
reps=${REPS:-3}
mkdir -p "$out"
common=(--server-pid "$pid")
[ -n "$metrics" ] && common+=(--metrics-url "$metrics")
gc=()
[ -n "$metrics" ] && gc=(--server-gc)   # JVM servers only: heap after a forced GC

run() {
  local name=$1; shift
  if [ -n "${ONLY:-}" ] && [[ " $ONLY " != *" $name "* ]]; then return; fi
  for rep in $(seq 1 "$reps"); do
    echo "== $label $name #$rep"
    perf/bench/loadgen.sh "$@" "${common[@]}" --json "$out/$name-$rep.json" 2>&1 | grep -vE '^WARNING|^$' | tail -4
  done
}

run idle idle --connections 2000,5000,10000,18000 --processes 3 --duration 5 "${gc[@]}"
run fanout-1k-60 fanout --connections 1000 --rate 60 --duration 15
run fanout-1k-120 fanout --connections 1000 --rate 120 --duration 15
run fanout-1k-max fanout --connections 1000 --rate 400 --duration 10
run fanout-10k-6 fanout --connections 10000 --processes 2 --rate 6 --duration 15
run fanout-10k-max fanout --connections 10000 --processes 2 --rate 40 --duration 10
run many-channels many-channels --connections 5000 --channels 5000 --channel-rate 1 --duration 15
run churn churn --connections 2000 --rate 10 --churn-rate 300 --churn-lifetime 1 --baseline 10 --duration 15
run slow-consumer slow-consumer --connections 1000 --payload-bytes 8000 --rate 40 --baseline 5 --duration 15
run presence presence --connections 2000 --channels 40 --toggle-rate 200 --duration 15
