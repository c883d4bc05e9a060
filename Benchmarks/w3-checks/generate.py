"""W3 data: an orders table with a known number of violations of each of ten checks.
Runs in the duckdb virtualenv.

    python generate.py --rows N --seed S --out DIR

Writes DIR/orders.parquet (N rows), DIR/customers.parquet, DIR/w3.duckdb (both as tables, for
the contenders that read a database) and DIR/expected.json. Values come from DuckDB's hash() of
(seed, row number); the violations are planted at rows chosen the same way, a fixed number of
each kind (PLANTED), so every check's answer is known without running it.
"""
import argparse
import json
import os
import sys

import duckdb

CUSTOMERS = 250_000
STATUSES = ["placed", "paid", "shipped", "delivered", "returned"]
# kind -> how many rows break it (at smoke scale too: they are few, and N is at least 10,000)
PLANTED = {"duplicate_id": 3, "null_customer": 5, "bad_status": 7, "bad_amount": 11,
           "bad_email": 13, "orphan_customer": 17, "zero_amount": 19}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    n, seed = args.rows, args.seed
    os.makedirs(args.out, exist_ok=True)
    con = duckdb.connect()
    con.execute(f"CREATE MACRO r(k, x, m) AS (hash({seed}, k, x) % m)::BIGINT").fetchall()
    # Planted rows: kind number t (1..7) owns the rows i with i % 1000 == t and i // 1000 < count;
    # every kind's rows are disjoint, so each check's answer is exactly its PLANTED count.
    kinds = list(PLANTED)
    cases = {kind: f"(i % 1000 = {t + 1} AND i // 1000 < {count})" for t, (kind, count) in enumerate(PLANTED.items())}
    status_list = "[" + ", ".join(f"'{s}'" for s in STATUSES) + "]"
    con.execute(f"""
        CREATE TABLE orders AS
        SELECT
            CASE WHEN {cases['duplicate_id']} THEN 1000001 + i + 1 ELSE 1000001 + i END AS order_id,
            CASE WHEN {cases['null_customer']} THEN NULL
                 WHEN {cases['orphan_customer']} THEN {CUSTOMERS} + 1 + i
                 ELSE 1 + r(1, i, {CUSTOMERS}) END AS customer_id,
            CASE WHEN {cases['bad_status']} THEN 'lost' WHEN {cases['bad_amount']} THEN 'paid' ELSE {status_list}[1 + r(2, i, 5)] END AS status,
            CASE WHEN {cases['bad_amount']} THEN -5.00
                 WHEN {cases['zero_amount']} THEN 0.00
                 ELSE (1 + r(4, i, 2499999)) * 0.01 END::DECIMAL(12,2) AS amount,
            CASE WHEN {cases['bad_email']} THEN 'customer' || i || '.example.com'
                 ELSE 'customer' || i || '@example.com' END AS email,
            TIMESTAMP '2024-01-01 00:00:00' + to_seconds(r(6, i, 63072000)) AS ordered_at
        FROM range({n}) AS g(i)
    """).fetchall()
    con.execute(f"CREATE TABLE customers AS SELECT range + 1 AS customer_id, 'Customer ' || (range + 1) AS name FROM range({CUSTOMERS})").fetchall()
    for table in ("orders", "customers"):
        con.execute(f"COPY {table} TO '{os.path.join(args.out, table + '.parquet')}' (FORMAT parquet)").fetchall()
    db = os.path.join(args.out, "w3.duckdb")
    if os.path.exists(db):
        os.remove(db)
    con.execute(f"ATTACH '{db}' AS w3").fetchall()
    con.execute("CREATE TABLE w3.orders AS SELECT * FROM orders").fetchall()
    con.execute("CREATE TABLE w3.customers AS SELECT * FROM customers").fetchall()
    max_ordered = con.execute("SELECT max(ordered_at)::VARCHAR FROM orders").fetchone()[0]
    con.close()
    # The answer of each of the ten checks: how many rows fail it (row_count: the count itself;
    # freshness: the latest ordered_at).
    expected = {
        "rows": n,
        "checks": {
            "unique_order_id": PLANTED["duplicate_id"],
            "not_null_order_id": 0,
            "not_null_customer_id": PLANTED["null_customer"],
            "accepted_values_status": PLANTED["bad_status"],
            "range_amount": PLANTED["bad_amount"],
            "regex_email": PLANTED["bad_email"],
            "row_count": n,
            "freshness_ordered_at": max_ordered,
            "relationship_customer_id": PLANTED["orphan_customer"],
            "sql_no_free_orders": PLANTED["zero_amount"],
        },
        "bytes": os.path.getsize(os.path.join(args.out, "orders.parquet")),
    }
    with open(os.path.join(args.out, "expected.json"), "w") as f:
        json.dump(expected, f, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
