#!/usr/bin/env bash
# The real PostgreSQL clients the tests of the PostgreSQL endpoint drive: psql (Debian's
# postgresql-client), pgjdbc (libpostgresql-jdbc-java, with default-jdk-headless to compile the
# check) and .deps/pg-clients-venv, a Python virtual environment with the pinned
# psycopg 3 (binary), psycopg2-binary, SQLAlchemy and pandas (what Superset does when it adds a
# database: the inspector, then read_sql). Idempotent: when the venv already has these exact
# versions it does nothing. The tests fail (never skip) when these are missing.
set -euo pipefail

PSYCOPG_VERSION=3.3.9
PSYCOPG2_VERSION=2.9.13
SQLALCHEMY_VERSION=2.1.9
PANDAS_VERSION=3.1.1

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.deps/pg-clients-venv"
python="${PYTHON:-python3}"

# psql, and pgjdbc with a JDK to compile the JDBC check: Debian's packages.
missing=()
command -v psql >/dev/null || missing+=(postgresql-client)
[ -f /usr/share/java/postgresql.jar ] || missing+=(libpostgresql-jdbc-java)
command -v javac >/dev/null || missing+=(default-jdk-headless)
if [ "${#missing[@]}" -gt 0 ]; then
    if [ "$(id -u)" = 0 ]; then
        apt-get install -y -q "${missing[@]}" >/dev/null || { apt-get update -q >/dev/null && apt-get install -y -q "${missing[@]}" >/dev/null; }
    else
        echo "setup-pg-clients: install Debian's ${missing[*]}" >&2
        exit 1
    fi
fi

check='import importlib.metadata as m, sys; sys.exit(0 if [m.version(p) for p in ("psycopg", "psycopg-binary", "psycopg2-binary", "sqlalchemy", "pandas")] == [sys.argv[1], sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4]] else 1)'
versions=("$PSYCOPG_VERSION" "$PSYCOPG2_VERSION" "$SQLALCHEMY_VERSION" "$PANDAS_VERSION")
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" "${versions[@]}" 2>/dev/null; then
    exit 0
fi
echo "Setting up PostgreSQL clients in $venv (psycopg $PSYCOPG_VERSION, psycopg2-binary $PSYCOPG2_VERSION, SQLAlchemy $SQLALCHEMY_VERSION, pandas $PANDAS_VERSION)…"
rm -rf "$venv"
mkdir -p "$root/.deps"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "psycopg[binary]==$PSYCOPG_VERSION" "psycopg2-binary==$PSYCOPG2_VERSION" \
    "sqlalchemy==$SQLALCHEMY_VERSION" "pandas==$PANDAS_VERSION"
"$venv/bin/python" -c "$check" "${versions[@]}"
