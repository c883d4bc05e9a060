#!/usr/bin/env bash
# Measures PostgresWire's COPY TO STDOUT against psql's \copy on the same server, and the peak
# memory of a copy at two sizes (docs/reference/postgres-wire.md shows the results).
#
#   scripts/postgres-wire-bench.sh [ROWS_SMALL [ROWS_LARGE]]     defaults: 1000000 5000000
#
# Builds the tests in release mode (with testing enabled), starts a throwaway cluster
# (scripts/postgres-test-cluster.sh), creates two tables of 8 mixed columns, then for each size
# times `psql -c "\copy (select * from t) to file csv"` and the disabled-by-default test
# CopyOutBenchmark, each run under /usr/bin/time -v, best of RUNS (default 3).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
SMALL="${1:-1000000}"
LARGE="${2:-5000000}"
RUNS="${RUNS:-3}"

if [ ! -x /usr/bin/time ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq >/dev/null 2>&1 || true
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq time >/dev/null
  else
    echo "postgres-wire-bench: /usr/bin/time is missing (sudo apt-get install time)" >&2; exit 1
  fi
fi

if [ -z "${TESSERA_TEST_PG_URL:-}" ]; then
  exec scripts/postgres-test-cluster.sh run -- "$0" "$@"
fi

swift build -c release --build-tests -Xswiftc -enable-testing >/dev/null
TESTS="$(swift build -c release --show-bin-path)/tesseraPackageTests.xctest"
PSQL="$TESSERA_TEST_PG_BINDIR/psql"
OUT="$(mktemp -d)"
trap 'rm -rf "$OUT"' EXIT

make_table() { # name rows
  "$PSQL" -X -q -v ON_ERROR_STOP=1 --dbname "$TESSERA_TEST_PG_URL" <<SQL
create table if not exists $1 as
select i::bigint as id,
       'customer ' || (i % 9973) as customer,
       case when i % 17 = 0 then null else (i % 100000) * 0.37 end::numeric(12,2) as amount,
       i::float8 / 7 as ratio,
       timestamptz '2024-01-01 00:00:00+00' + i * interval '1 second' as created_at,
       date '2000-01-01' + (i % 9000)::int as day,
       i % 3 = 0 as flag,
       case i % 4 when 0 then 'plain' when 1 then 'with, comma' when 2 then 'with "quote"' else null end as note
from generate_series(1, $2) i;
vacuum analyze $1;
SQL
}

# seconds and peak RSS (KiB) of a command, from /usr/bin/time -v
measure() {
  /usr/bin/time -v "$@" >"$OUT/stdout" 2>"$OUT/time" || { cat "$OUT/stdout" "$OUT/time" >&2; exit 1; }
  local wall rss
  wall="$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$OUT/time")"
  rss="$(awk -F': ' '/Maximum resident set size/ {print $2}' "$OUT/time")"
  # m:ss.ss → seconds
  wall="$(echo "$wall" | awk -F: '{ if (NF == 3) print $1*3600 + $2*60 + $3; else print $1*60 + $2 }')"
  echo "$wall $rss"
}

best() { sort -g | head -1; }

echo "rows,tool,best_wall_s,peak_rss_kib,copy_only_s,csv_bytes"
for rows in "$SMALL" "$LARGE"; do
  table="bench_$rows"
  make_table "$table" "$rows"
  psql_runs=(); ours_runs=(); ours_copy=()
  for _ in $(seq "$RUNS"); do
    psql_runs+=("$(measure "$PSQL" -X -q --dbname "$TESSERA_TEST_PG_URL" -c "\\copy (select * from $table) to '$OUT/psql.csv' csv")")
    ours_runs+=("$(TESSERA_PG_BENCH_SQL="COPY (select * from $table) TO STDOUT (FORMAT csv)" TESSERA_PG_BENCH_OUT="$OUT/ours.csv" \
      measure "$TESTS" --testing-library swift-testing --filter CopyOutBenchmark)")
    ours_copy+=("$(grep -o 'copy_seconds=[0-9.]*' "$OUT/stdout" | cut -d= -f2)")
  done
  cmp -s "$OUT/psql.csv" "$OUT/ours.csv" || { echo "postgres-wire-bench: the two CSV files differ" >&2; exit 1; }
  bytes="$(stat -c %s "$OUT/ours.csv")"
  p_wall="$(printf '%s\n' "${psql_runs[@]}" | awk '{print $1}' | best)"
  p_rss="$(printf '%s\n' "${psql_runs[@]}" | awk '{print $2}' | sort -g | tail -1)"
  o_wall="$(printf '%s\n' "${ours_runs[@]}" | awk '{print $1}' | best)"
  o_rss="$(printf '%s\n' "${ours_runs[@]}" | awk '{print $2}' | sort -g | tail -1)"
  o_copy="$(printf '%s\n' "${ours_copy[@]}" | best)"
  echo "$rows,psql \\copy,$p_wall,$p_rss,,$bytes"
  echo "$rows,PostgresWire copyOut(toFile:),$o_wall,$o_rss,$o_copy,$bytes"
  echo "$rows,ratio (ours/psql wall),$(awk -v a="$o_wall" -v b="$p_wall" 'BEGIN { printf "%.2f", a / b }'),,,"
done
