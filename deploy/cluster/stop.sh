#!/usr/bin/env bash
# Stops the cluster that start.sh started.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
work=${VPCFLOW_CLUSTER_DIR:-$here/work}
for role in taskmanager jobmanager; do
  if [ -f "$work/$role.pid" ]; then
    kill "$(cat "$work/$role.pid")" 2>/dev/null
    rm -f "$work/$role.pid"
  fi
done
exit 0
