"""Checks one W1b contender's copy of the orders table against what PostgreSQL says it holds.
Runs in the duckdb virtualenv.

    python check.py ANSWER_JSON --db FILE --table SCHEMA.TABLE
    python check.py ANSWER_JSON --state DIR      (Tessera: finds src.orders under its state folder)

ANSWER_JSON is what answer.sql computed in PostgreSQL. The copy must have the same row count,
the same sums of the key, of customer_id, quantity and amount (exactly: amount stays a decimal),
the same numbers of non-NULL values, the same text (bytes of note), the same instants (sums of
the epochs of ordered_at and shipped_at) and the same booleans. Prints one JSON line
{"ok": bool, "detail": "..."}; exits 0 when ok, 1 when not.
"""
import argparse
import decimal
import json
import os
import sys

import duckdb

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "harness"))
from outputs import open_table  # noqa: E402

# name -> DuckDB expression over the copy; the same figures as answer.sql, compared as strings
# of integers or exact decimals.
FIGURES = {
    "rows": "count(*)",
    "sum_id": "sum(id)",
    "sum_customer": "sum(customer_id)",
    "sum_quantity": "sum(quantity)",
    "sum_amount": "sum(amount)",
    "amounts": "count(amount)",
    "notes": "count(note)",
    "note_bytes": "sum(strlen(note))",
    "statuses": "count(DISTINCT status)",
    "sum_ordered_at": "sum(epoch(ordered_at))::BIGINT",
    "sum_shipped_at": "sum(epoch(shipped_at))::BIGINT",
    "shipped": "count(shipped_at)",
    "gifts": "count(*) FILTER (WHERE is_gift)",
    "not_gifts": "count(*) FILTER (WHERE NOT is_gift)",
}




def same(got, want) -> bool:
    if got is None or want is None:
        return got is None and want is None
    return decimal.Decimal(str(got)) == decimal.Decimal(str(want))


def check_table(con, table: str, answer: dict) -> list:
    select = ", ".join(f"({expr})::VARCHAR" for expr in FIGURES.values())
    row = con.execute(f"SELECT {select} FROM {table}").fetchone()
    problems = []
    for (name, _), got in zip(FIGURES.items(), row):
        if not same(got, answer[name]):
            problems.append(f"{name} {got}, PostgreSQL says {answer[name]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("answer")
    parser.add_argument("--db")
    parser.add_argument("--table")
    parser.add_argument("--state")
    args = parser.parse_args()
    with open(args.answer, encoding="utf-8") as f:
        answer = json.load(f)

    problems = []
    if args.state:
        # Tessera: src.orders is in the domain's warehouse under the state folder.
        found = open_table(args.state, "src", "orders")
        if found is None:
            problems.append(f"no table src.orders in any DuckDB file under {args.state}")
        else:
            problems += check_table(found, "src.orders", answer)
    else:
        problems += check_table(duckdb.connect(args.db, read_only=True), args.table, answer)

    if problems:
        print(json.dumps({"ok": False, "detail": "; ".join(problems)}))
        return 1
    print(json.dumps({"ok": True, "detail": f"{int(answer['rows']):,} rows, checksums = PostgreSQL's"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
