#!/usr/bin/env bash
# `make bi-check`: Apache Superset, installed from PyPI (scripts/setup-superset.sh), against
# `tessera serve --pg-port 0`. It runs the fixture mesh scripts/bi-check/mesh in a temporary
# folder, serves it, creates a token for the principals Superset signs in as, starts Superset
# with its own SQLite metadata database, and lets scripts/bi-check/driver.py do through
# Superset's REST API what a person does in its UI: add the database (test connection first),
# browse schemas and tables, run SQL Lab queries, make a dataset and chart queries, each result
# compared with what `tessera query` says. Exits non-zero, saying what went wrong, on any failure.
# Usage: scripts/bi-check.sh [path/to/tessera]   (KEEP=1 keeps the temporary folder)
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
tessera="$(cd "$root" && realpath -m "${1:-.build/debug/tessera}")"
venv="$root/.deps/superset-venv"
started=$(date +%s)

[ -x "$tessera" ] || { echo "bi-check: $tessera is missing: run make build" >&2; exit 1; }
"$root/scripts/setup-superset.sh"

work="$(mktemp -d "${TMPDIR:-/tmp}/tessera-bi-check.XXXXXX")"
serve_pid=""
superset_pid=""
cleanup() {
    status=$?
    set +e
    [ -n "$superset_pid" ] && kill "$superset_pid" 2>/dev/null && wait "$superset_pid" 2>/dev/null
    [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null && wait "$serve_pid" 2>/dev/null
    if [ "$status" -ne 0 ] || [ -n "${KEEP:-}" ]; then
        echo "bi-check: logs and files kept in $work (serve.log, superset.log)" >&2
    else
        rm -rf "$work"
    fi
}
trap cleanup EXIT

fail() { echo "bi-check: FAIL: $*" >&2; exit 1; }
free_port() { "$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'; }

# The mesh: run once, so that its products are published.
mesh="$work/mesh"
cp -R "$root/scripts/bi-check/mesh" "$mesh"
(cd "$mesh" && "$tessera" run >"$work/run.log" 2>&1) || { cat "$work/run.log" >&2; fail "tessera run of the fixture mesh failed"; }
token() {
    (cd "$mesh" && "$tessera" token create --principal "$1" --format json) \
        | "$venv/bin/python" -c 'import json, sys; print(json.load(sys.stdin)["token"])'
}
sales_token="$(token sales_reporting)" || fail "tessera token create --principal sales_reporting failed"
reader_token="$(token mia@acme.example)" || fail "tessera token create --principal mia@acme.example failed"

# The service with the PostgreSQL endpoint on a free port, read back from serve.json.
(cd "$mesh" && exec "$tessera" serve --port 0 --pg-port 0 --host 127.0.0.1 >"$work/serve.log" 2>&1) &
serve_pid=$!
pg_port=""
for _ in $(seq 1 150); do
    pg_port="$("$venv/bin/python" -c 'import json, sys; print(json.load(open(sys.argv[1])).get("pgPort", ""))' \
        "$mesh/.tessera/dev/serve.json" 2>/dev/null || true)"
    [ -n "$pg_port" ] && grep -q "postgresql://" "$work/serve.log" && break
    kill -0 "$serve_pid" 2>/dev/null || { cat "$work/serve.log" >&2; fail "tessera serve stopped"; }
    sleep 0.2
done
[ -n "$pg_port" ] || { cat "$work/serve.log" >&2; fail "tessera serve wrote no pgPort into .tessera/dev/serve.json"; }
echo "bi-check: tessera serve: postgresql://127.0.0.1:$pg_port/acme"

# Superset: its own configuration and SQLite metadata database in the temporary folder.
export SUPERSET_CONFIG_PATH="$work/superset_config.py"
export SUPERSET_HOME="$work/superset-home"
export FLASK_APP=superset
cat >"$SUPERSET_CONFIG_PATH" <<EOF
SECRET_KEY = "$("$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(42))')"
SQLALCHEMY_DATABASE_URI = "sqlite:///$work/superset.db"
RATELIMIT_STORAGE_URI = "memory://"
TALISMAN_ENABLED = False
EOF
admin_password="$("$venv/bin/python" -c 'import secrets; print(secrets.token_urlsafe(16))')"
{
    "$venv/bin/superset" db upgrade
    "$venv/bin/superset" fab create-admin --username admin --firstname Bi --lastname Check \
        --email admin@bi-check.invalid --password "$admin_password"
    "$venv/bin/superset" init
} >"$work/superset-setup.log" 2>&1 || { tail -40 "$work/superset-setup.log" >&2; fail "setting Superset up failed"; }
superset_port="$(free_port)"
"$venv/bin/superset" run -h 127.0.0.1 -p "$superset_port" --with-threads >"$work/superset.log" 2>&1 &
superset_pid=$!
echo "bi-check: Superset $("$venv/bin/python" -c 'import importlib.metadata as m; print(m.version("apache-superset"))') on http://127.0.0.1:$superset_port"

"$venv/bin/python" "$root/scripts/bi-check/driver.py" \
    --superset "http://127.0.0.1:$superset_port" --admin-password="$admin_password" --pg-port "$pg_port" \
    --token "$sales_token" --reader-token "$reader_token" --tessera "$tessera" --mesh "$mesh" \
    --superset-log "$work/superset.log" --serve-log "$work/serve.log"
echo "bi-check: passed in $(($(date +%s) - started)) s"
