"""W3: ten checks (Tessera's kinds, docs/products.md) on 5M orders with planted violations.

The data (generate.py): orders (N rows) and customers, as Parquet and as tables of one DuckDB
file; a known number of rows breaks each check. A contender must report, for each of the ten
checks, how many rows fail it (row_count: the count; freshness: the latest ordered_at); answers.py
turns each contender's own output into those answers, after the run (untimed).
Contenders, each in a fresh folder per run:
  reference  DuckDB 2.0 (Python), reference.sql: the ten checks as one query over the database
             file (opened read-only), its result written as JSON.
  tessera    `tessera check sales.orders --format json` on a mesh project generated once per
             harness run in the data folder (tessera_project() below) and run once there
             (`tessera run`, untimed) to ingest and publish orders and customers.
  soda       soda-core 3.5 (duckdb 1.0.0, so its own database file, soda.duckdb, made from the
             same Parquet in the soda venv): `soda scan` with soda_checks.yml, results via -srf.
  gx         Great Expectations 1.24, gx_checks.py: pandas datasource over the orders Parquet,
             one suite, one checkpoint run.
`tessera check` exits 1 and `soda scan` 2 when a check fails, which is the expected outcome here
(violations are planted): both run under exit-status.sh, which records the exit status in the run
folder and turns exactly that status into 0 (anything else stays a failure).
"""
import hashlib
import importlib.util
import json
import shutil
from pathlib import Path

import benchlib
from benchlib import Contender, ratio_target

_spec = importlib.util.spec_from_file_location("w3_answers", Path(__file__).resolve().parent / "answers.py")
answers = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(answers)

ID = "W3"
TITLE = "Ten checks on an orders table: failing rows per check"
VENVS = ["duckdb"]  # generate.py
ROWS = {"smoke": 20_000, "full": 5_000_000}  # at least 20,000: the planted violations need it
HERE = Path(__file__).resolve().parent
STATUSES = ["placed", "paid", "shipped", "delivered", "returned"]


def setup(ctx) -> dict:
    folder = ctx.data_dir(f"{ctx.rows}-rows-seed-{ctx.seed}")
    expected = folder / "expected.json"
    version = generator_version()
    if not expected.exists() or json.loads(expected.read_text()).get("generator") != version:
        ctx.run([ctx.python("duckdb"), HERE / "generate.py", "--rows", ctx.rows, "--seed", ctx.seed, "--out", folder])
        facts = json.loads(expected.read_text())
        facts["generator"] = version
        expected.write_text(json.dumps(facts, indent=1))
        (folder / "soda.duckdb").unlink(missing_ok=True)
    facts = json.loads(expected.read_text())
    return {"rows": facts["rows"], "bytes": facts["bytes"], "note": "ten checks (size: the orders Parquet)",
            "folder": str(folder), "expected": facts["checks"]}


def generator_version() -> str:
    import hashlib

    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:12]


def check_answers(path: Path, expected: dict) -> tuple:
    """The reference's JSON (one object, check name -> failing rows) against the answer."""
    try:
        got = json.loads(path.read_text())
    except (OSError, ValueError) as e:
        return False, f"no readable result at {path.name}: {e}"
    got = got[0] if isinstance(got, list) and got else got
    return answers.compare(got, [], expected)


def venv_ready(peer: str) -> bool:
    """A peer's venv exists with exactly its pins (smoke mode runs soda and gx only then: making
    the gx venv alone takes longer than the whole smoke budget allows)."""
    marker = benchlib.venv_dir(peer) / "bench-pins.txt"
    return marker.exists() and marker.read_text() == "\n".join(benchlib.PEERS[peer]) + "\n"


def accepting(status: int, command) -> dict:
    """The environment for exit-status.sh: the command it runs, and the exit status it accepts."""
    return {"W3_COMMAND": str(command), "W3_ACCEPT": str(status)}


def exit_status(run: Path) -> str:
    try:
        return (run / "exit-status").read_text().strip()
    except OSError:
        return "?"


# ---------------------------------------------------------------- tessera's project

def tessera_project(root: Path, orders: str, customers: str, severity: str = "") -> None:
    """The mesh project `tessera check` runs on (docs/performance.md shows it). `severity` is
    "warn" for the untimed `tessera run` that publishes (an error-severity check that fails
    blocks publishing, and here every check but two fails on purpose), "" (error) for the check."""
    sev = f", severity: {severity}" if severity else ""
    (root / "domains/sales/sources").mkdir(parents=True, exist_ok=True)
    (root / "domains/sales/products").mkdir(parents=True, exist_ok=True)
    (root / "tessera.yaml").write_text(
        "mesh: bench\n"
        "description: Benchmark W3, written by Benchmarks/w3-checks/workload.py\n"
        "environments: [dev]\n"
    )
    (root / "domains/sales/domain.yaml").write_text("owner: bench@tessera.invalid\ndescription: The benchmark domain\n")
    for name, path, what in (("orders", orders, "Orders"), ("customers", customers, "Customers")):
        (root / f"domains/sales/sources/{name}.yaml").write_text(
            f"description: {what}, a Parquet export (benchmark W3)\n"
            "connector:\n"
            "  type: parquet\n"
            f"  path: {json.dumps(path)}\n"
            "load:\n"
            "  mode: full\n"
        )
    (root / "domains/sales/products/customers.yaml").write_text(
        "description: Every customer\n"
        "source: customers\n"
        "version: 1.0.0\n"
        "contract:\n"
        "  primary_key: [customer_id]\n"
        "  columns:\n"
        "    - {name: customer_id, type: BIGINT, nullable: false, description: Customer key, classification: internal}\n"
        "    - {name: name, type: VARCHAR, description: Customer name, classification: internal}\n"
        "checks:\n"
        f"  - {{unique: customer_id{sev}}}\n"
        "access:\n"
        "  readers: []\n"
    )
    values = ", ".join(STATUSES)
    (root / "domains/sales/products/orders.yaml").write_text(
        "description: Every order (with planted violations of each check)\n"
        "source: orders\n"
        "version: 1.0.0\n"
        "contract:\n"  # no primary_key: order_id has planted duplicates, which the contract would refuse
        "  columns:\n"
        "    - {name: order_id, type: BIGINT, nullable: false, description: Order key, classification: internal}\n"
        "    - {name: customer_id, type: BIGINT, description: Buyer, classification: internal}\n"
        "    - {name: status, type: VARCHAR, description: Order status, classification: internal}\n"
        "    - {name: amount, type: 'DECIMAL(12,2)', description: Order amount, classification: internal}\n"
        "    - {name: email, type: VARCHAR, description: Buyer e-mail, classification: pii}\n"
        "    - {name: ordered_at, type: TIMESTAMP, description: When it was ordered, classification: internal}\n"
        "checks:\n"
        f"  - {{unique: order_id{sev}}}\n"
        f"  - {{not_null: [order_id, customer_id]{sev}}}\n"
        f"  - {{accepted_values: {{column: status, values: [{values}]}}{sev}}}\n"
        f"  - {{range: {{column: amount, min: 0, max: 100000, where: \"status <> 'returned'\"}}{sev}}}\n"
        f"  - {{regex: {{column: email, pattern: '^[^@]+@[^@]+$'}}{sev}}}\n"
        f"  - {{row_count: {{min: 1}}{sev}}}\n"
        f"  - {{freshness: {{column: ordered_at, max_age: 2d}}{sev}}}\n"
        f"  - {{relationship: {{column: customer_id, to: sales.customers.customer_id}}{sev}}}\n"
        f"  - {{sql: {{name: no_free_orders, query: \"select * from @product where amount = 0\"}}{sev}}}\n"
        "access:\n"
        "  readers: []  # the sales domain only: its pii column needs no mask\n"
    )


# ---------------------------------------------------------------- soda's database and configuration

def soda_setup(ctx, folder: Path) -> Path:
    """soda.duckdb (made by soda's own duckdb 1.0.0 from the Parquet, once per data set), the
    data source configuration, and a HOME whose .soda/config.yml turns telemetry off."""
    db = folder / "soda.duckdb"
    if not db.exists():
        code = ("import duckdb, sys\n"
                "con = duckdb.connect(sys.argv[1] + '.partial')\n"
                "con.execute(\"CREATE TABLE orders AS SELECT * FROM read_parquet(?)\", [sys.argv[2]])\n"
                "con.execute(\"CREATE TABLE customers AS SELECT * FROM read_parquet(?)\", [sys.argv[3]])\n"
                "con.close()\n")
        Path(str(db) + ".partial").unlink(missing_ok=True)
        ctx.run([ctx.python("soda"), "-c", code, db, folder / "orders.parquet", folder / "customers.parquet"])
        Path(str(db) + ".partial").rename(db)
    (folder / "soda-home/.soda").mkdir(parents=True, exist_ok=True)
    (folder / "soda-home/.soda/config.yml").write_text("send_anonymous_usage_stats: false\n")
    (folder / "soda-configuration.yml").write_text(
        "data_source w3:\n"
        "  type: duckdb\n"
        f"  path: {json.dumps(str(db))}\n"
        "  read_only: true\n"
    )
    return db


def contenders(ctx) -> list:
    def folder() -> Path:
        return Path(ctx.facts["folder"])

    def expected() -> dict:
        return ctx.facts["expected"]

    state = {}

    def prepare_tessera(run: Path) -> None:
        """Once per harness run: a fresh project in the data folder, `tessera run` to publish
        (checks at warn), then the checks back at error severity for the timed `tessera check`."""
        if "tessera" in state:
            return
        # One project per binary: with --baseline an earlier build checks its own project (it
        # may not read a catalog a newer build wrote).
        root = folder() / f"tessera-project-{hashlib.sha256(str(ctx.tessera).encode()).hexdigest()[:8]}"
        if root.exists():
            shutil.rmtree(root)
        orders, customers = str(folder() / "orders.parquet"), str(folder() / "customers.parquet")
        tessera_project(root, orders, customers, severity="warn")
        ctx.run([ctx.tessera, "validate", "--project", root, "--no-color"])
        ctx.run([ctx.tessera, "run", "--project", root, "--no-color", "--quiet"])
        tessera_project(root, orders, customers)
        ctx.run([ctx.tessera, "validate", "--project", root, "--no-color"])
        state["tessera"] = root

    def check_tessera(run: Path) -> tuple:
        ok, detail = answers.check(answers.from_tessera, run / "out.json", expected())
        return ok, f"{detail} (exit {exit_status(run)})"

    def prepare_soda(run: Path) -> None:
        if "soda" not in state:
            state["soda"] = soda_setup(ctx, folder())

    def check_soda(run: Path) -> tuple:
        ok, detail = answers.check(answers.from_soda, run / "results.json", expected())
        return ok, f"{detail} (exit {exit_status(run)})"

    soda = Path(ctx.python("soda")).parent / "soda"
    peers = [
        Contender(
            key="soda", name="soda-core 3.5 (soda scan, SodaCL)", kind="peer", venv="soda",
            prepare=prepare_soda,
            env={"HOME": str(ctx.data_dir(f"{ctx.rows}-rows-seed-{ctx.seed}", "soda-home")), **accepting(2, soda)},
            command=lambda run: [HERE / "exit-status.sh", "scan", "-d", "w3", "-c", folder() / "soda-configuration.yml",
                                 "-srf", run / "results.json", HERE / "soda_checks.yml"],
            check=check_soda,
        ),
        Contender(
            key="gx", name="Great Expectations 1.24 (pandas, one checkpoint)", kind="peer", venv="gx",
            command=lambda run: [ctx.python("gx"), HERE / "gx_checks.py", folder() / "orders.parquet",
                                 folder() / "customers.parquet", run / "gx-result.json"],
            check=lambda run: answers.check(answers.from_gx, run / "gx-result.json", expected()),
        ),
    ]
    return [
        Contender(
            key="tessera", name="Tessera (tessera check --format json)", kind="tessera",
            prepare=prepare_tessera,
            env=accepting(1, ctx.tessera),
            command=lambda run: [HERE / "exit-status.sh", "check", "sales.orders", "--format", "json",
                                 "--project", state["tessera"], "--no-color"],
            stdout="out.json",
            check=check_tessera,
        ),
        Contender(
            key="reference", name="DuckDB reference (one query)", kind="reference", venv="duckdb",
            command=lambda run: [ctx.python("duckdb"), HERE.parent / "harness" / "run_sql.py", HERE / "reference.sql",
                                 "--set", "db='" + str(folder() / "w3.duckdb").replace("'", "''") + "'",
                                 "--out", run / "answers.json"],
            check=lambda run: check_answers(run / "answers.json", expected()),
        ),
    ] + [p for p in peers if not ctx.smoke or venv_ready(p.venv)]


def targets(ctx, results) -> list:
    tessera, reference = results.get("tessera"), results.get("reference")
    out = []
    if tessera is not None:
        out.append(ratio_target("Tessera wall time <= 1.3x the DuckDB reference", tessera, reference, 1.3))
        for key, name in (("soda", "soda"), ("gx", "Great Expectations")):
            if key in results:
                out.append(ratio_target(f"Tessera / {name} wall time", tessera, results[key], None))
    for key, name in (("soda", "soda"), ("gx", "Great Expectations")):
        if key in results:  # for scale, also while `tessera check` is pending
            out.append(ratio_target(f"{name} / DuckDB reference wall time", results[key], reference, None))
    return out
