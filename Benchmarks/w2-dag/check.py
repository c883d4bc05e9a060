"""Checks a W2 contender's output: every last-layer model's table has its rows and sum of k.
Runs in the duckdb virtualenv.

    python check.py EXPECTED_JSON --db FILE        (the reference's database)
    python check.py EXPECTED_JSON --state DIR      (Tessera: the DuckDB files under its state folder)

Prints {"ok": bool, "detail": "..."}; exits 0 when ok.
"""
import argparse
import json
import os
import sys

import duckdb

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from outputs import duckdb_files  # noqa: E402




def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("expected")
    parser.add_argument("--db")
    parser.add_argument("--state")
    args = parser.parse_args()
    with open(args.expected) as f:
        expected = json.load(f)
    files = [args.db] if args.db else duckdb_files(args.state)
    found = {}  # model -> (rows, sum k), from whichever file and schema holds a table of its name
    for path in files:
        con = duckdb.connect(path, read_only=True)
        tables = con.execute("SELECT table_schema, table_name FROM information_schema.tables").fetchall()
        for schema, table in tables:
            if table in expected["last_layer"] and table not in found:
                found[table] = con.execute(f'SELECT count(*), sum(k) FROM "{schema}"."{table}"').fetchone()
        con.close()
    problems = []
    for model, want in expected["last_layer"].items():
        got = found.get(model)
        if got is None:
            problems.append(f"no table {model}")
        elif (got[0], got[1]) != (want["rows"], want["sum_k"]):
            problems.append(f"{model}: {got[0]} rows, sum(k) {got[1]}; expected {want['rows']}, {want['sum_k']}")
    if problems:
        print(json.dumps({"ok": False, "detail": "; ".join(problems[:5]) + (" …" if len(problems) > 5 else "")}))
        return 1
    print(json.dumps({"ok": True, "detail": f"{expected['models']} models, last layer right"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
