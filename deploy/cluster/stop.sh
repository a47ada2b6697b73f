#!/usr/bin/env bash
# Stops the cluster that start.sh started.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${VPCFLOW_CLUSTER_DIR:-$here/work}
for pid in "$work"/taskmanager*.pid "$work/jobmanager.pid"; do
  if [ -f "$pid" ]; then
    kill "$(cat "$pid")" 2>/dev/null
    rm -f "$pid"
  fi
done
exit 0
