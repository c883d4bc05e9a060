"""W2b: parse and plan a large DAG: 2,000 trivial models in 100 layers, nothing built.

The models are W2's (w2-dag/generate.py, 20 per layer; the scale, `--rows`, is the number of
models): an earlier measurement gave `dbt parse --no-partial-parse` 11.1 s for 2,000 of them.
Contenders, each in a fresh folder per run:
  dbt        dbt-core 1.11 + dbt-duckdb 1.11: `dbt parse --no-partial-parse` on the models as a
             dbt project (W2's, copied into the run folder: a fresh target/, no partial-parse
             file), checked on target/manifest.json: every model a node, with its upstream models.
  tessera    `tessera plan --project P --format json` on W2's mesh project with the same models,
             fresh state (nothing built: the plan is to build everything); its standard output is
             kept as plan.json and checked (check.py): a JSON document whose `nodes` list has one
             entry with "kind": "model" per model (and, where the entries have them, the right
             names and depends_on).
No DuckDB reference: parsing and planning a project is the tools' own work, with no engine
equivalent to take as the floor.
Target: Tessera / dbt <= 0.1 (issue 4: `tessera plan` at most a tenth of `dbt parse`).
"""
import importlib.util
import json
import shutil
import sys
from pathlib import Path

from benchlib import Contender, ratio_target

ID = "W2b"
TITLE = "DAG parse/plan: trivial models in layers of 20, parsed and planned, nothing built"
VENVS = []  # generate.py and check.py need only the standard library
ROWS = {"smoke": 200, "full": 2000}  # models, 20 per layer
HERE = Path(__file__).resolve().parent
W2_DIR = HERE.parent / "w2-dag"


def _w2():
    """W2's workload module: its project(), dbt_project() and dbt_command()."""
    spec = importlib.util.spec_from_file_location("w2b_uses_w2_dag_workload", W2_DIR / "workload.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


W2 = _w2()


def setup(ctx) -> dict:
    folder = ctx.data_dir(f"{ctx.rows}-models")
    if folder.exists():
        shutil.rmtree(folder)  # cheap to make: always from the current generator
    ctx.run(["python3", W2_DIR / "generate.py", "--models", ctx.rows, "--out", folder])
    facts = json.loads((folder / "expected.json").read_text())
    return {"models": facts["models"], "layers": facts["layers"],
            "note": f"{facts['models']} models in {facts['layers']} layers", "folder": str(folder)}


def contenders(ctx) -> list:
    def folder() -> Path:
        return Path(ctx.facts["folder"])

    def check(flag, where):
        return lambda run: ctx.check_json([sys.executable, HERE / "check.py", folder() / "expected.json", flag, where(run)])

    def prepare_tessera(run: Path) -> None:
        root = W2.project(run, folder() / "models")
        ctx.run([ctx.tessera, "validate", "--project", root, "--no-color"])
        shutil.rmtree(root / ".tessera", ignore_errors=True)  # fresh state: nothing built

    return [
        Contender(
            key="tessera", name="Tessera (tessera plan --format json)", kind="tessera",
            prepare=prepare_tessera,
            command=lambda run: [ctx.tessera, "plan", "--project", run / "project", "--format", "json", "--no-color"],
            stdout="plan.json",
            check=check("--tessera-plan", lambda run: run / "plan.json"),
        ),
        Contender(
            key="dbt", name="dbt 1.11 (dbt parse --no-partial-parse)", kind="peer", venv=W2.DBT_VENV,
            prepare=lambda run: W2.dbt_project(run, folder() / "dbt"),
            command=lambda run: W2.dbt_command(ctx, run, "parse"),
            check=check("--dbt-manifest", lambda run: run / "dbt" / "target" / "manifest.json"),
        ),
    ]


def targets(ctx, results) -> list:
    tessera, dbt = results.get("tessera"), results.get("dbt")
    if tessera is None:
        return []
    return [ratio_target("Tessera / dbt wall time <= 0.1x (tessera plan at most 1/10 of dbt parse)", tessera, dbt, 0.1)]
