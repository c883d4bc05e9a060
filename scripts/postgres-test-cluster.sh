#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: started on a free port of 127.0.0.1, stopped and
# deleted afterwards.
#
#   scripts/postgres-test-cluster.sh start          start one; print `export` lines on stdout
#   scripts/postgres-test-cluster.sh stop DIR       stop the cluster in DIR and delete DIR
#   scripts/postgres-test-cluster.sh run -- CMD...  start one, run CMD with the variables set,
#                                                   always stop it; exit with CMD's status
#
# What `start` exports:
#   TESSERA_TEST_PG_URL           postgres://tessera:<password>@127.0.0.1:<port>/tessera  (scram-sha-256)
#   TESSERA_TEST_PG_MD5_URL       the same server, user tessera_md5 (md5 auth)
#   TESSERA_TEST_PG_PASSWORD_URL  user tessera_password (cleartext password auth)
#   TESSERA_TEST_PG_TRUST_URL     user tessera_trust, no password (trust auth)
#   TESSERA_TEST_PG_UNICODE_URL   user tessera_unicode, scram, a non-ASCII password with URL-reserved characters
#   TESSERA_TEST_PG_DIR           the cluster's folder (data, log, Unix socket), for `stop`
#   TESSERA_TEST_PG_BINDIR        PostgreSQL's programs (psql, pg_ctl …)
#
# Debian's `postgresql` package is installed with apt-get when no initdb is found (as root).
# initdb refuses to run as root, so the server runs as the `postgres` user.
set -euo pipefail

die() { echo "postgres-test-cluster: error: $*" >&2; exit 1; }

find_bindir() {
  local dir
  # The newest installed major version.
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -t/ -k5 -n -r); do
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ] && [ -x "$dir/postgres" ]; then echo "$dir"; return 0; fi
  done
  if command -v pg_config >/dev/null 2>&1; then
    dir="$(pg_config --bindir)"
    if [ -x "$dir/initdb" ] && [ -x "$dir/pg_ctl" ]; then echo "$dir"; return 0; fi
  fi
  return 1
}

install_postgres() {
  [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 \
    || die "PostgreSQL's server programs (initdb, pg_ctl) are not installed. Install Debian's package: sudo apt-get install postgresql"
  echo "postgres-test-cluster: installing Debian's postgresql package (once)…" >&2
  apt-get update -qq >/dev/null 2>&1 || die "apt-get update failed"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null 2>&1 \
    || die "apt-get install postgresql failed; run it by hand to see why"
}

# Runs a command as the cluster's owner (the postgres user when we are root).
as_owner() {
  if [ "$(id -u)" = 0 ]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

port_is_free() {
  # A successful connection means someone listens there.
  ! (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

free_port() {
  local port tries=0
  while [ $tries -lt 100 ]; do
    port=$(( 20000 + RANDOM % 40000 ))
    if port_is_free "$port"; then echo "$port"; return 0; fi
    tries=$((tries + 1))
  done
  die "no free TCP port found on 127.0.0.1"
}

random_password() {
  # Hex: safe in a URL and in SQL without quoting concerns.
  od -An -N12 -tx1 /dev/urandom | tr -d ' \n'
}

cmd_start() {
  local bindir dir port password log
  bindir="$(find_bindir)" || { install_postgres; bindir="$(find_bindir)" || die "initdb still not found after installing postgresql"; }
  if [ "$(id -u)" = 0 ]; then id postgres >/dev/null 2>&1 || die "the 'postgres' user does not exist (it comes with Debian's postgresql package)"; fi

  dir="$(mktemp -d "${TMPDIR:-/tmp}/tessera-pg.XXXXXX")"
  chmod 755 "$dir"
  [ "$(id -u)" = 0 ] && chown postgres: "$dir"
  log="$dir/server.log"
  password="$(random_password)"

  if ! as_owner "$bindir/initdb" -D "$dir/data" -U postgres --auth-local=trust --auth-host=scram-sha-256 \
      --encoding=UTF8 --locale=C.UTF-8 --no-sync >"$dir/initdb.log" 2>&1; then
    cat "$dir/initdb.log" >&2
    rm -rf "$dir"
    die "initdb failed (output above)"
  fi

  # Throwaway cluster: speed over durability. The Unix socket lives in the cluster's folder.
  cat >>"$dir/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$dir'
fsync = off
synchronous_commit = off
full_page_writes = off
password_encryption = 'scram-sha-256'
log_min_messages = warning
CONF
  # First match wins: the md5, cleartext and trust users get their own methods; everyone else scram.
  local hba="$dir/data/pg_hba.conf"
  { echo "host all tessera_md5 127.0.0.1/32 md5"
    echo "host all tessera_password 127.0.0.1/32 password"
    echo "host all tessera_trust 127.0.0.1/32 trust"
    cat "$hba"; } >"$hba.new"
  mv "$hba.new" "$hba"
  [ "$(id -u)" = 0 ] && chown postgres: "$hba"

  local attempt=0 started=0
  while [ $attempt -lt 5 ]; do
    port="$(free_port)"
    if as_owner "$bindir/pg_ctl" -D "$dir/data" -l "$log" -o "-p $port" -w -t 60 start >/dev/null 2>&1; then
      started=1; break
    fi
    attempt=$((attempt + 1))   # most likely someone took the port meanwhile
  done
  if [ $started = 0 ]; then
    tail -n 20 "$log" >&2 || true
    rm -rf "$dir"
    die "the server did not start (log above)"
  fi

  local psql=("$bindir/psql" -X -q -v ON_ERROR_STOP=1 -h "$dir" -p "$port" -U postgres -d postgres)
  if ! PGCLIENTENCODING=UTF8 as_owner "${psql[@]}" >"$dir/setup.log" 2>&1 <<SQL
CREATE ROLE tessera LOGIN PASSWORD '$password';
CREATE DATABASE tessera OWNER tessera;
CREATE ROLE tessera_trust LOGIN;
CREATE ROLE tessera_password LOGIN PASSWORD '$password';
CREATE ROLE tessera_unicode LOGIN PASSWORD 'Päﬁ s@w:rd/%-$password';
SET password_encryption = 'md5';
CREATE ROLE tessera_md5 LOGIN PASSWORD '$password';
GRANT tessera TO tessera_trust, tessera_password, tessera_md5, tessera_unicode;
SQL
  then
    cat "$dir/setup.log" >&2
    cmd_stop "$dir"
    die "could not create the test users and database (output above)"
  fi

  local base="127.0.0.1:$port/tessera"
  echo "export TESSERA_TEST_PG_URL='postgres://tessera:$password@$base'"
  echo "export TESSERA_TEST_PG_MD5_URL='postgres://tessera_md5:$password@$base'"
  echo "export TESSERA_TEST_PG_PASSWORD_URL='postgres://tessera_password:$password@$base'"
  echo "export TESSERA_TEST_PG_TRUST_URL='postgres://tessera_trust@$base'"
  # The password 'Pä<U+FB01 ligature> s@w:rd/%-...' percent-encoded: exercises SASLprep (NFKC) and URL decoding.
  echo "export TESSERA_TEST_PG_UNICODE_URL='postgres://tessera_unicode:P%C3%A4%EF%AC%81%20s%40w%3Ard%2F%25-$password@$base'"
  echo "export TESSERA_TEST_PG_DIR='$dir'"
  echo "export TESSERA_TEST_PG_BINDIR='$bindir'"
}

cmd_stop() {
  local dir="${1:-}"
  [ -n "$dir" ] || die "usage: $0 stop DIR"
  [ -e "$dir" ] || return 0
  [ -f "$dir/data/PG_VERSION" ] || [ ! -d "$dir/data" ] || die "$dir does not look like a test cluster; not touching it"
  case "$(basename "$dir")" in tessera-pg.*) ;; *) die "$dir was not made by this script; not deleting it" ;; esac
  if [ -f "$dir/data/postmaster.pid" ]; then
    local bindir
    bindir="$(find_bindir)" || die "pg_ctl not found"
    as_owner "$bindir/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir"
}

cmd_run() {
  [ "${1:-}" = "--" ] && shift
  [ $# -gt 0 ] || die "usage: $0 run -- COMMAND [ARGS...]"
  local exports
  exports="$(cmd_start)" || exit 1
  eval "$exports"
  trap 'cmd_stop "$TESSERA_TEST_PG_DIR"' EXIT
  trap 'exit 130' INT TERM
  local status=0
  "$@" || status=$?
  exit $status
}

case "${1:-}" in
  start) shift; cmd_start "$@" ;;
  stop) shift; cmd_stop "$@" ;;
  run) shift; cmd_run "$@" ;;
  *) echo "usage: $0 start | stop DIR | run -- COMMAND [ARGS...]" >&2; exit 2 ;;
esac
