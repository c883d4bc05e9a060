#!/usr/bin/env bash
# Runs every benchmark workload under Benchmarks/ (each a folder with its own run.sh), side by
# side with the peers it races. `--smoke` runs each at a tiny size so that none silently breaks;
# `make bench-smoke` (part of `make test`) does that. Expects `swift build -c release` done.
set -euo pipefail
cd "$(dirname "$0")"
status=0
for workload in */run.sh; do
  name="$(dirname "$workload")"
  echo "== benchmark: $name $*"
  if ! "./$workload" "$@"; then
    echo "benchmark $name failed" >&2
    status=1
  fi
done
exit $status
