"""The Python side of the decode benchmark: the same query as decode-bench, read with DuckDB's
Python API either as tuples (fetchall) or as numpy arrays (fetchnumpy).

usage: decode.py fetchall|fetchnumpy N
"""
import sys
import time

import duckdb


def main() -> int:
    mode, rows = sys.argv[1], int(sys.argv[2])
    sql = (
        "SELECT i::BIGINT AS a, i::DOUBLE * 1.5 AS b, 'name_' || i AS c, "
        f"TIMESTAMP '2020-01-01' + to_seconds(i) AS d FROM range({rows}) t(i)"
    )
    connection = duckdb.connect()
    start = time.perf_counter()
    if mode == "fetchall":
        result = connection.execute(sql).fetchall()
        count = len(result)
    elif mode == "fetchnumpy":
        result = connection.execute(sql).fetchnumpy()
        count = len(result["a"])
    else:
        print(f"unknown mode {mode}", file=sys.stderr)
        return 2
    print(f"{mode} rows={count} seconds={time.perf_counter() - start:.3f}")
    return 0 if count == rows else 1


if __name__ == "__main__":
    sys.exit(main())
