#!/usr/bin/env bash
# Starts (or, after it was killed, restarts) the TaskManager of the cluster that start.sh set up.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${VPCFLOW_CLUSTER_DIR:-$here/work}
cp=$(cat "$work/classpath.txt")
opens="--add-exports=java.base/sun.net.util=ALL-UNNAMED --add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED
 --add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED --add-opens=java.base/java.lang=ALL-UNNAMED
 --add-opens=java.base/java.net=ALL-UNNAMED --add-opens=java.base/java.io=ALL-UNNAMED --add-opens=java.base/java.nio=ALL-UNNAMED
 --add-opens=java.base/sun.nio.ch=ALL-UNNAMED --add-opens=java.base/java.lang.reflect=ALL-UNNAMED
 --add-opens=java.base/java.text=ALL-UNNAMED --add-opens=java.base/java.time=ALL-UNNAMED --add-opens=java.base/java.util=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent=ALL-UNNAMED --add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED
 --add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"
params=$(java -cp "$cp" org.apache.flink.runtime.util.bash.BashJavaUtils GET_TM_RESOURCE_PARAMS --configDir "$work/conf" \
  2>/dev/null | grep '^BASH_JAVA_UTILS_EXEC_RESULT:' | sed 's/^BASH_JAVA_UTILS_EXEC_RESULT://')
jvm=$(echo "$params" | head -1)
dynamic=$(echo "$params" | tail -1)
# shellcheck disable=SC2086
nohup java $opens $jvm -Dlog4j.configurationFile="file:$work/conf/log4j.properties" \
  -Dlog.file="$work/log/taskmanager.log" -cp "$cp" org.apache.flink.runtime.taskexecutor.TaskManagerRunner \
  --configDir "$work/conf" $dynamic > "$work/log/taskmanager.out" 2>&1 &
echo $! > "$work/taskmanager.pid"
