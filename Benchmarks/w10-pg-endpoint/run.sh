#!/usr/bin/env bash
# W10: the PostgreSQL endpoint of `tessera serve --pg-port 0` against a real PostgreSQL 15 serving
# the same table: whole-table streams to psycopg and psql, count(*) round trips, 20 concurrent
# clients (see pg_endpoint.py).
# usage: Benchmarks/w10-pg-endpoint/run.sh [--smoke] [--tessera PATH] [--reps N] [--rows N]
# (expects `swift build -c release` done; PostgreSQL's server programs come from Debian's
# postgresql package, the clients from scripts/setup-pg-clients.sh)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$here/../.."
"$root/scripts/setup-pg-clients.sh" >&2
exec "$root/.deps/pg-clients-venv/bin/python" "$here/pg_endpoint.py" "$@"
