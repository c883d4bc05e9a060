"""W1 data: an orders CSV with a known answer. Runs in the duckdb virtualenv.

    python generate.py --rows N --seed S --out DIR

Writes DIR/orders.csv and DIR/expected.json. Every value is a function of (seed, row number)
through DuckDB's hash(), so the same N and seed give the same bytes (with the pinned DuckDB).

Of the N rows, N // 1000 (0.1%) repeat the order_id of another row with a different
updated_at: half of them newer than the row they repeat (and with another status and amount),
half older. They are shuffled through the file, so a repeat often comes before the row it
repeats: only "latest by updated_at" gives the right answer, "last one read" does not.
Columns: BIGINT, INTEGER, DECIMAL(12,2), TIMESTAMP, and strings, some quoted because they
contain commas or double quotes, some empty.
"""
import argparse
import json
import os
import sys
import time

import duckdb

COLUMNS = [  # name, DuckDB type: the schema every contender declares
    ("order_id", "BIGINT"),
    ("customer_id", "BIGINT"),
    ("status", "VARCHAR"),
    ("quantity", "INTEGER"),
    ("amount", "DECIMAL(12,2)"),
    ("currency", "VARCHAR"),
    ("ordered_at", "TIMESTAMP"),
    ("updated_at", "TIMESTAMP"),
    ("email", "VARCHAR"),
    ("shipping_address", "VARCHAR"),
    ("note", "VARCHAR"),
]

BASE = """
CREATE TABLE base AS
SELECT
    i,
    1000001 + i AS order_id,
    1 + r(1, i, 250000) AS customer_id,
    ['placed', 'paid', 'shipped', 'delivered', 'returned'][1 + r(2, i, 5)] AS status,
    (1 + r(3, i, 12))::INTEGER AS quantity,
    ((r(4, i, 2500000))::BIGINT * 0.01)::DECIMAL(12,2) AS amount,
    ['EUR', 'USD', 'GBP', 'CHF'][1 + r(5, i, 4)] AS currency,
    TIMESTAMP '2024-01-01 00:00:00' + to_seconds((r(6, i, 63072000))::BIGINT) AS ordered_at,
    ordered_at + to_seconds(60 + r(7, i, 2592000)) AS updated_at,
    'customer' || customer_id || '@example.com' AS email,
    (1 + r(8, i, 9999))::VARCHAR || ' '
        || ['Elm', 'Oak', 'Maple', 'Birch', 'Cedar', 'Pine', 'Willow', 'Ash'][1 + r(9, i, 8)]
        || ' Street, '
        || ['Springfield', 'Riverton', 'Lakeside', 'Fairview', 'Greenville', 'Franklin'][1 + r(10, i, 6)]
        || ', ' || lpad((r(11, i, 100000))::VARCHAR, 5, '0') AS shipping_address,
    CASE r(12, i, 8)
        WHEN 0 THEN 'Leave at the door, ring twice'
        WHEN 1 THEN 'Gift: wrap it, no invoice'
        WHEN 2 THEN 'Customer said "fragile"'
        WHEN 3 THEN 'Deliver after 6pm'
        ELSE NULL
    END AS note
FROM range({unique}) AS g(i)
"""

# Repeat number j (0 <= j < D) repeats base row k = j * (U // D) + an offset inside its block,
# so no key is repeated twice and there is never a tie on updated_at.
REPEATS = """
CREATE TABLE repeats AS
SELECT
    {unique} + j AS i,
    b.order_id,
    b.customer_id,
    CASE WHEN j % 2 = 0 THEN 'cancelled' ELSE b.status END AS status,
    b.quantity,
    (CASE WHEN j % 2 = 0 THEN b.amount + 1.00 + (j % 97) ELSE b.amount + 0.50 END)::DECIMAL(12,2) AS amount,
    b.currency,
    b.ordered_at,
    CASE WHEN j % 2 = 0
        THEN b.updated_at + to_seconds((1 + r(20, j, 864000))::BIGINT)
        ELSE b.updated_at - to_seconds((1 + r(21, j, 864000))::BIGINT)
    END AS updated_at,
    b.email,
    b.shipping_address,
    'Amended, see ticket #' || j AS note
FROM range({repeats}) AS g(j)
JOIN base AS b ON b.i = j * ({unique} // {repeats}) + r(22, j, ({unique} // {repeats}))
"""


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, required=True)
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    repeats = max(1, args.rows // 1000)
    unique = args.rows - repeats
    os.makedirs(args.out, exist_ok=True)
    csv_path = os.path.join(args.out, "orders.csv")
    names = ", ".join(name for name, _ in COLUMNS)
    params = {"seed": args.seed, "unique": unique, "repeats": repeats}
    started = time.perf_counter()

    con = duckdb.connect()
    # r(k, x, n): the k-th pseudo-random whole number in [0, n) for row x.
    con.execute(f"CREATE MACRO r(k, x, n) AS (hash({args.seed}, k, x) % n)::BIGINT").fetchall()
    con.execute(BASE.format(**params)).fetchall()
    con.execute(REPEATS.format(**params)).fetchall()
    con.execute(f"CREATE VIEW all_rows AS SELECT i, {names} FROM base UNION ALL SELECT i, {names} FROM repeats")
    # Shuffled by a hash of the row number; ties (none in practice) broken by the row number.
    con.execute(
        f"COPY (SELECT {names} FROM all_rows ORDER BY hash({args.seed}, 30, i), i) "
        f"TO '{csv_path}' (FORMAT csv, HEADER true, DELIMITER ',', QUOTE '\"', ESCAPE '\"', "
        "TIMESTAMPFORMAT '%Y-%m-%d %H:%M:%S')"
    ).fetchall()

    # The answer, computed from the rows as built (not from the CSV) and with arg_max rather
    # than the window function the reference uses: the latest version of each order.
    answer = con.execute(
        """
        WITH latest AS (
            SELECT order_id, arg_max(amount, updated_at) AS amount, max(updated_at) AS updated_at,
                   arg_max(status, updated_at) AS status
            FROM all_rows GROUP BY order_id
        )
        SELECT count(*), sum(amount)::VARCHAR, sum(epoch(updated_at))::BIGINT,
               count(*) FILTER (WHERE status = 'cancelled')
        FROM latest
        """
    ).fetchone()
    raw_rows = con.execute("SELECT count(*) FROM all_rows").fetchone()[0]
    expected = {
        "rows": raw_rows,
        "unique_keys": answer[0],
        "sum_amount": answer[1],
        "sum_updated_at_epoch": answer[2],
        "cancelled": answer[3],
        "seed": args.seed,
        "csv_bytes": os.path.getsize(csv_path),
        "columns": [{"name": n, "type": t} for n, t in COLUMNS],
        "duckdb": duckdb.__version__,
        "seconds": round(time.perf_counter() - started, 2),
    }
    assert raw_rows == args.rows and answer[0] == unique, (raw_rows, answer)
    with open(os.path.join(args.out, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=2)
    print(json.dumps(expected))
    return 0


if __name__ == "__main__":
    sys.exit(main())
