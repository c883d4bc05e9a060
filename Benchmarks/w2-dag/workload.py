"""W2: a DAG of trivial models, each materialized as a table, run in dependency order.

Full size: 200 models in 10 layers (an earlier measurement gave `dbt run` 12.6 s, the reference
0.55 s); `--rows 2000` gives 2,000 models in 100 layers (W2c). The scale (`--rows`) is the number of
models, 20 per layer.
Contenders, each in a fresh folder per run:
  reference  DuckDB 2.0 (Python): every model as CREATE OR REPLACE TABLE, in dependency order,
             one script, one process, into a fresh database file.
  dbt        dbt-core 1.11 + dbt-duckdb 1.11 (duckdb 2.0): `dbt run --threads 2
             --no-partial-parse` on the same models as a dbt project (generate.py: every model a
             table, {{ ref('...') }} for every upstream model), copied into the run folder (a fresh
             target/ and logs/), with a profile pointing at a fresh database file there.
  tessera    `tessera run` on a generated mesh project (one domain `bench`, the models as
             domains/bench/models/<name>.sql, tables by default), fresh state every run.
Every run's output is checked by check.py: each last-layer table's rows and sum of k.
Targets: Tessera / dbt <= 0.1 (issue 4: `tessera run` takes at most a tenth of `dbt run`);
Tessera / reference for information. The 2,000-model parse/plan is W2b (w2b-dag-plan/).
"""
import json
import shutil
from pathlib import Path

from benchlib import Contender, ratio_target

ID = "W2"
TITLE = "DAG run: trivial models in layers, each a table, in dependency order"
VENVS = ["duckdb"]  # check.py
DBT_VENV = "dbt"  # benchlib.PEERS: dbt-core 1.11.16, dbt-duckdb 1.11.1, duckdb 2.0.0
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


def dbt_project(run: Path, dbt: Path) -> Path:
    """Copies generate.py's dbt project into the run folder (so target/ and logs/ start empty)
    and writes its profile: dbt-duckdb on a fresh database file, run/dbt.duckdb, 2 threads."""
    root = run / "dbt"
    shutil.copytree(dbt, root)
    (root / "profiles.yml").write_text(
        "bench:\n"
        "  target: bench\n"
        "  outputs:\n"
        "    bench:\n"
        "      type: duckdb\n"
        f"      path: {json.dumps(str(run / 'dbt.duckdb'))}\n"
        "      threads: 2\n"
    )
    return root


def dbt_command(ctx, run: Path, *command: str) -> list:
    """`dbt <command> --project-dir run/dbt --profiles-dir run/dbt --no-partial-parse`."""
    return [Path(ctx.python(DBT_VENV)).parent / "dbt", *command, "--project-dir", run / "dbt",
            "--profiles-dir", run / "dbt", "--no-partial-parse"]


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
        Contender(
            key="dbt", name="dbt 1.11 (dbt run --threads 2)", kind="peer", venv=DBT_VENV,
            prepare=lambda run: dbt_project(run, folder() / "dbt"),
            command=lambda run: dbt_command(ctx, run, "run", "--threads", "2"),
            check=check("--db", lambda run: run / "dbt.duckdb"),
        ),
    ]


def targets(ctx, results) -> list:
    tessera, reference, dbt = results.get("tessera"), results.get("reference"), results.get("dbt")
    out = []
    if tessera is not None:
        out += [ratio_target("Tessera / dbt wall time <= 0.1x (tessera run at most 1/10 of dbt run)", tessera, dbt, 0.1),
                ratio_target("Tessera / DuckDB reference wall time <= 1.2x (per-node overhead)", tessera, reference, 1.2),
                ratio_target("Tessera / DuckDB reference CPU time <= 1.5x", tessera, reference, 1.5, measure="cpu")]
    if dbt is not None:  # for scale, also while `tessera run` is pending
        out.append(ratio_target("dbt / DuckDB reference wall time", dbt, reference, None))
    return out
