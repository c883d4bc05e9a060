#!/usr/bin/env bash
# Apache Superset for `make bi-check`: .deps/superset-venv, a Python virtual environment with the
# pinned apache-superset and psycopg2-binary (the driver of Superset's postgresql:// dialect).
# Every other package is pinned by scripts/bi-check/superset-constraints.txt (what pip resolved
# for this Superset), so that a later release of a dependency cannot break the check. Three are
# named too: Superset 6.1.0 imports rich and cachetools without declaring them (older releases of
# its dependencies brought them along), and fails with Flask-Caching 2.5 (its metadata cache
# refuses a new keyword argument).
# Idempotent: when the venv already has these exact versions it does nothing. Not part of
# `make setup`: it downloads a few hundred MB (800 MB installed).
set -euo pipefail

SUPERSET_VERSION=6.1.0
PSYCOPG2_VERSION=2.9.13

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.deps/superset-venv"
constraints="$root/scripts/bi-check/superset-constraints.txt"
python="${PYTHON:-python3}"

check='import importlib.metadata as m, sys; sys.exit(0 if [m.version(p) for p in ("apache-superset", "psycopg2-binary")] == sys.argv[1:] else 1)'
if [ -x "$venv/bin/superset" ] && "$venv/bin/python" -c "$check" "$SUPERSET_VERSION" "$PSYCOPG2_VERSION" 2>/dev/null; then
    exit 0
fi
if ! "$python" -c 'import ensurepip, venv' >/dev/null 2>&1; then
    echo "setup-superset: $python cannot make a virtual environment; install python3 and python3-venv (make setup does)" >&2
    exit 1
fi
echo "Setting up Apache Superset $SUPERSET_VERSION in $venv (some 800 MB, a few minutes)…"
rm -rf "$venv"
mkdir -p "$root/.deps"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --constraint "$constraints" \
    "apache-superset==$SUPERSET_VERSION" "psycopg2-binary==$PSYCOPG2_VERSION" \
    rich cachetools flask-caching
"$venv/bin/python" -c "$check" "$SUPERSET_VERSION" "$PSYCOPG2_VERSION"
