"""W2: a DAG of trivial models, each materialized as a table, run in dependency order.

Full size: 200 models in 10 layers (PEERS.md measured `dbt run` 12.6 s, the reference 0.55 s);
`--rows 2000` gives 2,000 models in 100 layers (W2c). The scale (`--rows`) is the number of
models, 20 per layer.
Contenders, each in a fresh folder per run:
  reference  DuckDB 2.0 (Python): every model as CREATE OR REPLACE TABLE, in dependency order,
             one script, one process, into a fresh database file.
  tessera    `tessera run` on a generated mesh project (one domain `bench`, the models as
             domains/bench/models/<name>.sql, tables by default), fresh state every run.
Still to come with the W2 issue: dbt (the `dbt` venv is pinned in benchlib.PEERS), the re-run,
and the 2,000-model parse/plan (`tessera plan` against `dbt parse`).
"""
import json
import shutil
from pathlib import Path

from benchlib import Contender, ratio_target

ID = "W2"
TITLE = "DAG run: trivial models in layers, each a table, in dependency order"
VENVS = ["duckdb"]  # check.py
ROWS = {"smoke": 60, "full": 200}  # models, 20 per layer
HERE = Path(__file__).resolve().parent


def setup(ctx) -> dict:
    folder = ctx.data_dir(f"{ctx.rows}-models")
    if folder.exists():
        shutil.rmtree(folder)  # cheap to make: always from the current generator
    ctx.run(["python3", HERE / "generate.py", "--models", ctx.rows, "--out", folder])
    facts = json.loads((folder / "expected.json").read_text())
    return {"models": facts["models"], "layers": facts["layers"],
            "note": f"{facts['models']} models in {facts['layers']} layers", "folder": str(folder)}


def project(run: Path, models: Path) -> Path:
    root = run / "project"
    (root / "domains/bench").mkdir(parents=True)
    (root / "tessera.yaml").write_text(
        "mesh: bench\n"
        "description: Benchmark W2, written by Benchmarks/w2-dag/workload.py\n"
        "environments: [dev]\n"
    )
    (root / "domains/bench/domain.yaml").write_text("owner: bench@tessera.invalid\ndescription: The benchmark domain\n")
    shutil.copytree(models, root / "domains/bench/models")
    return root


def contenders(ctx) -> list:
    def folder() -> Path:
        return Path(ctx.facts["folder"])

    def check(flag, where):
        return lambda run: ctx.check_json([ctx.python("duckdb"), HERE / "check.py", folder() / "expected.json", flag, where(run)])

    def prepare_tessera(run: Path) -> None:
        root = project(run, folder() / "models")
        ctx.run([ctx.tessera, "validate", "--project", root, "--no-color"])

    return [
        Contender(
            key="tessera", name="Tessera (tessera run)", kind="tessera",
            prepare=prepare_tessera,
            command=lambda run: [ctx.tessera, "run", "--project", run / "project", "--threads", "2", "--no-color"],
            check=check("--state", lambda run: run / "project" / ".tessera"),
        ),
        Contender(
            key="reference", name="DuckDB reference (one SQL script)", kind="reference", venv="duckdb",
            command=lambda run: [ctx.python("duckdb"), HERE.parent / "harness" / "run_sql.py",
                                 folder() / "reference.sql", "--db", run / "reference.duckdb"],
            check=check("--db", lambda run: run / "reference.duckdb"),
        ),
    ]


def targets(ctx, results) -> list:
    if "tessera" not in results:
        return []
    return [ratio_target("Tessera / DuckDB reference wall time", results["tessera"], results.get("reference"), None)]
