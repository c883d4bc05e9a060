#!/usr/bin/env bash
# Runs the benchmarks: Tessera and its peers on the same workloads, in one run (see
# docs/performance.md). `make bench` runs everything at full size; `make bench-smoke` (part of
# `make test`) runs every workload at a tiny size and fails if any runner crashes or is wrong.
# Options go to the harness: --workload W1, --reps N, --contender dlt, --rows N, --list, --help.
# Expects `swift build -c release` done (the Makefile does it), or --tessera PATH.
set -euo pipefail
exec python3 "$(dirname "$0")/harness/bench.py" "$@"
