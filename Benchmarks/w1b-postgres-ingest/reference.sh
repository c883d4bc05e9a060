#!/usr/bin/env bash
# W1b's reference ("the physical limit"): PostgreSQL's own CSV export, then DuckDB's CSV reader.
#
#   W1B_PG_URL=postgres://… reference.sh TABLE OUT_DIR DUCKDB_PYTHON
#
# 1. psql's \copy streams `SELECT * FROM TABLE` to OUT_DIR/orders.csv (COPY … TO STDOUT, CSV
#    with a header), 2. DuckDB 2.0 (Python) runs reference.sql: CREATE TABLE orders AS SELECT *
#    FROM read_csv(…) with the column types PostgreSQL has, into OUT_DIR/reference.duckdb.
# The harness times this whole script: both steps, every process.
set -euo pipefail
table="$1" out="$2" python="$3"
here="$(cd "$(dirname "$0")" && pwd)"
: "${W1B_PG_URL:?W1B_PG_URL is not set}"
"${W1B_PSQL:-psql}" -X -q -v ON_ERROR_STOP=1 -d "$W1B_PG_URL" \
  -c "\\copy (SELECT * FROM $table) TO '$out/orders.csv' WITH (FORMAT csv, HEADER)"
"$python" "$here/../harness/run_sql.py" "$here/reference.sql" --db "$out/reference.duckdb" \
  --set "csv='$out/orders.csv'"
