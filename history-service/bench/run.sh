#!/usr/bin/env bash
# history-service write benchmark (bounded; loopback only): a real Kafka broker in-process, a real PostgreSQL 17
# (durable settings) and the packaged service as a child process. Arguments go to WriteBenchmark, e.g.
#   history-service/bench/run.sh --backlog 200000 --rate 5000 --seconds 30 --channels 1000 --payload 200
set -euo pipefail
cd "$(dirname "$0")/../.."
source bin/find-jdk
JAVA_HOME=$(find_jdk) || { echo "error: a JDK 21 or newer is needed (set JAVA_HOME)" >&2; exit 1; }
export JAVA_HOME PATH="$JAVA_HOME/bin:$PATH"
[ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ] && export MAVEN_OPTS="${MAVEN_OPTS:-} --sun-misc-unsafe-memory-access=allow"

mvn -q -B -DskipTests install -pl protocol,testkit -am
mvn -q -B -DskipTests package -f history-service/pom.xml
mvn -q -B -f history-service/pom.xml dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath
classpath="history-service/target/test-classes:history-service/target/classes:$(cat history-service/target/bench.classpath)"
exec java -Xmx1g -Djava.util.logging.manager=org.jboss.logmanager.LogManager \
  -Dstarling.history.jar=history-service/target/quarkus-app/quarkus-run.jar \
  -cp "$classpath" dev.starling.history.bench.WriteBenchmark "$@"
