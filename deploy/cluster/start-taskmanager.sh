#!/usr/bin/env bash
# Starts (or, after it was killed, restarts) a TaskManager of the cluster that start.sh set up. The argument names it
# (default "taskmanager"): its pid, log and working folder are its own, as on machines that share no disk.
set -euo pipefail
name=${1:-taskmanager}
case "$name" in (*[!a-z0-9-]*|"") echo "a TaskManager name is lower-case letters, digits and -" >&2; exit 2;; esac
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
mkdir -p "$work/$name"
nohup java $opens $jvm $gc "$log4j" -Dlog.file="$work/log/$name.log" -cp "$cp" \
  org.apache.flink.runtime.taskexecutor.TaskManagerRunner --configDir "$work/conf" $dynamic \
  -D "process.taskmanager.working-dir=$work/$name" -D "taskmanager.resource-id=$name" \
  > "$work/log/$name.out" 2>&1 &
echo $! > "$work/$name.pid"
