#!/usr/bin/env bash
# Provisions DuckDB 2.0.0 for the Swift build into .deps/duckdb (git-ignored):
#   .deps/duckdb/include/duckdb.h     the C API header
#   .deps/duckdb/lib/libduckdb.so     the library (the system one, or the PyPI wheel's)
#   .deps/duckdb/lib/libpython3*.so   only for the wheel: it leaves CPython's symbols undefined
#   .deps/duckdb/STAMP                what was provisioned; a second run with the same inputs does nothing
#
# A system libduckdb found by pkg-config wins. Otherwise the official PyPI distribution is used,
# pinned and hash-checked. Nothing is ever downloaded at run time, and DuckDB is never built
# from source. Anything missing stops the script with what to install.
set -euo pipefail

VERSION=2.0.0
# sha256 of the pinned downloads (pip download --no-deps duckdb==2.0.0).
SHA_WHEEL_CP311=5a3601121c7cc50d0b70412995634682fafcb58a0156d5d663dfd0b3bbe30a33
SHA_WHEEL_ABI3=ab51ec57d329d6f3df37c0287b55d71c3fc07bb54b61d1afed09104f953b1431
SHA_SDIST=09de511ef0dc76a5213e8d3d87a8b89bb4d3e8a6fe73a9f60dc001269946b44f

ROOT="$(cd "$(dirname "$0")/.." && pwd)"
DEST="$ROOT/.deps/duckdb"
CACHE="$ROOT/.deps/downloads"

say() { echo "setup: $*"; }
die() { echo "setup: error: $*" >&2; exit 1; }

sha_ok() { [ -f "$1" ] && [ "$(sha256sum "$1" | cut -d' ' -f1)" = "$2" ]; }

install_debian_packages() {
  # We are allowed to install what is missing when we are root on Debian; otherwise say what to do.
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    say "installing Debian packages: $*"
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    die "missing: $*. Install them (e.g. 'sudo apt-get install $*') and run 'make setup' again."
  fi
}

# --- 1. A system libduckdb wins -------------------------------------------------------------
if command -v pkg-config >/dev/null && pkg-config --exists duckdb 2>/dev/null; then
  incdir="$(pkg-config --variable=includedir duckdb)"
  libdir="$(pkg-config --variable=libdir duckdb)"
  stamp="system $(pkg-config --modversion duckdb) $incdir $libdir"
  if [ -f "$DEST/STAMP" ] && [ "$(cat "$DEST/STAMP")" = "$stamp" ]; then
    say "DuckDB already provisioned (system libduckdb $(pkg-config --modversion duckdb)); nothing to do."
    exit 0
  fi
  rm -rf "$DEST"; mkdir -p "$DEST/include" "$DEST/lib"
  ln -s "$incdir/duckdb.h" "$DEST/include/duckdb.h"
  ln -s "$libdir/libduckdb.so" "$DEST/lib/libduckdb.so"
  echo "$stamp" > "$DEST/STAMP"
  say "using the system libduckdb $(pkg-config --modversion duckdb) from $libdir"
  exit 0
fi

# --- 2. The PyPI distribution ---------------------------------------------------------------
command -v python3 >/dev/null || install_debian_packages python3 python3-pip
python3 -m pip --version >/dev/null 2>&1 || install_debian_packages python3-pip

pyver="$(python3 -c 'import sys; print(f"{sys.version_info[0]}.{sys.version_info[1]}")')"
case "$pyver" in
  3.11) wheel_sha=$SHA_WHEEL_CP311 ;;
  3.1[2-9]) wheel_sha=$SHA_WHEEL_ABI3 ;;
  *) die "python3 is $pyver; the DuckDB $VERSION wheel needs Python 3.11 or newer. Install python3.11 and run 'make setup' again." ;;
esac

# The shared libpython of that same Python: pyenv and python.org builds have it in LIBDIR;
# Debian's comes from the libpython3.X package.
find_libpython() {
  python3 - <<'PY'
import os, sysconfig, sys
names = [sysconfig.get_config_var("LDLIBRARY") or "", sysconfig.get_config_var("INSTSONAME") or "",
         f"libpython{sys.version_info[0]}.{sys.version_info[1]}.so.1.0", f"libpython{sys.version_info[0]}.{sys.version_info[1]}.so"]
dirs = [sysconfig.get_config_var("LIBDIR") or "", sysconfig.get_config_var("LIBPL") or "",
        "/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/usr/local/lib"]
for d in dirs:
    for n in names:
        p = os.path.join(d, n)
        if n.endswith((".so", ".so.1.0")) and os.path.isfile(p):
            print(os.path.realpath(p)); sys.exit(0)
PY
}
libpython="$(find_libpython || true)"
if [ -z "$libpython" ]; then
  install_debian_packages "libpython$pyver"
  libpython="$(find_libpython || true)"
  [ -n "$libpython" ] || die "no shared libpython$pyver found. Install the package libpython$pyver and run 'make setup' again."
fi

stamp="pypi duckdb==$VERSION python$pyver $libpython"
if [ -f "$DEST/STAMP" ] && [ "$(cat "$DEST/STAMP")" = "$stamp" ] && [ -f "$DEST/lib/libduckdb.so" ] && [ -f "$DEST/include/duckdb.h" ]; then
  say "DuckDB $VERSION already provisioned (PyPI wheel, python$pyver); nothing to do."
  exit 0
fi

mkdir -p "$CACHE"
wheel="$(ls "$CACHE"/duckdb-$VERSION-*.whl 2>/dev/null | head -1 || true)"
if [ -z "$wheel" ] || ! sha_ok "$wheel" "$wheel_sha"; then
  rm -f "$CACHE"/duckdb-$VERSION-*.whl
  say "downloading the duckdb==$VERSION wheel from PyPI"
  python3 -m pip download -q --no-deps --only-binary :all: "duckdb==$VERSION" -d "$CACHE" \
    || die "could not download duckdb==$VERSION from PyPI (is the package index reachable?)"
  wheel="$(ls "$CACHE"/duckdb-$VERSION-*.whl | head -1)"
fi
sha_ok "$wheel" "$wheel_sha" || die "$(basename "$wheel") does not match its pinned sha256; refusing to use it."

sdist="$CACHE/duckdb-$VERSION.tar.gz"
if ! sha_ok "$sdist" "$SHA_SDIST"; then
  rm -f "$sdist"
  say "downloading the duckdb==$VERSION source distribution (for duckdb.h)"
  # pip prepares the sdist's metadata, which needs its build backend; those come as wheels.
  # Name duckdb alone in --no-binary: ':all:' would compile CMake from source.
  python3 -m pip download -q --no-deps --no-binary duckdb "duckdb==$VERSION" -d "$CACHE" \
    || die "could not download the duckdb==$VERSION source distribution from PyPI"
fi
sha_ok "$sdist" "$SHA_SDIST" || die "duckdb-$VERSION.tar.gz does not match its pinned sha256; refusing to use it."

tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
python3 - "$wheel" "$tmp" <<'PY'
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
names = [n for n in z.namelist() if n.rsplit("/", 1)[-1].startswith("_duckdb") and n.endswith(".so")]
if len(names) != 1: sys.exit(f"expected one _duckdb*.so in the wheel, found {names}")
with open(sys.argv[2] + "/libduckdb.so", "wb") as f: f.write(z.read(names[0]))
PY
tar -xzf "$sdist" -C "$tmp" "duckdb-$VERSION/external/duckdb/src/include/duckdb.h"

rm -rf "$DEST"; mkdir -p "$DEST/include" "$DEST/lib"
mv "$tmp/libduckdb.so" "$DEST/lib/libduckdb.so"
mv "$tmp/duckdb-$VERSION/external/duckdb/src/include/duckdb.h" "$DEST/include/duckdb.h"
# Link name for the linker and the SONAME the loader looks for, both next to libduckdb.so (rpath).
soname="$(basename "$libpython")"
ln -s "$libpython" "$DEST/lib/$soname"
[ "$soname" = "libpython.so" ] || ln -sf "$libpython" "$DEST/lib/libpython.so"
echo "$stamp" > "$DEST/STAMP"
n="$(nm -D --defined-only "$DEST/lib/libduckdb.so" 2>/dev/null | grep -c ' T duckdb_' || true)"
say "provisioned DuckDB $VERSION from PyPI into .deps/duckdb ($n C API functions; libpython: $libpython)"
