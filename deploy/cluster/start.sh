#!/usr/bin/env bash
# Starts a Flink 2.2 session cluster (one JobManager, one or more TaskManagers) on loopback, from Maven jars.
# Needs only a JDK 17 and Maven. Settings (environment): VPCFLOW_CLUSTER_DIR (default deploy/cluster/work),
# VPCFLOW_REST_PORT (8081), VPCFLOW_RPC_PORT (6123), VPCFLOW_SLOTS (2), VPCFLOW_TASKMANAGERS (1: "taskmanager";
# more are "taskmanager-2", ...). Stop it with stop.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=env.sh
. "$here/env.sh"
rest_port=${VPCFLOW_REST_PORT:-8081}
rpc_port=${VPCFLOW_RPC_PORT:-6123}
slots=${VPCFLOW_SLOTS:-2}
taskmanagers=${VPCFLOW_TASKMANAGERS:-1}
mkdir -p "$work/conf" "$work/log"

# Build the parent once, then the cluster classpath (cached in the work folder).
if [ ! -s "$work/classpath.txt" ]; then
  mvn -B -q -f "$here/../../pom.xml" -N install -DskipTests >/dev/null
  mvn -B -q -f "$here/pom.xml" dependency:build-classpath -Dmdep.outputFile="$work/classpath.txt" >/dev/null
fi
cp=$(cat "$work/classpath.txt")

cat > "$work/conf/config.yaml" <<EOF
jobmanager.rpc.address: 127.0.0.1
jobmanager.rpc.port: $rpc_port
jobmanager.bind-host: 127.0.0.1
taskmanager.bind-host: 127.0.0.1
taskmanager.host: 127.0.0.1
rest.address: 127.0.0.1
rest.bind-address: 127.0.0.1
rest.port: $rest_port
jobmanager.memory.process.size: 1024m
taskmanager.memory.process.size: 3072m
taskmanager.numberOfTaskSlots: $slots
execution.checkpointing.dir: file://$work/checkpoints
execution.checkpointing.savepoint-dir: file://$work/savepoints
restart-strategy.type: fixed-delay
restart-strategy.fixed-delay.attempts: 10
restart-strategy.fixed-delay.delay: 2 s
heartbeat.interval: 2000
heartbeat.timeout: 10000
web.upload.dir: $work/uploads
# Flink 2.2's file source can strand a finished split fetcher (FLINK-40660); don't wait 30 s for it on close.
source.reader.close.timeout: 2000
EOF
cat > "$work/conf/log4j.properties" <<'EOF'
rootLogger.level = INFO
rootLogger.appenderRef.file.ref = File
appender.file.name = File
appender.file.type = File
appender.file.fileName = ${sys:log.file}
appender.file.layout.type = PatternLayout
appender.file.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n
EOF
mkdir -p "$work/uploads"

jm_jvm=$(utils GET_JM_RESOURCE_PARAMS | head -1)
# shellcheck disable=SC2086
nohup java $opens $jm_jvm "$log4j" -Dlog.file="$work/log/jobmanager.log" -cp "$cp" \
  org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint --configDir "$work/conf" \
  > "$work/log/jobmanager.out" 2>&1 &
echo $! > "$work/jobmanager.pid"
"$here/start-taskmanager.sh" taskmanager
for i in $(seq 2 "$taskmanagers"); do
  "$here/start-taskmanager.sh" "taskmanager-$i"
done

# Ready when the REST API answers with every TaskManager registered.
for _ in $(seq 1 120); do
  registered=$( (curl -sf "http://127.0.0.1:$rest_port/overview" 2>/dev/null || true) \
    | sed -n 's/.*"taskmanagers":\([0-9]*\).*/\1/p')
  if [ "${registered:-0}" -ge "$taskmanagers" ]; then
    echo "Flink is up: http://127.0.0.1:$rest_port"
    exit 0
  fi
  sleep 0.5
done
echo "Flink did not come up: see $work/log" >&2
exit 1
