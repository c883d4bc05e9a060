#!/usr/bin/env bash
# W7: the scheduler tick over a 2,000-model mesh, and 1,000 schedules due at once (see tick.py).
# usage: Benchmarks/w7-scheduler-tick/run.sh [--smoke]     (expects `swift build -c release` done)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec python3 "$here/tick.py" "$@"
