#!/usr/bin/env bash
# The cluster scenario: bin/local-cluster (a Kafka broker + 3 gateways), subscribers spread over the nodes and
# publishes through every node; then the same load against one single-node gateway, for the latency the bus adds.
# Writes OUT/cluster-<load>-<rep>.json and OUT/single-<load>-<rep>.json (REPS runs each, default 3).
#   perf/bench/run-cluster.sh OUT          (JAVA_HOME: a JDK >= 21; ports 6001-6003, 9601-9603 and 9092 free)
set -uo pipefail
cd "$(dirname "$0")/../.."
out=$1
reps=${REPS:-3}
mkdir -p "$out"
# name: connections rate — 3000 subscribers at 10 publishes/s (bursts of 3000), 300 at 100/s (bursts of 300)
loads=("3000 10" "300 100")

setsid bin/local-cluster 3 >"$out/local-cluster.log" 2>&1 </dev/null &
cluster=$!
trap 'kill -- -$cluster 2>/dev/null' EXIT
for _ in $(seq 1 240); do
  grep -q "Cluster of 3 node(s) running" "$out/local-cluster.log" && break
  sleep 0.5
done
grep -q "Cluster of 3 node(s) running" "$out/local-cluster.log" || { cat "$out/local-cluster.log"; exit 1; }
for load in "${loads[@]}"; do
  read -r connections rate <<<"$load"
  for rep in $(seq 1 "$reps"); do
    echo "== cluster $connections@$rate #$rep"
    perf/bench/loadgen.sh cluster --ports 6001,6002,6003 --connections "$connections" --rate "$rate" --duration 15 \
      --warmup 2 --json "$out/cluster-$connections-$rep.json" 2>&1 | grep -vE '^WARNING|^$' | tail -3
  done
done
kill -- -"$cluster"
wait "$cluster" 2>/dev/null
while (exec 3<>/dev/tcp/127.0.0.1/6001) 2>/dev/null; do sleep 1; done

pid=$(perf/bench/start-gateway.sh 6001 9601 -Xmx256m) || exit 1
for load in "${loads[@]}"; do
  read -r connections rate <<<"$load"
  for rep in $(seq 1 "$reps"); do
    echo "== single $connections@$rate #$rep"
    perf/bench/loadgen.sh fanout --connections "$connections" --rate "$rate" --duration 15 --warmup 2 \
      --server-pid "$pid" --json "$out/single-$connections-$rep.json" 2>&1 | grep -vE '^WARNING|^$' | tail -3
  done
done
kill "$pid"
