#!/usr/bin/env bash
# Creates .deps/api-venv: a Python virtual environment with the pinned openapi-spec-validator (checks
# docs/api/openapi.json is a valid OpenAPI 3.1 document) and schemathesis (calls a live `tessera`
# API with generated requests and checks every answer against that document), for the tests of
# TesseraServer. Idempotent: when the venv already has these exact versions it does nothing.
set -euo pipefail

SPEC_VALIDATOR_VERSION=0.9.0
SCHEMATHESIS_VERSION=4.32.5

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.deps/api-venv"
python="${PYTHON:-python3}"

check='import importlib.metadata as m, sys; sys.exit(0 if (m.version("openapi-spec-validator"), m.version("schemathesis")) == (sys.argv[1], sys.argv[2]) else 1)'
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" "$SPEC_VALIDATOR_VERSION" "$SCHEMATHESIS_VERSION" 2>/dev/null; then
    exit 0
fi

if ! command -v "$python" >/dev/null; then
    echo "setup-api-validators: $python not found; install python3 (and python3-venv on Debian)" >&2
    exit 1
fi
echo "Setting up the API validators in $venv (openapi-spec-validator $SPEC_VALIDATOR_VERSION, schemathesis $SCHEMATHESIS_VERSION)…"
rm -rf "$venv"
mkdir -p "$root/.deps"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check \
    "openapi-spec-validator==$SPEC_VALIDATOR_VERSION" "schemathesis==$SCHEMATHESIS_VERSION"
"$venv/bin/python" -c "$check" "$SPEC_VALIDATOR_VERSION" "$SCHEMATHESIS_VERSION"
