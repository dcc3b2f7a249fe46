#!/usr/bin/env bash
# churn.sh OUT LABEL APPDIR|soketi [JVM flags...]: 4 warm-up churn runs, then 4 measured ones, in one process
# /tmp/p14/start.sh is perf/bench/start-gateway.sh with jar="$APPDIR/quarkus-run.jar" (to run two builds); /tmp/envj.sh
# sets JAVA_HOME to Temurin 25. Soketi 1.6.1 is npm-installed in /tmp/soketi, run with perf/bench/soketi.json.
source /tmp/envj.sh; cd /work/main
o=$1/$2; app=$3; shift 3; mkdir -p $o
if [ "$app" = soketi ]; then
  (cd /tmp/soketi && nohup node_modules/.bin/soketi start --config=/work/main/perf/bench/soketi.json > $o/soketi.log 2>&1 &); sleep 5; PID=$(pgrep -f soketi-server)
else
  PID=$(APPDIR=$app LOG=$o/gateway.log /tmp/p14/start.sh 6001 9601 -Xlog:gc:file=$o/gc.log -Dstarling.gateway.default-app.subscription-count-events=false "$@")
fi
for i in 1 2 3 4 5 6 7 8; do
  perf/bench/loadgen.sh churn --connections 100 --rate 1 --churn-rate 300 --churn-lifetime 1 --baseline 5 --duration 15 --server-pid $PID --json $o/churn-$i.json 2>&1 | grep -E "^\s+server:|^churn" | sed "s/^/  $i /"
done
kill $PID; sleep 2
echo FINISHED
