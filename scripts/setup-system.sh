#!/usr/bin/env bash
# Installs the Debian packages the Swift build links against, when they are missing:
#   libsqlite3-dev   the catalog's SQLite (GRDB links the system library)
#   python3, python3-venv   the virtual environments of the benchmarks' peers and of the
#                    OpenLineage validator the tests use (Debian's python3 has no venv without it)
#   curl, openssl    the HTTP API's tests call `tessera serve` with curl, and make a self-signed
#                    certificate with openssl for its TLS
#   wrk              the HTTP load generator of the API benchmark (W8)
#   libcairo2-dev    cairo, which draws dashboards to PDF and PNG (the CCairo module, via pkg-config)
#   fonts-dejavu-core   DejaVu Sans, the font dashboards are drawn in (found through fontconfig)
#   poppler-utils    pdftotext, pdftoppm, pdffonts and pdfinfo, with which the tests read rendered PDFs
# Root on Debian installs them; anyone else is told what to install.
set -euo pipefail

missing=()
[ -f /usr/include/sqlite3.h ] || missing+=(libsqlite3-dev)
if ! command -v python3 >/dev/null; then
  missing+=(python3 python3-venv)
elif ! python3 -c 'import ensurepip, venv' >/dev/null 2>&1; then
  missing+=(python3-venv)
fi
for tool in curl openssl wrk; do
  command -v "$tool" >/dev/null || missing+=("$tool")
done
[ -f /usr/include/cairo/cairo-pdf.h ] || missing+=(libcairo2-dev)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)

if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing Debian packages: ${missing[*]}"
  apt-get update -qq >/dev/null 2>&1 || true
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "setup: error: missing: ${missing[*]}. Install them (e.g. 'sudo apt-get install ${missing[*]}') and run 'make setup' again." >&2
  exit 1
fi
