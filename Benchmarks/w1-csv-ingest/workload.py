"""W1: CSV ingest. One orders CSV -> a typed table + a raw Parquet copy + one row per key.

The data (generate.py): N rows of orders, 0.1% of them repeating a key with another updated_at.
Contenders, each in a fresh folder per run:
  reference  DuckDB 2.0 (Python), reference.sql: read_csv with the declared types into a table,
             COPY it to Parquet, and the QUALIFY row_number() dedup into the final table.
  dlt        dlt 1.31, dlt_merge.py: filesystem | read_csv_duckdb(use_pyarrow) with a merge on
             order_id, dedup_sort desc on updated_at, into a DuckDB destination.
  tessera    `tessera ingest` on a generated mesh project (project() below): one domain `bench`,
             one csv source `orders` with the declared schema, incremental on updated_at with
             primary key order_id; a fresh state folder (.tessera/ in the run folder) every run.
Every run's output is checked by check.py against the answer generate.py computed.
"""
import json
from pathlib import Path

from benchlib import Contender, Target, memory_target, ratio_target

ID = "W1"
TITLE = "CSV ingest: orders CSV -> typed table + raw Parquet copy + latest row per key"
VENVS = ["duckdb"]  # generate.py and check.py
ROWS = {"smoke": 20_000, "full": 5_000_000}
HERE = Path(__file__).resolve().parent


def setup(ctx) -> dict:
    """Generates the CSV once per (rows, seed); later runs reuse it."""
    folder = ctx.data_dir(f"{ctx.rows}-rows-seed-{ctx.seed}")
    expected = folder / "expected.json"
    if not expected.exists() or json.loads(expected.read_text()).get("generator") != generator_version():
        ctx.run([ctx.python("duckdb"), HERE / "generate.py", "--rows", ctx.rows, "--seed", ctx.seed, "--out", folder])
        facts = json.loads(expected.read_text())
        facts["generator"] = generator_version()
        expected.write_text(json.dumps(facts, indent=2))
    facts = json.loads(expected.read_text())
    return {
        "rows": facts["rows"], "bytes": facts["csv_bytes"], "unique_keys": facts["unique_keys"],
        "note": f"{facts['rows'] - facts['unique_keys']:,} repeated keys",
        "csv": str(folder / "orders.csv"), "expected": str(expected),
    }


def generator_version() -> str:
    """Regenerate when generate.py changes."""
    import hashlib

    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:12]


def project(folder: Path, csv: str, columns: list) -> Path:
    """Writes the mesh project Tessera ingests: see docs/performance.md."""
    root = folder / "project"
    (root / "domains/bench/sources").mkdir(parents=True)
    (root / "tessera.yaml").write_text(
        "mesh: bench\n"
        "description: Benchmark W1, written by Benchmarks/w1-csv-ingest/workload.py\n"
        "environments: [dev]\n"
    )
    (root / "domains/bench/domain.yaml").write_text(
        "owner: bench@tessera.invalid\n"
        "description: The benchmark domain\n"
    )
    schema = "\n".join(
        f"    - {{name: {c['name']}, type: \"{c['type']}\"{', nullable: false' if c['name'] == 'order_id' else ''}}}"
        for c in columns
    )
    (root / "domains/bench/sources/orders.yaml").write_text(
        "description: Orders, a CSV export (benchmark W1)\n"
        "connector:\n"
        "  type: csv\n"
        f"  path: {json.dumps(csv)}\n"
        "  options: {header: true}\n"
        "load:\n"
        "  mode: incremental\n"
        "  cursor: updated_at\n"
        "  primary_key: [order_id]\n"
        "schema:\n"
        "  columns:\n"
        f"{schema}\n"
    )
    return root


def contenders(ctx) -> list:
    def facts():
        return ctx.facts

    def check(*extra):
        return lambda run: ctx.check_json([ctx.python("duckdb"), HERE / "check.py", facts()["expected"], *[
            a(run) if callable(a) else a for a in extra]])

    def prepare_tessera(run: Path) -> None:
        columns = json.loads(Path(facts()["expected"]).read_text())["columns"]
        root = project(run, facts()["csv"], columns)
        # The generated project must stay valid as the format evolves (untimed).
        ctx.run([ctx.tessera, "validate", "--project", root, "--no-color"])

    return [
        Contender(
            key="tessera", name="Tessera (tessera ingest)", kind="tessera",
            prepare=prepare_tessera,
            command=lambda run: [ctx.tessera, "ingest", "--project", run / "project", "--no-color"],
            check=check("--state", lambda run: run / "project" / ".tessera"),
        ),
        Contender(
            key="reference", name="DuckDB reference (one SQL script)", kind="reference", venv="duckdb",
            command=lambda run: [
                ctx.python("duckdb"), HERE.parent / "harness" / "run_sql.py", HERE / "reference.sql",
                "--db", run / "reference.duckdb",
                "--set", "csv=" + sql_string(facts()["csv"]),
                "--set", "parquet=" + sql_string(str(run / "landing" / "orders.parquet")),
            ],
            prepare=lambda run: (run / "landing").mkdir(),
            check=check("--db", lambda run: run / "reference.duckdb", "--table", "orders",
                        "--parquet", lambda run: run / "landing" / "orders.parquet"),
        ),
        Contender(
            key="dlt", name="dlt 1.31 (merge, pyarrow path)", kind="peer", venv="dlt",
            command=lambda run: [ctx.python("dlt"), HERE / "dlt_merge.py", facts()["csv"], run],
            check=check("--db", lambda run: run / "dlt.duckdb", "--table", "bench.orders"),
        ),
    ]


def sql_string(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def targets(ctx, results) -> list:
    tessera, reference, dlt = results.get("tessera"), results.get("reference"), results.get("dlt")
    if tessera is None:
        return []
    return [
        ratio_target("Tessera wall time <= 1.2x the DuckDB reference", tessera, reference, 1.2),
        memory_target("Tessera peak memory <= 1 GiB", tessera, 1024),
        ratio_target("Tessera / dlt wall time", tessera, dlt, None),
    ]
