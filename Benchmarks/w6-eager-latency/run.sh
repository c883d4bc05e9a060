#!/usr/bin/env bash
# W6: eager latency — from an upstream product's publish to the start of its eager consumer's run,
# `tessera serve` against `dagster dev` with declarative automation (see eager.py).
# usage: Benchmarks/w6-eager-latency/run.sh [--smoke]     (expects `swift build -c release` done)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
exec python3 "$here/eager.py" "$@"
