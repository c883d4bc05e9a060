"""W9: the web UI's lineage page — the layered layout of a 2,000-node mesh, on the server.

Contenders:
  tessera-layout  `web-bench` (Sources/main.swift, built beside the tessera binary): a generated
                  mesh-like graph of N nodes (default 2,000) in layers of 50, each reading two or
                  three of the layer before and now and then one further up; times, in-process,
                  `LayeredLayout` (layers, dummy nodes, crossing reduction, coordinates). Its JSON
                  line is kept as bench.json; check.py verifies every node was laid out soundly.
Target (issue 23): the layout of 2,000 nodes under 300 ms. Not yet here: the page drawn in headless
Chromium under 2 s, against Dagster's UI drawing the same assets.
"""
import json
import sys
from pathlib import Path

from benchlib import Contender, Target

ID = "W9"
TITLE = "Web UI: the lineage layout of a 2,000-node mesh, on the server"
VENVS = []
ROWS = {"smoke": 200, "full": 2000}  # nodes
HERE = Path(__file__).resolve().parent
TARGET_MS = 300.0
_runs: list = []


def setup(ctx) -> dict:
    return {"nodes": ctx.rows, "note": f"{ctx.rows} nodes in layers of 50"}


def contenders(ctx) -> list:
    bench = Path(ctx.tessera).parent / "web-bench"

    def check(run: Path) -> tuple:
        ok, detail = ctx.check_json([sys.executable, HERE / "check.py", "--layout", run / "bench.json", ctx.rows])
        if ok:
            _runs.append(json.loads((run / "bench.json").read_text().strip().splitlines()[-1]))
        return ok, detail

    return [
        Contender(
            key="tessera-layout", name=f"Tessera LayeredLayout in-process ({ctx.rows} nodes)", kind="tessera",
            command=lambda run: [bench, "--nodes", ctx.rows, "--reps", 5],
            stdout="bench.json", check=check,
        ),
    ]


def targets(ctx, results) -> list:
    if results.get("tessera-layout") is None:
        return []
    if not _runs:
        return [Target(f"Layout of {ctx.rows} nodes < {TARGET_MS:g} ms", "pending", "no checked run")]
    medians = sorted(run["median_ms"] for run in _runs)
    median = medians[len(medians) // 2]
    return [Target(f"Layout of {ctx.rows} nodes < {TARGET_MS:g} ms", "pass" if median < TARGET_MS else "fail",
                   f"{median:.1f} ms median ({_runs[-1]['edges']} edges, {_runs[-1]['crossings']} crossings left)")]
