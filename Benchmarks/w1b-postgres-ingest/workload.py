"""W1b: PostgreSQL ingest. One orders table in PostgreSQL -> a table in a DuckDB file.

A throwaway PostgreSQL cluster is started for the harness run (scripts/postgres-test-cluster.sh,
which installs Debian's postgresql when it is missing) and stopped at the end, even when
something fails (teardown()). generate.sql fills it inside the server (generate_series, every
value an expression of the id and the seed): `public.orders` with N rows and, for the memory
target, `public.orders_x5` with 5N rows. answer.sql asks PostgreSQL what each table holds (rows
and checksums); check.py holds every contender's copy to that, after every run.

Contenders, each in a fresh folder per run, the URL in the environment (W1B_PG_URL):
  tessera         `tessera ingest` on a generated project (project() below): one domain `bench`,
                  one postgres source `orders`, `table: public.orders`, full load, key id.
  reference       reference.sh: psql's `\\copy (SELECT * FROM public.orders) TO … CSV HEADER`,
                  then DuckDB 2.0 (Python) CREATE TABLE AS SELECT * FROM read_csv(typed).
  dlt-pyarrow     dlt 1.31 sql_table(backend="pyarrow"), write_disposition="replace".
  dlt-connectorx  the same with backend="connectorx".
  tessera-x5      Tessera on public.orders_x5: the peak memory at 5N rows next to the one at N.
  reference-x5    the reference on public.orders_x5.
"""
import json
import os
import re
import shlex
from pathlib import Path

from benchlib import REPO_DIR, Contender, Target, ratio_target

ID = "W1b"
TITLE = "PostgreSQL ingest: an orders table -> a DuckDB table"
VENVS = ["duckdb"]  # check.py and the reference's DuckDB step
ROWS = {"smoke": 20_000, "full": 1_000_000}
SCALE = 5  # the second scale (rows x SCALE), Tessera and the reference only: the memory target
MEMORY_GROWTH_LIMIT = 1.5  # Tessera's peak at SCALE x the rows <= this x its peak at the rows
HERE = Path(__file__).resolve().parent
CLUSTER_SCRIPT = REPO_DIR / "scripts" / "postgres-test-cluster.sh"

# Filled by setup() once the cluster runs; every contender's environment refers to this dict.
PG_ENV: dict = {}
CLUSTER: dict = {}


def tables(ctx) -> dict:
    """key suffix -> (table, rows)."""
    return {"": ("public.orders", ctx.rows), "-x5": ("public.orders_x5", ctx.rows * SCALE)}


def setup(ctx) -> dict:
    """Starts the cluster, fills both tables, asks PostgreSQL for their answers."""
    started = ctx.run(["bash", CLUSTER_SCRIPT, "start"])
    exports = dict(re.findall(r"^export (\w+)=(.*)$", started.stdout, re.M))
    exports = {k: shlex.split(v)[0] for k, v in exports.items()}
    CLUSTER["dir"] = exports["TESSERA_TEST_PG_DIR"]
    PG_ENV["W1B_PG_URL"] = exports["TESSERA_TEST_PG_URL"]
    PG_ENV["W1B_PSQL"] = str(Path(exports["TESSERA_TEST_PG_BINDIR"]) / "psql")
    facts = {"postgres": psql(ctx, "-At", "-c", "SHOW server_version").stdout.strip()}
    for suffix, (table, rows) in tables(ctx).items():
        sql = ctx.work_dir / f"generate{suffix}.sql"
        sql.write_text(substitute((HERE / "generate.sql").read_text(), table=table, rows=rows, seed=ctx.seed))
        psql(ctx, "-f", sql)
        answer = json.loads(psql(ctx, "-At", "-c", substitute((HERE / "answer.sql").read_text(), table=table)).stdout)
        answer["bytes"] = int(psql(ctx, "-At", "-c", f"SELECT pg_table_size('{table}')").stdout)
        (ctx.work_dir / f"answer{suffix}.json").write_text(json.dumps(answer, indent=2))
        facts[f"answer{suffix}"] = str(ctx.work_dir / f"answer{suffix}.json")
        facts[f"rows{suffix}"] = answer["rows"]
    first = json.loads((ctx.work_dir / "answer.json").read_text())
    facts.update(rows=first["rows"], bytes=first["bytes"],
                 note=f"PostgreSQL {facts['postgres']}; and {facts['rows-x5']:,} rows in orders_x5 for the memory target")
    return facts


def teardown(ctx) -> None:
    """Stops and deletes the cluster (called by the harness even when setup or a run failed)."""
    if CLUSTER.get("dir"):
        ctx.run(["bash", CLUSTER_SCRIPT, "stop", CLUSTER.pop("dir")])


def psql(ctx, *args):
    return ctx.run([PG_ENV["W1B_PSQL"], "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", PG_ENV["W1B_PG_URL"], *args])


def substitute(sql: str, **values) -> str:
    for name, value in values.items():
        sql = sql.replace("{" + name + "}", str(value))
    return sql


def project(folder: Path, table: str) -> Path:
    """Writes the mesh project Tessera ingests: see docs/performance.md."""
    root = folder / "project"
    (root / "domains/bench/sources").mkdir(parents=True)
    (root / "tessera.yaml").write_text(
        "mesh: bench\n"
        "description: Benchmark W1b, written by Benchmarks/w1b-postgres-ingest/workload.py\n"
        "environments: [dev]\n"
    )
    (root / "domains/bench/domain.yaml").write_text(
        "owner: bench@tessera.invalid\n"
        "description: The benchmark domain\n"
    )
    (root / "domains/bench/sources/orders.yaml").write_text(
        "description: Orders, a PostgreSQL table (benchmark W1b)\n"
        "connector:\n"
        "  type: postgres\n"
        "  url: ${W1B_PG_URL}\n"
        f"  table: {table}\n"
        "load:\n"
        "  mode: full\n"
        "  primary_key: [id]\n"
    )
    return root


def contenders(ctx) -> list:
    def check(suffix, *extra):
        return lambda run: ctx.check_json([ctx.python("duckdb"), HERE / "check.py", ctx.facts[f"answer{suffix}"], *[
            a(run) if callable(a) else a for a in extra]])

    def prepare_tessera(table):
        def prepare(run: Path) -> None:
            # The generated project must stay valid as the format evolves (untimed).
            ctx.run([ctx.tessera, "validate", "--project", project(run, table), "--no-color"], env=PG_ENV)
        return prepare

    found = []
    for suffix, (table, rows) in tables(ctx).items():
        scale = f" at {rows:,} rows" if suffix else ""
        found += [
            Contender(
                key=f"tessera{suffix}", name=f"Tessera (tessera ingest){scale}", kind="tessera",
                prepare=prepare_tessera(table), env=PG_ENV,
                command=lambda run: [ctx.tessera, "ingest", "--project", run / "project", "--no-color"],
                check=check(suffix, "--state", lambda run: run / "project" / ".tessera"),
            ),
            Contender(
                key=f"reference{suffix}", name=f"Reference (psql \\copy + DuckDB read_csv){scale}", kind="reference",
                venv="duckdb", env=PG_ENV, compare_to=f"tessera{suffix}",
                command=lambda run, table=table: ["bash", HERE / "reference.sh", table, run, ctx.python("duckdb")],
                check=check(suffix, "--db", lambda run: run / "reference.duckdb", "--table", "orders"),
            ),
        ]
        if not suffix:
            for backend in ("pyarrow", "connectorx"):
                found.append(Contender(
                    key=f"dlt-{backend}", name=f"dlt 1.31 (sql_table, {backend} backend, replace)", kind="peer",
                    venv="dlt-sql", env=PG_ENV,
                    command=lambda run, backend=backend, table=table: [
                        ctx.python("dlt-sql"), HERE / "dlt_sql.py", backend, table, run],
                    check=check(suffix, "--db", lambda run: run / "dlt.duckdb", "--table", "bench.orders"),
                ))
    return found


def targets(ctx, results) -> list:
    tessera, reference = results.get("tessera"), results.get("reference")
    if tessera is None:
        return []
    found = [ratio_target("Tessera wall time <= 1.2x the reference", tessera, reference, 1.2)]
    for backend in ("pyarrow", "connectorx"):
        if f"dlt-{backend}" in results:
            found.append(ratio_target(f"Tessera / dlt ({backend}) wall time", tessera, results[f"dlt-{backend}"], None))
    big = results.get("tessera-x5")
    if big is not None:
        found.append(ratio_target(f"Tessera / reference wall time at {ctx.rows * SCALE:,} rows",
                                  big, results.get("reference-x5"), None))
        found.append(memory_growth(ctx, tessera, big, reference, results.get("reference-x5")))
    return found


def memory_growth(ctx, small, big, ref_small, ref_big) -> Target:
    """Tessera's peak memory at N and at SCALE x N rows, side by side (the reference's for scale)."""
    label = (f"Tessera peak memory does not grow with the table: {ctx.rows:,} vs {ctx.rows * SCALE:,} rows "
             f"(at most {MEMORY_GROWTH_LIMIT:g}x)")
    a, b = small.peak_rss_kb(), big.peak_rss_kb()
    if a is None or b is None:
        why = small if a is None else big
        return Target(label, "pending", f"no figure for {why.contender.name}")
    growth = b / a
    detail = f"{a / 1024:,.0f} MiB -> {b / 1024:,.0f} MiB ({growth:.2f}x)"
    ra = ref_small.peak_rss_kb() if ref_small else None
    rb = ref_big.peak_rss_kb() if ref_big else None
    if ra and rb:
        detail += f"; the reference: {ra / 1024:,.0f} MiB -> {rb / 1024:,.0f} MiB ({rb / ra:.2f}x)"
    return Target(label, "pass" if growth <= MEMORY_GROWTH_LIMIT else "fail", detail)
