#!/usr/bin/env bash
# W8: the HTTP API of `tessera serve` — catalog search and a product page under 50 concurrent
# clients (wrk), and the idle service's memory (see api.py).
# usage: Benchmarks/w8-api/run.sh [--smoke] [--tessera PATH]   (expects `swift build -c release` done)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
"$here/../../scripts/setup-system.sh"
exec python3 "$here/api.py" "$@"
