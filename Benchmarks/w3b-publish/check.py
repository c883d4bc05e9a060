"""W3b output checks. Runs in the duckdb virtualenv; prints {"ok": …, "detail": …} last.

    python check.py --rows N --parquet FILE
    python check.py --rows N --catalog .tessera/dev/catalog.sqlite --product sales.orders [--before ID]

Reference: the Parquet file holds N rows. Tessera: the product's current snapshot (catalog table
`snapshot`, status 'current') has N rows, is not the one that was current before the run (the run
published a new snapshot rather than finding nothing to do), and its Parquet holds N rows.
"""
import argparse
import json
import os
import sqlite3
import sys

import duckdb


def count(path: str) -> int:
    return duckdb.connect().execute(f"SELECT count(*) FROM read_parquet('{path.replace(chr(39), chr(39) * 2)}')").fetchall()[0][0]


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--parquet")
    parser.add_argument("--catalog")
    parser.add_argument("--product", default="sales.orders")
    parser.add_argument("--before", default="")
    args = parser.parse_args()
    problems = []
    if args.parquet:
        rows = count(args.parquet)
        if rows != args.rows:
            problems.append(f"{args.parquet}: {rows:,} rows, expected {args.rows:,}")
        detail = f"{rows:,} rows in the Parquet"
    else:
        con = sqlite3.connect(f"file:{args.catalog}?mode=ro", uri=True)
        current = con.execute("SELECT id, row_count, path FROM snapshot WHERE product = ? AND status = 'current'",
                              (args.product,)).fetchall()
        if len(current) != 1:
            print(json.dumps({"ok": False, "detail": f"{len(current)} current snapshots of {args.product}"}))
            return 0
        sid, rows, path = current[0]
        # The catalog keeps a snapshot's folder relative to the environment's state folder, the
        # catalog's own folder (absolute in catalogs written before that).
        path = os.path.join(os.path.dirname(os.path.abspath(args.catalog)), path)
        if rows != args.rows:
            problems.append(f"current snapshot {sid}: row_count {rows:,}, expected {args.rows:,}")
        if sid == args.before:
            problems.append(f"no new snapshot: {sid} was already current before the run")
        files = [os.path.join(path, f) for f in os.listdir(path) if f.endswith(".parquet")] if os.path.isdir(path) else []
        in_files = count(os.path.join(path, "*.parquet")) if files else 0
        if in_files != args.rows:
            problems.append(f"{path}: {in_files:,} rows in its Parquet, expected {args.rows:,}")
        detail = f"new current snapshot, {rows:,} rows"
    print(json.dumps({"ok": not problems, "detail": "; ".join(problems) or detail}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
