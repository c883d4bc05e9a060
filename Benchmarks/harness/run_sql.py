"""Runs one SQL script with DuckDB's Python package: the reference ("physical limit") contender.

    python run_sql.py [--db FILE] [--set NAME=VALUE ...] [--out FILE] SCRIPT.sql

`{NAME}` in the script is replaced by VALUE (paths, sizes) before it runs. Each statement is
executed and fully fetched in turn: since DuckDB 2.0, `execute()` is lazy and the work happens
during the fetch. With --db the script runs against that database file, else in memory.
With --out, the rows of the last statement are written to FILE as JSON (a list of objects).
"""
import argparse
import json
import sys

import duckdb


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("script")
    parser.add_argument("--db", default=":memory:")
    parser.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    parser.add_argument("--out")
    args = parser.parse_args()
    with open(args.script, encoding="utf-8") as f:
        sql = f.read()
    for item in args.set:
        name, _, value = item.partition("=")
        sql = sql.replace("{" + name + "}", value)
    con = duckdb.connect(args.db)
    rows, names = [], []
    for statement in duckdb.extract_statements(sql):
        result = con.execute(statement)
        names = [d[0] for d in result.description or []]
        rows = result.fetchall()
    con.close()
    if args.out:
        with open(args.out, "w", encoding="utf-8") as f:
            json.dump([dict(zip(names, row)) for row in rows], f, default=str)
    return 0


if __name__ == "__main__":
    sys.exit(main())
