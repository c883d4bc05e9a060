"""W3: ten checks (SPEC §6's kinds) on a 5M-row orders table with planted violations.

The data (generate.py): orders (N rows) and customers, as Parquet and as tables of one DuckDB
file; a known number of rows breaks each check. A contender must report, for each of the ten
checks, how many rows fail it (row_count: the count; freshness: the latest ordered_at).
Contenders, each in a fresh folder per run:
  reference  DuckDB 2.0 (Python), reference.sql: the ten checks as one query over the database
             file (opened read-only), its result written as JSON.
Still to come with the checks issue: `tessera check` on a generated project, soda (the `soda`
venv: its duckdb 1.0.0 cannot open this file; build its own from the Parquet), and Great
Expectations (the `gx` venv: pandas datasource over the Parquet), see PEERS.md.
"""
import json
from pathlib import Path

from benchlib import Contender

ID = "W3"
TITLE = "Ten checks on an orders table: failing rows per check"
VENVS = ["duckdb"]  # generate.py
ROWS = {"smoke": 20_000, "full": 5_000_000}  # at least 20,000: the planted violations need it
HERE = Path(__file__).resolve().parent


def setup(ctx) -> dict:
    folder = ctx.data_dir(f"{ctx.rows}-rows-seed-{ctx.seed}")
    expected = folder / "expected.json"
    version = generator_version()
    if not expected.exists() or json.loads(expected.read_text()).get("generator") != version:
        ctx.run([ctx.python("duckdb"), HERE / "generate.py", "--rows", ctx.rows, "--seed", ctx.seed, "--out", folder])
        facts = json.loads(expected.read_text())
        facts["generator"] = version
        expected.write_text(json.dumps(facts, indent=1))
    facts = json.loads(expected.read_text())
    return {"rows": facts["rows"], "bytes": facts["bytes"], "note": "ten checks (size: the orders Parquet)",
            "folder": str(folder), "expected": facts["checks"]}


def generator_version() -> str:
    import hashlib

    return hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:12]


def check_answers(path: Path, expected: dict) -> tuple:
    """The contender's JSON (one object, check name -> failing rows) against the answer."""
    try:
        got = json.loads(path.read_text())
    except (OSError, ValueError) as e:
        return False, f"no readable result at {path.name}: {e}"
    got = got[0] if isinstance(got, list) and got else got
    wrong = [f"{k}: {got.get(k)!r}, expected {v!r}" for k, v in expected.items() if str(got.get(k)) != str(v)]
    return (not wrong), ("; ".join(wrong) if wrong else "10 checks, every answer right")


def contenders(ctx) -> list:
    def folder() -> Path:
        return Path(ctx.facts["folder"])

    return [
        Contender(
            key="reference", name="DuckDB reference (one query)", kind="reference", venv="duckdb",
            command=lambda run: [ctx.python("duckdb"), HERE.parent / "harness" / "run_sql.py", HERE / "reference.sql",
                                 "--set", "db='" + str(folder() / "w3.duckdb").replace("'", "''") + "'",
                                 "--out", run / "answers.json"],
            check=lambda run: check_answers(run / "answers.json", ctx.facts["expected"]),
        ),
    ]


def targets(ctx, results) -> list:
    return []
