#!/usr/bin/env bash
# Creates .deps/openlineage-venv: a Python virtual environment with the pinned openlineage-python
# (the OpenLineage project's own client, whose generated model is the spec's JSON schema in
# Python form) and jsonschema, for scripts/validate-openlineage-events.py. Idempotent: when the
# venv already has these exact versions it does nothing (one `python -c`, well under a second).
set -euo pipefail

OPENLINEAGE_VERSION=1.54.0
JSONSCHEMA_VERSION=4.26.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.deps/openlineage-venv"
python="${PYTHON:-python3}"

check='import importlib.metadata as m, sys; sys.exit(0 if (m.version("openlineage-python"), m.version("jsonschema")) == (sys.argv[1], sys.argv[2]) else 1)'
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" "$OPENLINEAGE_VERSION" "$JSONSCHEMA_VERSION" 2>/dev/null; then
    exit 0
fi

if ! command -v "$python" >/dev/null; then
    echo "setup-openlineage-validator: $python not found; install python3 (and python3-venv on Debian)" >&2
    exit 1
fi
echo "Setting up the OpenLineage validator in $venv (openlineage-python $OPENLINEAGE_VERSION, jsonschema $JSONSCHEMA_VERSION)…"
rm -rf "$venv"
mkdir -p "$root/.deps"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "openlineage-python==$OPENLINEAGE_VERSION" "jsonschema==$JSONSCHEMA_VERSION"
"$venv/bin/python" -c "$check" "$OPENLINEAGE_VERSION" "$JSONSCHEMA_VERSION"
