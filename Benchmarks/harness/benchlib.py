"""What a workload folder's workload.py gets from the harness. Standard library only.

A workload module defines:

    ID = "W1"                       # short name, used by --workload
    TITLE = "..."                   # one line for the table
    VENVS = ["duckdb"]              # peer virtualenvs its setup and checks need (see PEERS)
    ROWS = {"smoke": 20_000, "full": 5_000_000}   # default scale, by mode
    def setup(ctx) -> dict          # make the data (seeded, cached); facts for the results
    def teardown(ctx)               # optional: after the runs, even when setup or a run failed
                                    # (e.g. stop a server that setup started)
    def contenders(ctx) -> list[Contender]
    def targets(ctx, results) -> list[Target]     # results: {contender key: ContenderResult}

Each contender is run as a whole process under /usr/bin/time -v, in a fresh folder per run,
and its output is checked after every run (untimed).
"""
from __future__ import annotations

import importlib.util
import json
import os
import shutil
import statistics
import subprocess
import sys
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

BENCH_DIR = Path(__file__).resolve().parent.parent  # Benchmarks/
REPO_DIR = BENCH_DIR.parent

# The peers, pinned. Every virtualenv is Benchmarks/.venv-<name>/, created on first use.
# duckdb is pinned inside the dlt and dbt environments too, so that every database file is
# written by the same DuckDB as Tessera's (2.0.0); soda pins its own duckdb 1.0.0, which cannot
# open a file written by DuckDB 2.0, so soda gets its own file.
PEERS: dict[str, list[str]] = {
    "duckdb": ["duckdb==2.0.0"],
    "dlt": ["dlt[duckdb,parquet]==1.31.0", "duckdb==2.0.0", "pyarrow==26.0.1"],
    # dlt's sql_database source (W1b): SQLAlchemy + psycopg2 for backend="pyarrow", connectorx.
    "dlt-sql": ["dlt[duckdb,parquet,sql-database]==1.31.0", "duckdb==2.0.0", "pyarrow==26.0.1",
                "sqlalchemy==2.1.9", "psycopg2-binary==2.9.13", "connectorx==0.4.6"],
    "dbt": ["dbt-core==1.11.16", "dbt-duckdb==1.11.1", "duckdb==2.0.0"],
    "soda": ["soda-core-duckdb==3.5.6"],
    # pyarrow: the pandas datasource reads Parquet with it (GX does not depend on it).
    "gx": ["great_expectations==1.24.1", "pyarrow==26.0.1"],
    # W6: `dagster dev` (webserver and daemon) with declarative automation.
    "dagster": ["dagster==1.13.28", "dagster-webserver==1.13.28"],
}

# Set for every process the harness starts: no telemetry, no colors.
RUN_ENV = {
    "RUNTIME__DLTHUB_TELEMETRY": "false",
    "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    "GX_ANALYTICS_ENABLED": "False",
    "DO_NOT_TRACK": "1",
    "NO_COLOR": "1",
    "PIP_DISABLE_PIP_VERSION_CHECK": "1",
}


def venv_dir(peer: str) -> Path:
    return BENCH_DIR / f".venv-{peer}"


def venv_python(peer: str) -> str:
    return str(venv_dir(peer) / "bin" / "python")


_venv_locks: dict[str, threading.Lock] = {p: threading.Lock() for p in PEERS}


def ensure_venv(peer: str, log: Callable[[str], None] = print) -> None:
    """Creates Benchmarks/.venv-<peer> with its pins, unless it exists with exactly those pins."""
    pins = PEERS[peer]
    folder = venv_dir(peer)
    marker = folder / "bench-pins.txt"
    wanted = "\n".join(pins) + "\n"
    with _venv_locks[peer]:
        if marker.exists() and marker.read_text() == wanted:
            return
        import time

        started = time.perf_counter()
        log(f"  creating {folder.name}: {' '.join(pins)}")
        if folder.exists():
            shutil.rmtree(folder)
        env = dict(os.environ, **RUN_ENV)
        ensure_ensurepip(log)
        subprocess.run([sys.executable, "-m", "venv", str(folder)], check=True, env=env)
        done = subprocess.run(
            [venv_python(peer), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", *pins],
            env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        )
        if done.returncode != 0:
            raise RuntimeError(f"pip install for {folder.name} failed:\n{done.stdout[-4000:]}")
        marker.write_text(wanted)
        log(f"  created {folder.name} in {time.perf_counter() - started:.0f} s")


def ensure_ensurepip(log: Callable[[str], None]) -> None:
    """Debian's own python3 makes virtualenvs only with python3-venv installed: install it if we may."""
    probe = [sys.executable, "-c", "import ensurepip"]
    if subprocess.run(probe, capture_output=True).returncode == 0:
        return
    if os.geteuid() == 0 and shutil.which("apt-get"):
        log("  python3 cannot make virtualenvs (no ensurepip): apt-get install python3-venv")
        quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["apt-get", "update", "-qq"], **quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", "python3-venv"], **quiet)
    if subprocess.run(probe, capture_output=True).returncode != 0:
        raise RuntimeError(f"{sys.executable} cannot create virtualenvs: install python3-venv")


def venv_versions(peer: str) -> dict[str, str]:
    """The installed versions of a virtualenv's pinned distributions."""
    names = [p.split("==")[0].split("[")[0] for p in PEERS[peer]]
    code = (
        "import importlib.metadata as m, json, sys\n"
        "print(json.dumps({n: m.version(n) for n in sys.argv[1:]}))"
    )
    out = subprocess.run([venv_python(peer), "-c", code, *names], capture_output=True, text=True)
    return json.loads(out.stdout) if out.returncode == 0 else {}


@dataclass
class Contender:
    key: str  # short and stable: "reference", "dlt", "tessera"
    name: str  # for the table: "DuckDB reference", "dlt 1.31 merge"
    kind: str  # "tessera" | "reference" | "peer"
    command: Callable[[Path], list]  # run folder -> argv of the timed process (cwd = run folder)
    check: Callable[[Path], tuple]  # run folder -> (ok, detail), after the run, untimed
    venv: Optional[str] = None  # the peer virtualenv the command runs in
    prepare: Optional[Callable[[Path], None]] = None  # untimed, before each run, in the run folder
    env: dict = field(default_factory=dict)
    # A file name in the run folder that gets the process's standard output, for a check that
    # reads it (e.g. `tessera plan --format json`); its standard error still goes to the log.
    # None: both go to the log.
    stdout: Optional[str] = None
    # The key of the Tessera contender this one's "Tessera / it" ratio is taken against (e.g. the
    # same work at another scale); None: the workload's first Tessera contender.
    compare_to: Optional[str] = None


@dataclass
class Run:
    round: int
    warmup: bool
    wall: float  # seconds, whole process
    peak_rss_kb: Optional[int]
    cpu: Optional[float]  # user + system seconds
    rc: int
    load: float  # 1-minute load average when it started
    ok: bool
    detail: str


@dataclass
class ContenderResult:
    contender: Contender
    status: str = "ok"  # ok | pending | failed
    detail: str = ""
    runs: list = field(default_factory=list)

    @property
    def measured(self) -> list:
        return [r for r in self.runs if not r.warmup and r.ok]

    def wall(self, f: Callable = statistics.median) -> Optional[float]:
        runs = self.measured
        return f([r.wall for r in runs]) if runs and self.status == "ok" else None

    def cpu(self, f: Callable = statistics.median) -> Optional[float]:
        """CPU seconds (user + sys) of the measured runs, when the timer reported them."""
        values = [r.cpu for r in self.measured if r.cpu is not None]
        return f(values) if values and self.status == "ok" else None

    def peak_rss_kb(self) -> Optional[int]:
        values = [r.peak_rss_kb for r in self.measured if r.peak_rss_kb is not None]
        return max(values) if values and self.status == "ok" else None


@dataclass
class Target:
    label: str
    status: str  # pass | fail | pending | info
    detail: str = ""


class Context:
    """What the harness hands to a workload."""

    def __init__(self, workload_id: str, folder: Path, smoke: bool, rows: int, seed: int,
                 tessera: Path, work_dir: Path):
        self.id = workload_id
        self.folder = folder  # the workload's own folder
        self.smoke = smoke
        self.rows = rows
        self.seed = seed
        self.tessera = tessera
        self.work_dir = work_dir  # scratch, below Benchmarks/.work/
        self.facts: dict = {}  # what setup() returned

    def data_dir(self, *parts: str) -> Path:
        """A cache folder for generated data: Benchmarks/data/<workload id>/<parts…>."""
        path = BENCH_DIR / "data" / self.id.lower()
        for part in parts:
            path = path / part
        return path

    @staticmethod
    def python(peer: str) -> str:
        return venv_python(peer)

    @staticmethod
    def run(argv: list, **kwargs) -> subprocess.CompletedProcess:
        """Runs a helper process (not timed); raises with its output if it fails."""
        env = dict(os.environ, **RUN_ENV, **kwargs.pop("env", {}))
        done = subprocess.run([str(a) for a in argv], env=env, capture_output=True, text=True, **kwargs)
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(map(str, argv))} exited {done.returncode}:\n{(done.stdout + done.stderr)[-4000:]}")
        return done

    @classmethod
    def check_json(cls, argv: list) -> tuple:
        """Runs a check script that prints {"ok": bool, "detail": str} as its last line."""
        env = dict(os.environ, **RUN_ENV)
        done = subprocess.run([str(a) for a in argv], env=env, capture_output=True, text=True)
        lines = done.stdout.strip().splitlines()
        try:
            verdict = json.loads(lines[-1])
            return bool(verdict["ok"]) and done.returncode == 0, str(verdict.get("detail", ""))
        except (IndexError, ValueError, KeyError):
            return False, f"check exited {done.returncode}: {(done.stdout + done.stderr).strip()[-1500:]}"


def why_not(result: ContenderResult) -> str:
    """Why a contender has no figure: "tessera ingest not built yet", "it failed"."""
    if result.status == "pending":
        return result.detail.removeprefix("pending: ")
    return f"{result.contender.name} {result.status}"


def ratio_target(label: str, tessera: ContenderResult, other: Optional[ContenderResult], limit: Optional[float],
                 measure: str = "wall") -> Target:
    """Tessera's median wall time (or CPU time: measure="cpu") over another contender's; pass when
    <= limit (None: info only)."""
    def value_of(result: ContenderResult) -> Optional[float]:
        return result.wall() if measure == "wall" else result.cpu()
    if other is None or value_of(other) is None:
        return Target(label, "pending", f"no {measure} time of {other.contender.name if other else 'peer'}")
    if tessera.status != "ok" or value_of(tessera) is None:
        return Target(label, "pending", why_not(tessera))
    value = value_of(tessera) / value_of(other)
    if limit is None:
        return Target(label, "info", f"{value:.2f}x")
    return Target(label, "pass" if value <= limit else "fail", f"{value:.2f}x (limit {limit:g}x)")


def memory_target(label: str, result: ContenderResult, limit_mib: float) -> Target:
    if result.status != "ok" or result.peak_rss_kb() is None:
        return Target(label, "pending", why_not(result))
    mib = result.peak_rss_kb() / 1024
    return Target(label, "pass" if mib <= limit_mib else "fail", f"{mib:,.0f} MiB (limit {limit_mib:,.0f} MiB)")


def w3_data(ctx: Context) -> dict:
    """W3's orders and customers, generated by W3's own setup when missing (cached under
    Benchmarks/data/w3/): the facts W3's setup returns. For workloads that reuse W3's data."""
    w3_folder = BENCH_DIR / "w3-checks"
    spec = importlib.util.spec_from_file_location(f"w3_workload_for_{ctx.id.lower()}", w3_folder / "workload.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.setup(Context("W3", w3_folder, ctx.smoke, ctx.rows, ctx.seed, ctx.tessera, ctx.work_dir))
