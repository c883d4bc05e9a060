"""Checks one W1 contender's output against the generator's answer. Runs in the duckdb virtualenv.

    python check.py EXPECTED_JSON --db FILE --table SCHEMA.TABLE [--parquet GLOB]
    python check.py EXPECTED_JSON --state DIR          (Tessera: finds src.orders and the landing Parquet)

Prints one JSON line {"ok": bool, "detail": "..."}; exits 0 when ok, 1 when not. The
deduplicated table must hold exactly the latest version of every order: its row count, its
distinct keys, the sum of amount and the sum of updated_at must all equal the answer.
A raw Parquet copy, where the contender writes one, must hold every row of the CSV.
"""
import argparse
import decimal
import glob
import json
import os
import sys

import duckdb

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from outputs import open_table  # noqa: E402


def quote(path: str) -> str:
    return "'" + path.replace("'", "''") + "'"




def check_table(con, table: str, expected: dict) -> list:
    row = con.execute(
        f"SELECT count(*), count(DISTINCT order_id), sum(amount)::VARCHAR, "
        f"sum(epoch(updated_at))::BIGINT FROM {table}"
    ).fetchone()
    problems = []
    if row[0] != expected["unique_keys"]:
        problems.append(f"{row[0]} rows, expected {expected['unique_keys']}")
    if row[1] != expected["unique_keys"]:
        problems.append(f"{row[1]} distinct order_id, expected {expected['unique_keys']}")
    if row[2] is None or decimal.Decimal(row[2]) != decimal.Decimal(expected["sum_amount"]):
        problems.append(f"sum(amount) {row[2]}, expected {expected['sum_amount']} (not the latest versions?)")
    if row[3] != expected["sum_updated_at_epoch"]:
        problems.append(f"sum(updated_at) {row[3]}, expected {expected['sum_updated_at_epoch']} (not the latest versions?)")
    return problems


def check_parquet(files: list, what: str, expected: dict) -> list:
    if not files:
        return [f"no Parquet copy at {what}"]
    listed = ", ".join(quote(f) for f in files)
    rows = duckdb.connect().execute(f"SELECT count(*) FROM read_parquet([{listed}])").fetchone()[0]
    if rows != expected["rows"]:
        return [f"the Parquet copy holds {rows} rows, expected {expected['rows']}"]
    return []


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("expected")
    parser.add_argument("--db")
    parser.add_argument("--table")
    parser.add_argument("--parquet")
    parser.add_argument("--state")
    args = parser.parse_args()
    with open(args.expected, encoding="utf-8") as f:
        expected = json.load(f)

    problems = []
    if args.state:
        # Tessera: the standardized table src.orders is in one of the warehouses under the
        # state folder; the raw batch is Parquet in the landing zone (docs/ingestion.md).
        table = open_table(args.state, "src", "orders")
        if table is None:
            problems.append(f"no table src.orders in any DuckDB file under {args.state}")
        else:
            problems += check_table(table, "src.orders", expected)
        landing = [p for p in glob.glob(os.path.join(args.state, "**", "*.parquet"), recursive=True) if "landing" in p]
        problems += check_parquet(sorted(landing), f"{args.state}/**/*landing*/**/*.parquet", expected)
    else:
        con = duckdb.connect(args.db, read_only=True)
        problems += check_table(con, args.table, expected)
        if args.parquet:
            problems += check_parquet(sorted(glob.glob(args.parquet, recursive=True)), args.parquet, expected)

    if problems:
        print(json.dumps({"ok": False, "detail": "; ".join(problems)}))
        return 1
    detail = f"{expected['unique_keys']:,} rows, latest versions"
    print(json.dumps({"ok": True, "detail": detail}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
