"""W4: catalog search over a generated catalog of 100 domains x 100 products x 30 columns.

The data: `catalog-bench generate` (Benchmarks/w4-catalog/Sources/main.swift, built with
tessera) records the metadata of a generated mesh through the real store
(`SQLiteCatalog.recordMetadata`) into <data>/.tessera/dev/catalog.sqlite, and writes a
tessera.yaml beside it: the project is tessera.yaml alone, since the `catalog` commands read
nothing else once the catalog has metadata. ROWS is the number of products; domains x products
is D x D (100 x 100 full, 10 x 10 smoke), 30 columns each.
Contenders, each in a fresh folder per run:
  inprocess  `catalog-bench search DIR --queries 1000`: 1,000 varied queries (words, pairs,
             prefixes, words with filters, filters alone, words nothing matches) timed one by one
             in one process; reports p50/p95/max. Target p95 < 50 ms.
  tessera    the whole CLI call `tessera catalog search customer reve --format json`: process
             start, tessera.yaml, catalog open, search, JSON. Target < 150 ms (median wall).
There is no peer: DataHub and OpenMetadata need Kafka, Elasticsearch and a database to run.
"""
import json
import math
from pathlib import Path

from benchlib import Contender, Target

ID = "W4"
TITLE = "Catalog search: 100 domains x 100 products x 30 columns"
VENVS = []
ROWS = {"smoke": 100, "full": 10_000}  # products
COLUMNS = 30
QUERIES = 1000
CLI_QUERY = ["customer", "reve"]
HERE = Path(__file__).resolve().parent
GENERATOR = "w4-v1"


def bench_binary(ctx) -> Path:
    return Path(ctx.tessera).parent / "catalog-bench"


def shape(rows: int) -> tuple:
    domains = max(1, round(math.sqrt(rows)))
    return domains, max(1, rows // domains)


def setup(ctx) -> dict:
    domains, products = shape(ctx.rows)
    folder = ctx.data_dir(f"{domains}x{products}x{COLUMNS}-seed-{ctx.seed}")
    facts_file = folder / "facts.json"
    binary = bench_binary(ctx)
    version = f"{GENERATOR}:{binary.stat().st_mtime_ns if binary.exists() else 0}"
    if not facts_file.exists() or json.loads(facts_file.read_text()).get("generator") != version:
        ctx.run([binary, "generate", folder, "--domains", domains, "--products", products, "--columns", COLUMNS,
                 "--seed", ctx.seed, "--out", folder / "generated.json"])
        facts = json.loads((folder / "generated.json").read_text())
        facts["generator"] = version
        facts_file.write_text(json.dumps(facts, indent=1))
    facts = json.loads(facts_file.read_text())
    return {"rows": facts["columns"], "bytes": facts["catalog_bytes"], "folder": str(folder),
            "note": f"{domains} domains x {products} products x {COLUMNS} columns (rows: columns; size: catalog.sqlite); "
                    f"recorded in {facts['record_seconds']:.1f} s, unchanged re-record {facts['unchanged_record_seconds'] * 1000:.0f} ms"}


def contenders(ctx) -> list:
    state = {"p95": [], "p50": [], "max": []}
    ctx.w4_state = state

    def folder() -> Path:
        return Path(ctx.facts["folder"])

    def check_inprocess(run: Path) -> tuple:
        try:
            result = json.loads((run / "search.json").read_text())
        except (OSError, ValueError) as e:
            return False, f"no readable search.json: {e}"
        if result.get("queries") != QUERIES or result.get("with_hits", 0) < QUERIES // 2:
            return False, f"{result.get('queries')} queries, {result.get('with_hits')} with hits"
        for key in ("p50", "p95", "max"):
            state[key].append(result[f"{key}_ms"])
        return True, f"p50 {result['p50_ms']:.1f} ms, p95 {result['p95_ms']:.1f} ms, max {result['max_ms']:.1f} ms"

    def check_cli(run: Path) -> tuple:
        try:
            result = json.loads((run / "out.json").read_text())
        except (OSError, ValueError) as e:
            return False, f"no readable JSON output: {e}"
        hits = result.get("hits", [])
        return (len(hits) > 0, f"{len(hits)} hits, first {hits[0]['name'] if hits else '-'}")

    return [
        Contender(
            key="tessera", name="Tessera (tessera catalog search --format json)", kind="tessera",
            command=lambda run: [ctx.tessera, "catalog", "search", *CLI_QUERY, "--format", "json",
                                 "--project", folder(), "--no-color"],
            stdout="out.json",
            check=check_cli,
        ),
        Contender(
            key="inprocess", name=f"Tessera in-process ({QUERIES} queries, catalog-bench search)", kind="tessera",
            command=lambda run: [bench_binary(ctx), "search", folder(), "--queries", QUERIES, "--seed", ctx.seed,
                                 "--out", run / "search.json"],
            stdout="stdout.json",
            check=check_inprocess,
        ),
    ]


def targets(ctx, results) -> list:
    out = []
    cli = results.get("tessera")
    if cli is not None and cli.wall() is not None:
        wall = cli.wall() * 1000
        out.append(Target("whole CLI search < 150 ms (median wall)", "pass" if wall < 150 else "fail", f"{wall:.0f} ms"))
    else:
        out.append(Target("whole CLI search < 150 ms (median wall)", "pending", cli.detail if cli else "not run"))
    state = getattr(ctx, "w4_state", {"p95": []})
    if state["p95"]:
        p95 = sorted(state["p95"])[len(state["p95"]) // 2]
        out.append(Target(f"in-process p95 over {QUERIES} queries < 50 ms (median of runs)", "pass" if p95 < 50 else "fail",
                          f"p95 {p95:.1f} ms, p50 {sorted(state['p50'])[len(state['p50']) // 2]:.1f} ms, max {max(state['max']):.1f} ms"))
    else:
        out.append(Target(f"in-process p95 over {QUERIES} queries < 50 ms", "pending", "no in-process result"))
    return out
