"""W9: the web UI's lineage page of a 2,000-node mesh — laid out on the server, drawn in headless
Chromium, against Dagster's UI drawing the same graph.

Data (`mesh.py`, seeded): N nodes (full 2,000, smoke 200) over ten domains — CSV sources, models
in layers of 50 reading two or three of the layer before and now and then another domain's
product, one model in five published as a product — written as a Tessera project and as Dagster
assets (`dagster_assets.py`: one `@dg.asset` per node, a group per domain, the same deps).
Contenders:
  tessera-layout   `web-bench` (Sources/main.swift, built beside the tessera binary): its own
                   mesh-like graph of N nodes; times `LayeredLayout` in-process (bench.json).
  tessera-browser  `draw.py tessera`: `tessera serve` (started once, on a copy of the project,
                   signed in with the admin's token) and its whole-mesh lineage page `/ui/lineage`
                   in a fresh headless Chromium per run; from navigation start to all N nodes in
                   the SVG, painted (draw.json).
  dagster          (full mode only) `draw.py dagster`: `dagster dev -f dagster_assets.py` (started
                   once, ready when its GraphQL API lists all N assets) and its "Global asset
                   lineage" `/asset-groups` as it opens (groups collapsed at this size); drawn when
                   its count of node boxes has not changed for 2 s.
  dagster-expanded (full mode only) the same page with every group expanded (`?expanded=…`): the
                   N assets themselves laid out and drawn; 120 s at most, then "did not finish".
The table's wall times are whole Selenium processes (browser start included); the targets use the
times measured inside the browser (medians). Dagster is left out of smoke runs: its server takes
a minute or more to load the assets.
Targets (the web UI's): the layout of 2,000 nodes under 300 ms; the page drawn in Chromium under 2 s;
Tessera's drawn time over Dagster's, printed.
"""
import importlib.util
import json
import shutil
import statistics
import sys
import urllib.parse
from pathlib import Path

from benchlib import REPO_DIR, Contender, Target

ID = "W9"
TITLE = "Web UI: the lineage page of a 2,000-node mesh, laid out on the server and drawn in Chromium"
VENVS = []
ROWS = {"smoke": 200, "full": 2000}  # nodes
HERE = Path(__file__).resolve().parent
TARGET_MS = 300.0
TARGET_DRAWN_MS = 2000.0
BROWSER_TIMEOUT = 120  # seconds in the browser before a run is "did not finish"
DOMAINS = 10
WEB_PYTHON = REPO_DIR / ".deps/web-venv/bin/python"  # Selenium, pinned by scripts/setup-web-test.sh
_runs: list = []
_draws: dict = {}  # contender key -> draw.py's results of its measured runs

_spec = importlib.util.spec_from_file_location("w9_servers", HERE / "servers.py")
servers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(servers)


def setup(ctx) -> dict:
    folder = ctx.data_dir(f"{ctx.rows}-nodes")
    if folder.exists():
        shutil.rmtree(folder)  # a second to make: always from the current generator
    ctx.run([sys.executable, HERE / "mesh.py", "--nodes", ctx.rows, "--domains", DOMAINS, "--out", folder])
    if not WEB_PYTHON.exists():
        ctx.run(["bash", REPO_DIR / "scripts/setup-web-test.sh"])
    kinds = json.loads((folder / "graph.json").read_text())["kinds"]
    return {"nodes": ctx.rows, "folder": str(folder),
            "note": f"{ctx.rows} nodes ({kinds['source']} sources, {kinds['model']} models, {kinds['product']} "
                    f"products in {DOMAINS} domains; the layout bench: layers of 50)"}


def teardown(ctx) -> None:
    servers.stop_all()


def contenders(ctx) -> list:
    bench = Path(ctx.tessera).parent / "web-bench"

    def check(run: Path) -> tuple:
        ok, detail = ctx.check_json([sys.executable, HERE / "check.py", "--layout", run / "bench.json", ctx.rows])
        if ok:
            _runs.append(json.loads((run / "bench.json").read_text().strip().splitlines()[-1]))
        return ok, detail

    out = [
        Contender(
            key="tessera-layout", name=f"Tessera LayeredLayout in-process ({ctx.rows} nodes)", kind="tessera",
            command=lambda run: [bench, "--nodes", ctx.rows, "--reps", 5],
            stdout="bench.json", check=check,
        ),
        browser(ctx, "tessera-browser", "Tessera /ui/lineage drawn in Chromium", "tessera"),
    ]
    if not ctx.smoke:
        groups = ",".join(f"global@global:d{k}" for k in range(DOMAINS))
        out += [browser(ctx, "dagster", "Dagster 1.13 global asset lineage drawn in Chromium", "dagster"),
                browser(ctx, "dagster-expanded", "Dagster 1.13 global asset lineage, all groups expanded", "dagster",
                        path="/asset-groups?expanded=" + urllib.parse.quote(groups))]
    return out


def browser(ctx, key: str, name: str, tool: str, path: str = None) -> Contender:
    """A Selenium process drawing one tool's lineage page (draw.py); the server starts on first use."""
    def data() -> Path:
        return Path(ctx.facts["folder"])

    def command(run: Path) -> list:
        if tool == "tessera":
            base, token = servers.tessera(ctx, data())
            (run / "token").write_text(token)
        else:
            base = servers.dagster(ctx, data(), ctx.rows)
        argv = [WEB_PYTHON, HERE / "draw.py", tool, base, ctx.rows, "--timeout", BROWSER_TIMEOUT]
        return argv + (["--path", path] if path else [])

    def check(run: Path) -> tuple:
        ok, detail = ctx.check_json([sys.executable, HERE / "check.py", "--draw", run / "draw.json", ctx.rows])
        if ok:
            _draws.setdefault(key, []).append(json.loads((run / "draw.json").read_text().strip().splitlines()[-1]))
        return ok, detail

    return Contender(key=key, name=name, kind="tessera" if tool == "tessera" else "peer",
                     venv=None if tool == "tessera" else "dagster",
                     compare_to=None if tool == "tessera" else "tessera-browser",
                     command=command, check=check, stdout="draw.json",
                     env={} if tool != "tessera" else {"TESSERA_TOKEN_FILE": "token"})


def drawn_median(key: str, warmups: int) -> tuple:
    """(median drawn ms or None when a run did not finish, runs, nodes drawn) of a contender's
    measured runs (the first `warmups` checked runs were warm-ups)."""
    runs = _draws.get(key, [])[warmups:]
    if not runs:
        return None, 0, 0
    if any(not r["finished"] for r in runs):
        return None, len(runs), runs[-1]["nodes"]
    return statistics.median(r["drawn_ms"] for r in runs), len(runs), runs[-1]["nodes"]


def targets(ctx, results) -> list:
    out = []
    if results.get("tessera-layout") is not None:
        out.append(layout_target(ctx))
    if results.get("tessera-browser") is not None:
        out += browser_targets(ctx, results)
    return out


def layout_target(ctx) -> Target:
    label = f"Layout of {ctx.rows} nodes < {TARGET_MS:g} ms"
    if not _runs:
        return Target(label, "pending", "no checked run")
    medians = sorted(run["median_ms"] for run in _runs)
    median = medians[len(medians) // 2]
    return Target(label, "pass" if median < TARGET_MS else "fail",
                  f"{median:.1f} ms median ({_runs[-1]['edges']} edges, {_runs[-1]['crossings']} crossings left)")


def browser_targets(ctx, results) -> list:
    def warmups(key: str) -> int:
        return sum(1 for r in results[key].runs if r.warmup and r.ok)

    label = f"Lineage page drawn in Chromium < {TARGET_DRAWN_MS / 1000:g} s ({ctx.rows} nodes)"
    ours, n, _ = drawn_median("tessera-browser", warmups("tessera-browser"))
    if ours is None:
        return [Target(label, "pending" if not n else "fail", "no measured run" if not n else "did not finish")]
    out = [Target(label, "pass" if ours < TARGET_DRAWN_MS else "fail", f"{ours:,.0f} ms median of {n}")]
    for key in ("dagster", "dagster-expanded"):
        if key not in results:
            continue
        theirs, runs, drawn = drawn_median(key, warmups(key))
        what = f"Tessera / {results[key].contender.name}, drawn in the browser"
        if theirs is None:
            detail = f"it did not finish within {BROWSER_TIMEOUT} s" if runs else "no measured run"
            out.append(Target(what, "info", detail))
        else:
            out.append(Target(what, "info", f"{ours:,.0f} ms / {theirs:,.0f} ms = {ours / theirs:.3f}x "
                                             f"({drawn} node boxes drawn by Dagster)"))
    return out
