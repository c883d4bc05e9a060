"""W1 with dlt 1.31: its fastest idiomatic path from a CSV file to a deduplicated DuckDB table.

    python dlt_merge.py CSV_FILE OUT_DIR

filesystem | read_csv_duckdb(use_pyarrow=True, chunk_size=500_000): DuckDB parses the CSV and hands
Arrow batches to dlt (the default path fails with duckdb 2.0: its relations have no fetchmany()).
The types are declared, as for the other contenders. write_disposition="merge" with primary_key
order_id and dedup_sort desc on updated_at: one row per order, the latest. Destination:
OUT_DIR/dlt.duckdb, dataset `bench`, table `orders`; the pipeline's working folder is in OUT_DIR too
(fresh per run).
"""
import json
import os
import sys

import dlt
from dlt.sources.filesystem import filesystem, read_csv_duckdb


def main() -> int:
    csv_file, out_dir = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with open(os.path.join(os.path.dirname(csv_file), "expected.json"), encoding="utf-8") as f:
        columns = {c["name"]: c["type"] for c in json.load(f)["columns"]}
    files = filesystem(bucket_url=os.path.dirname(csv_file), file_glob=os.path.basename(csv_file))
    orders = (files | read_csv_duckdb(use_pyarrow=True, chunk_size=500_000, header=True, dtype=columns)).with_name("orders")
    orders.apply_hints(
        write_disposition="merge",
        primary_key="order_id",
        columns={"updated_at": {"dedup_sort": "desc"}},
    )
    pipeline = dlt.pipeline(
        pipeline_name="w1_orders",
        pipelines_dir=os.path.join(out_dir, "pipelines"),
        destination=dlt.destinations.duckdb(os.path.join(out_dir, "dlt.duckdb")),
        dataset_name="bench",
    )
    info = pipeline.run(orders)
    info.raise_on_failed_jobs()
    return 0


if __name__ == "__main__":
    sys.exit(main())
