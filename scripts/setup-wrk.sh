#!/usr/bin/env bash
# Installs wrk (Debian's package), the HTTP load generator of the W8 benchmark. Does nothing when
# it is already there.
set -euo pipefail
command -v wrk >/dev/null && exit 0
if [ "$(id -u)" -ne 0 ]; then
    echo "setup-wrk: wrk is missing; install it with: sudo apt-get install wrk" >&2
    exit 1
fi
apt-get install -y -qq wrk >/dev/null
