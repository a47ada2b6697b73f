#!/usr/bin/env bash
# Starts (or, after it was killed, restarts) the TaskManager of the cluster that start.sh set up.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=env.sh
. "$here/env.sh"
cp=$(cat "$work/classpath.txt")
params=$(utils GET_TM_RESOURCE_PARAMS)
jvm=$(echo "$params" | head -1)
dynamic=$(echo "$params" | tail -1)
# shellcheck disable=SC2086
nohup java $opens $jvm "$log4j" -Dlog.file="$work/log/taskmanager.log" -cp "$cp" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$work/conf" $dynamic \
  > "$work/log/taskmanager.out" 2>&1 &
echo $! > "$work/taskmanager.pid"
