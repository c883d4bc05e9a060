#!/usr/bin/env bash
# What the web UI's browser tests need: Debian's headless Chromium and its driver (`chromium`,
# `chromium-driver`, installed when missing — as root, or the user is told what to install), and
# .deps/web-venv, a Python virtual environment with the pinned Selenium that drives them.
# Idempotent: when both are there at these versions it does nothing.
set -euo pipefail

SELENIUM_VERSION=4.38.0

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
venv="$root/.deps/web-venv"
python="${PYTHON:-python3}"

missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup-web-test: installing Debian packages: ${missing[*]}"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "setup-web-test: error: missing: ${missing[*]}. Install them (e.g. 'sudo apt-get install ${missing[*]}') and run 'make setup' again." >&2
    exit 1
  fi
fi

check='import importlib.metadata as m, sys; sys.exit(0 if m.version("selenium") == sys.argv[1] else 1)'
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c "$check" "$SELENIUM_VERSION" 2>/dev/null; then
  exit 0
fi
if ! command -v "$python" >/dev/null; then
  echo "setup-web-test: $python not found; install python3 (and python3-venv on Debian)" >&2
  exit 1
fi
echo "Setting up the browser tests' Selenium $SELENIUM_VERSION in $venv…"
rm -rf "$venv"
mkdir -p "$root/.deps"
"$python" -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "selenium==$SELENIUM_VERSION"
"$venv/bin/python" -c "$check" "$SELENIUM_VERSION"
