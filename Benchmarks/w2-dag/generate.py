"""W2 data: a DAG of trivial models, as plain SQL. Standard library only.

    python generate.py --models N --width W --out DIR

Layer 0 has W models reading a table function (range); every model of layer L > 0 joins two
models of layer L-1, so N models make N / W layers, each depending on the one before. Writes
DIR/models/<name>.sql (one SELECT each, the form of a Tessera model), DIR/reference.sql (every
model as CREATE OR REPLACE TABLE, in dependency order, one script), DIR/dbt/ (the same models as
a dbt project: dbt_project.yml, every model a table, models/<name>.sql naming each upstream model
with {{ ref('...') }}; the profile is written per run) and DIR/expected.json (the row count and
sum of k of every last-layer model, computed here, not by DuckDB, and every model's upstream
models).
"""
import argparse
import json
import os

ROWS = 1000  # rows of every model

# The dbt project (benchmark W2/W2b): every model a table. The profile `bench` (dbt-duckdb, a
# database file in the run folder) is written by the workload into each run's folder.
DBT_PROJECT = """\
name: bench
version: "1.0.0"
config-version: 2
profile: bench
model-paths: ["models"]
models:
  bench:
    +materialized: table
"""


def name(layer: int, i: int) -> str:
    return f"m_{layer:03d}_{i:03d}"


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--models", type=int, required=True)
    parser.add_argument("--width", type=int, default=20)
    parser.add_argument("--out", required=True)
    args = parser.parse_args()
    width = min(args.width, args.models)
    layers = args.models // width
    os.makedirs(os.path.join(args.out, "models"), exist_ok=True)

    sql = {}
    dbt = {}  # the same SELECT with {{ ref('...') }} for every upstream model
    depends = {}  # model -> its upstream models
    k = {}  # k[model][id] is known in closed form: k of layer 0 is (id * (i + 1)) % 7
    for layer in range(layers):
        for i in range(width):
            m = name(layer, i)
            if layer == 0:
                sql[m] = f"SELECT range AS id, (range * {i + 1}) % 7 AS k FROM range({ROWS})"
                dbt[m] = sql[m]
                depends[m] = []
                k[m] = [(x * (i + 1)) % 7 for x in range(ROWS)]
            else:
                a, b = name(layer - 1, i), name(layer - 1, (i + 1) % width)
                sql[m] = f"SELECT a.id, (a.k + b.k) % 1000003 AS k FROM {a} AS a JOIN {b} AS b ON a.id = b.id"
                dbt[m] = sql[m].replace(f"FROM {a} AS", f"FROM {{{{ ref('{a}') }}}} AS").replace(
                    f"JOIN {b} AS", f"JOIN {{{{ ref('{b}') }}}} AS")
                depends[m] = sorted({a, b})
                k[m] = [(x + y) % 1000003 for x, y in zip(k[a], k[b])]
        if layer >= 2:  # keep memory flat
            for i in range(width):
                k.pop(name(layer - 2, i), None)

    for m, text in sql.items():
        with open(os.path.join(args.out, "models", f"{m}.sql"), "w") as f:
            f.write(text + "\n")
    with open(os.path.join(args.out, "reference.sql"), "w") as f:
        f.write(f"-- W2 reference: {len(sql)} models, {layers} layers, each a table, in dependency order.\n")
        for m, text in sql.items():  # written layer by layer: a dependency order
            f.write(f"CREATE OR REPLACE TABLE {m} AS {text};\n")
    os.makedirs(os.path.join(args.out, "dbt", "models"), exist_ok=True)
    with open(os.path.join(args.out, "dbt", "dbt_project.yml"), "w") as f:
        f.write(DBT_PROJECT)
    for m, text in dbt.items():
        with open(os.path.join(args.out, "dbt", "models", f"{m}.sql"), "w") as f:
            f.write(text + "\n")
    last = {name(layers - 1, i): {"rows": ROWS, "sum_k": sum(k[name(layers - 1, i)])} for i in range(width)}
    with open(os.path.join(args.out, "expected.json"), "w") as f:
        json.dump({"models": len(sql), "layers": layers, "width": width, "last_layer": last,
                   "depends_on": depends}, f, indent=1)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
