"""W1b with dlt 1.31: its sql_database source, one table from PostgreSQL into DuckDB.

    W1B_PG_URL=postgres://… python dlt_sql.py BACKEND SCHEMA.TABLE OUT_DIR

BACKEND is `pyarrow` (SQLAlchemy + psycopg2 read the rows; dlt builds Arrow tables of
chunk_size rows) or `connectorx` (connectorx reads the whole table straight into Arrow).
sql_table(..., backend=BACKEND) with write_disposition="replace" — a full copy, the idiomatic
fast path for a table that is reloaded whole — into a DuckDB destination: OUT_DIR/dlt.duckdb,
dataset `bench`, table `orders`. The pipeline's working folder is in OUT_DIR too (fresh per run).
"""
import os
import re
import sys

import dlt
from dlt.sources.sql_database import sql_table


def main() -> int:
    backend, qualified, out_dir = sys.argv[1], sys.argv[2], os.path.abspath(sys.argv[3])
    schema, _, table = qualified.rpartition(".")
    # SQLAlchemy 2.1's default PostgreSQL driver is psycopg 3: name psycopg2 (the binary wheel is
    # installed). dlt hands connectorx the same URL without the driver part.
    url = re.sub(r"^postgres(ql)?://", "postgresql+psycopg2://", os.environ["W1B_PG_URL"])
    options = {"chunk_size": 100_000} if backend == "pyarrow" else {}
    orders = sql_table(
        credentials=url, schema=schema or None, table=table, backend=backend,
        reflection_level="full_with_precision", **options,
    ).with_name("orders")
    pipeline = dlt.pipeline(
        pipeline_name=f"w1b_orders_{backend}",
        pipelines_dir=os.path.join(out_dir, "pipelines"),
        destination=dlt.destinations.duckdb(os.path.join(out_dir, "dlt.duckdb")),
        dataset_name="bench",
    )
    info = pipeline.run(orders, write_disposition="replace")
    info.raise_on_failed_jobs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
