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
# The parallel collector: the enrichment job's readers run 15-20% faster on it than on G1 (bench/BENCHMARKS.md,
# "seventh session"), and with its small heap state a young collection pauses for milliseconds. Keep G1 for a job
# whose window state lives on a large heap.
gc="-XX:+UseParallelGC"
# shellcheck disable=SC2086
nohup java $opens $jvm $gc "$log4j" -Dlog.file="$work/log/taskmanager.log" -cp "$cp" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$work/conf" $dynamic \
  > "$work/log/taskmanager.out" 2>&1 &
echo $! > "$work/taskmanager.pid"
