"""W4b: lineage of a node with 1,000 upstream nodes, in-process and through the whole CLI.

Contenders, each in a fresh folder per run:
  tessera-graph  `lineage-bench` (Sources/main.swift, built beside the tessera binary): a generated
                 lineage graph where one product has N upstream nodes (default 1,000) in ten
                 domains, every node with 30 columns (5 in smoke mode) and ~4 column edges per
                 column; times, in-process, building the LineageGraph (its indexes) and the
                 table- and column-level upstream traversals. Its JSON line is kept as
                 bench.json; check.py verifies it found every upstream node.
  tessera-cli    `tessera lineage bench.<model> --upstream --format json` on W2's generator
                 (w2-dag/generate.py) with enough layers that a last-layer model has ~1,000 upstream
                 models: the whole command (project load, every model's SQL parsed by DuckDB,
                 extraction, traversal, JSON). check.py compares the upstream vertices with
                 the generator's depends_on.
  dbt            dbt-core 1.11: `dbt ls --select +<model> --resource-type model` on the same
                 models as a dbt project (W2's), the peer's way to list a node's upstream.
Targets (issue 6): the in-process build + traversal under 100 ms; the CLI against dbt, info.
"""
import importlib.util
import json
import shutil
import sys
from pathlib import Path

from benchlib import Contender, Target, ratio_target

ID = "W4b"
TITLE = "Lineage: upstream of a node with 1,000 upstream nodes (in-process graph, whole CLI)"
VENVS = []  # generate.py and check.py need only the standard library; dbt's venv is W2's
ROWS = {"smoke": 1000, "full": 1000}  # upstream nodes of the in-process graph
HERE = Path(__file__).resolve().parent
W2_DIR = HERE.parent / "w2-dag"
MODELS = {"smoke": 200, "full": 1200}  # W2 models for the CLI: 1,200 in layers of 20 give ~1,000 upstream
TARGET_MS = 100.0


def _w2():
    spec = importlib.util.spec_from_file_location("w4b_uses_w2_dag_workload", W2_DIR / "workload.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


W2 = _w2()
_graph_runs: list = []  # bench.json of every checked in-process run, for the target


def setup(ctx) -> dict:
    models = MODELS["smoke" if ctx.smoke else "full"]
    folder = ctx.data_dir(f"{models}-models")
    if folder.exists():
        shutil.rmtree(folder)  # cheap to make: always from the current generator
    ctx.run(["python3", W2_DIR / "generate.py", "--models", models, "--out", folder])
    facts = json.loads((folder / "expected.json").read_text())
    target = sorted(facts["last_layer"])[0]
    upstream = upstream_of(target, facts["depends_on"])
    (folder / "target.json").write_text(json.dumps({"model": target, "upstream": sorted(upstream)}))
    return {"nodes": ctx.rows, "models": facts["models"], "target": target, "cli_upstream": len(upstream),
            "note": f"graph: {ctx.rows} upstream nodes; CLI: bench.{target} with {len(upstream)} upstream models",
            "folder": str(folder)}


def upstream_of(model: str, depends: dict) -> set:
    seen, todo = set(), [model]
    while todo:
        for parent in depends.get(todo.pop(), []):
            if parent not in seen:
                seen.add(parent)
                todo.append(parent)
    return seen


def contenders(ctx) -> list:
    columns = 5 if ctx.smoke else 30
    bench = Path(ctx.tessera).parent / "lineage-bench"

    def folder() -> Path:
        return Path(ctx.facts["folder"])

    def check_graph(run: Path) -> tuple:
        ok, detail = ctx.check_json([sys.executable, HERE / "check.py", "--graph", run / "bench.json"])
        if ok:
            _graph_runs.append(json.loads((run / "bench.json").read_text()))
        return ok, detail

    def prepare_cli(run: Path) -> None:
        root = W2.project(run, folder() / "models")
        ctx.run([ctx.tessera, "validate", "--project", root, "--no-color"])

    return [
        Contender(
            key="tessera-graph", name=f"Tessera LineageGraph in-process ({ctx.rows} upstream nodes x {columns} columns)",
            kind="tessera",
            command=lambda run: [bench, "--nodes", ctx.rows, "--columns", columns, "--reps", 5],
            stdout="bench.json", check=check_graph,
        ),
        Contender(
            key="tessera-cli", name="Tessera (tessera lineage --upstream --format json)", kind="tessera",
            prepare=prepare_cli,
            command=lambda run: [ctx.tessera, "lineage", f"bench.{ctx.facts['target']}", "--upstream", "--format", "json",
                                 "--project", run / "project", "--no-color"],
            stdout="lineage.json",
            check=lambda run: ctx.check_json([sys.executable, HERE / "check.py", "--cli", run / "lineage.json",
                                              folder() / "target.json"]),
        ),
        Contender(
            key="dbt", name="dbt 1.11 (dbt ls --select +model)", kind="peer", venv=W2.DBT_VENV,
            prepare=lambda run: W2.dbt_project(run, folder() / "dbt"),
            command=lambda run: W2.dbt_command(ctx, run, "ls", "--select", f"+{ctx.facts['target']}",
                                               "--resource-type", "model", "--output", "name", "--quiet"),
            stdout="dbt-ls.txt",
            check=lambda run: ctx.check_json([sys.executable, HERE / "check.py", "--dbt", run / "dbt-ls.txt",
                                              folder() / "target.json"]),
            compare_to="tessera-cli",
        ),
    ]


def targets(ctx, results) -> list:
    found = []
    graph = results.get("tessera-graph")
    if graph is not None:
        if not _graph_runs:
            found.append(Target("In-process graph build + traversal < 100 ms", "pending", "no checked run"))
        else:
            totals = sorted(run["total_ms"] for run in _graph_runs)
            median = totals[len(totals) // 2]
            found.append(Target(f"In-process graph build + table and column traversal < {TARGET_MS:g} ms",
                                "pass" if median < TARGET_MS else "fail",
                                f"{median:.1f} ms (build {_graph_runs[-1]['build_ms']:.1f}, table {_graph_runs[-1]['table_traversal_ms']:.2f}, "
                                f"column {_graph_runs[-1]['column_traversal_ms']:.2f}; {_graph_runs[-1]['edges']} edges)"))
    cli, dbt = results.get("tessera-cli"), results.get("dbt")
    if cli is not None:
        found.append(ratio_target("tessera lineage / dbt ls wall time (info)", cli, dbt, None))
    return found
