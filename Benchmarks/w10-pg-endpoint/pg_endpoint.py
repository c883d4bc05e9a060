"""W10: the PostgreSQL endpoint against a real PostgreSQL 15 serving the same table.

A product of ROWS rows and six columns of mixed types (INTEGER, BIGINT, DOUBLE, VARCHAR with NULLs,
DATE, TIMESTAMP with milliseconds) is built by `tessera run` in a one-domain mesh and served by
`tessera serve --pg-port 0`; the same rows, computed by the same formulas, are loaded into a
throwaway PostgreSQL 15 cluster (scripts/postgres-test-cluster.sh: Debian's binaries, default
settings but fsync off) as `bench.wide` with a primary key, vacuumed and analyzed. Both answer
`select * from bench.wide` under the same name; both sign in by SCRAM-SHA-256 over TCP.

Before timing, the two servers' text output of the first rows (psql, unaligned) must be
byte-identical, and every timed stream must return ROWS rows. Then, in rounds whose order
alternates (Tessera first, then PostgreSQL first):

- psycopg:  a fresh Python process connects, `cursor.execute("select * from bench.wide")`, iterates
            over every row (text format, client-side cursor: the whole result crosses the wire);
- psql:     `psql -X -c "select * from bench.wide" > /dev/null`;
- count(*): one connection, COUNT_QUERIES round trips of `select count(*) from bench.wide`;

and once per server, 20 concurrent clients (threads, one connection each) run a mix of queries
(count, a 100-row range, two group-bys, a 10,000-row stream). Wall times are whole client
processes; the ratio is Tessera's median over PostgreSQL's. Peak server memory is the highest sum
of proportional set sizes (PSS, so that PostgreSQL's shared buffers count once) of the server's
processes, sampled every 50 ms during the streams.

    python3 pg_endpoint.py [--smoke] [--tessera PATH] [--reps N] [--rows N]

Writes Benchmarks/results/<UTC time>-w10.{md,json} (smoke: Benchmarks/.work/results/); exits 1
when an output differs, a query fails, or (at full size) a target is missed.
"""
from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shlex
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
PYTHON = sys.executable
TABLE = "bench.wide"
TARGET_STREAM = 1.0  # Tessera time / PostgreSQL time
TARGET_COUNT = 2.0
CLIENTS = 20

# The same rows in both engines: integer arithmetic, one exactly rounded division, calendar sums.
DUCKDB_MODEL = """select i::INTEGER as id, i * 7919 as big, (i % 1000003)::DOUBLE / 7 as dbl,
  case when i % 97 = 0 then null else 'customer ' || (i * 31 % 100000) end as txt,
  DATE '2020-01-01' + (i % 3650)::INTEGER as day,
  TIMESTAMP '2020-01-01 00:00:00' + to_milliseconds(i * 37013) as ts
from range({rows}) t(i)
"""
POSTGRES_LOAD = """create schema bench;
create table bench.wide (id integer primary key, big bigint, dbl double precision, txt text, day date, ts timestamp);
insert into bench.wide
select i, i::bigint * 7919, (i % 1000003)::float8 / 7,
  case when i % 97 = 0 then null else 'customer ' || (i::bigint * 31 % 100000) end,
  date '2020-01-01' + (i % 3650),
  timestamp '2020-01-01 00:00:00' + (i::bigint * 37013) * interval '1 millisecond'
from generate_series(0, {last}) i;
vacuum analyze bench.wide;
"""
PRODUCT = """description: Six columns of mixed types, for the PostgreSQL endpoint benchmark
contract:
  columns:
    - {name: id, type: INTEGER}
    - {name: big, type: BIGINT}
    - {name: dbl, type: DOUBLE}
    - {name: txt, type: VARCHAR}
    - {name: day, type: DATE}
    - {name: ts, type: TIMESTAMP}
"""

STREAM_CLIENT = """import psycopg, sys
with psycopg.connect(sys.argv[1]) as conn:
    cur = conn.cursor()
    cur.execute(sys.argv[2])
    n = 0
    for row in cur:
        n += 1
print(n)
"""
COUNT_CLIENT = """import json, psycopg, sys, time
with psycopg.connect(sys.argv[1], autocommit=True) as conn:
    for _ in range(5):
        conn.execute("select count(*) from bench.wide").fetchone()
    times = []
    for _ in range(int(sys.argv[2])):
        start = time.perf_counter()
        n = conn.execute("select count(*) from bench.wide").fetchone()[0]
        times.append((time.perf_counter() - start) * 1000)
print(json.dumps({"rows": n, "ms": times}))
"""
MIX_CLIENT = """import json, psycopg, sys, threading, time
url, clients, each, rows = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def mix(k):
    lo = (k * 7919) % max(rows - 100, 1)
    return [
        "select count(*) from bench.wide",
        f"select * from bench.wide where id between {lo} and {lo + 99}",
        "select txt, count(*) from bench.wide group by txt order by 2 desc, 1 limit 10",
        "select day, avg(dbl), max(ts) from bench.wide group by day order by day limit 30",
        "select * from bench.wide limit 10000",
    ][k % 5]
times, errors, lock = [], [], threading.Lock()
def client(c):
    try:
        with psycopg.connect(url, autocommit=True) as conn:
            for q in range(each):
                start = time.perf_counter()
                try:
                    conn.execute(mix(c + q)).fetchall()
                    with lock: times.append((time.perf_counter() - start) * 1000)
                except Exception as e:
                    with lock: errors.append(f"{type(e).__name__}: {e}")
    except Exception as e:
        with lock: errors.append(f"connect: {type(e).__name__}: {e}")
start = time.perf_counter()
threads = [threading.Thread(target=client, args=(c,)) for c in range(clients)]
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"ms": times, "errors": errors, "wall": time.perf_counter() - start}))
"""


def run(cmd, **kw) -> subprocess.CompletedProcess:
    done = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if done.returncode != 0:
        raise SystemExit(f"W10: {shlex.join(map(str, cmd))} failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return done


# ---------------------------------------------------------------- the two servers

class Tessera:
    name = "tessera"

    def __init__(self, binary: str, rows: int):
        self.binary = binary
        self.folder = Path(tempfile.mkdtemp(prefix="tessera-w10-"))
        files = {
            "tessera.yaml": "mesh: w10\ngovernance: {require_description: false, require_classification: false}\n",
            "domains/bench/domain.yaml": "owner: bench@w10.example\nmembers:\n  - {name: ana, role: owner}\n",
            "domains/bench/models/wide.sql": DUCKDB_MODEL.format(rows=rows),
            "domains/bench/products/wide.yaml": PRODUCT,
        }
        for path, text in files.items():
            (self.folder / path).parent.mkdir(parents=True, exist_ok=True)
            (self.folder / path).write_text(text)
        started = time.perf_counter()
        run([binary, "run", "--quiet"], cwd=self.folder)
        self.build_seconds = time.perf_counter() - started
        created = run([binary, "token", "create", "--principal", "ana", "--format", "json"], cwd=self.folder)
        token = json.loads(created.stdout)["token"]
        self.log = (self.folder / "serve.log").open("w")
        self.process = subprocess.Popen([binary, "serve", "--port", "0", "--pg-port", "0"], cwd=self.folder,
                                        stdout=self.log, stderr=subprocess.STDOUT)
        try:
            port = self.wait_for_port()
        except BaseException:
            self.stop()
            raise
        self.env = {"PGPASSWORD": token}
        self.args = ["-h", "127.0.0.1", "-p", str(port), "-U", "ana", "-d", "w10"]
        self.url = f"host=127.0.0.1 port={port} dbname=w10 user=ana password={token}"

    def wait_for_port(self) -> int:
        info = self.folder / ".tessera/dev/serve.json"
        for _ in range(1200):
            if self.process.poll() is not None:
                break
            if info.exists():
                try:
                    port = json.loads(info.read_text()).get("pgPort")
                except json.JSONDecodeError:
                    port = None
                if port:
                    return port
            time.sleep(0.05)
        raise SystemExit("W10: tessera serve never listened:\n" + (self.folder / "serve.log").read_text()[-3000:])

    def pids(self) -> list[int]:
        return [self.process.pid]

    def stop(self):
        self.process.terminate()
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            self.process.kill()
        subprocess.run(["rm", "-rf", str(self.folder)])


class Postgres:
    name = "postgres"

    def __init__(self, rows: int):
        started = run([str(REPO / "scripts/postgres-test-cluster.sh"), "start"])
        exports = dict(line.removeprefix("export ").split("=", 1) for line in started.stdout.splitlines()
                       if line.startswith("export "))
        exports = {k: v.strip("'") for k, v in exports.items()}
        self.dir, bindir = exports["TESSERA_TEST_PG_DIR"], exports["TESSERA_TEST_PG_BINDIR"]
        self.version = run([f"{bindir}/postgres", "--version"]).stdout.strip()
        url = exports["TESSERA_TEST_PG_URL"]  # postgres://tessera:PASSWORD@127.0.0.1:PORT/tessera
        credentials, address = url.removeprefix("postgres://").split("@")
        password = credentials.split(":", 1)[1]
        port = address.split("/")[0].split(":")[1]
        self.env = {"PGPASSWORD": password}
        self.args = ["-h", "127.0.0.1", "-p", port, "-U", "tessera", "-d", "tessera"]
        self.url = f"host=127.0.0.1 port={port} dbname=tessera user=tessera password={password}"
        started = time.perf_counter()
        try:
            run(["psql", "-X", "-q", *self.args, "-v", "ON_ERROR_STOP=1", "-f", "-"],
                input=POSTGRES_LOAD.format(last=rows - 1), env=dict(os.environ, **self.env))
        except BaseException:
            self.stop()  # the caller never gets this server to stop
            raise
        self.build_seconds = time.perf_counter() - started

    def pids(self) -> list[int]:
        try:
            postmaster = int(Path(self.dir, "data/postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return []
        return [postmaster] + children(postmaster)

    def stop(self):
        subprocess.run([str(REPO / "scripts/postgres-test-cluster.sh"), "stop", self.dir])


def children(parent: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == parent:
                found.append(int(entry.name))
    return found


def psql(server, sql: str, *extra: str) -> str:
    return run(["psql", "-X", "-q", *server.args, *extra, "-c", sql],
               env=dict(os.environ, **server.env)).stdout


# ---------------------------------------------------------------- measuring

class MemorySampler:
    """The highest sum of PSS (MiB) of a server's processes while it runs."""

    def __init__(self, server):
        self.server, self.peak, self.stopping = server, 0.0, threading.Event()
        self.thread = threading.Thread(target=self.loop, daemon=True)

    def loop(self):
        while not self.stopping.is_set():
            total = 0
            for pid in self.server.pids():
                try:
                    for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                        if line.startswith("Pss:"):
                            total += int(line.split()[1])
                except OSError:
                    pass
            self.peak = max(self.peak, total / 1024)
            self.stopping.wait(0.05)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.stopping.set()
        self.thread.join()


def cpu_seconds(server) -> float:
    """CPU time of the server so far: its processes' own, and that of the ones it reaped (a
    PostgreSQL backend's time lands in the postmaster's once the backend exits)."""
    ticks = 0
    for pid in server.pids():
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        ticks += sum(int(x) for x in fields[11:15])  # utime, stime, cutime, cstime
    return ticks / os.sysconf("SC_CLK_TCK")


def timed(cmd, env, stdout=subprocess.PIPE) -> tuple[float, str]:
    started = time.perf_counter()
    done = subprocess.run(cmd, env=env, stdout=stdout, stderr=subprocess.PIPE, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"W10: {shlex.join(cmd[:3])} … failed ({done.returncode}):\n{done.stderr[-3000:]}")
    return seconds, done.stdout or ""


def stream_psycopg(server, rows: int) -> float:
    seconds, out = timed([PYTHON, "-c", STREAM_CLIENT, server.url, f"select * from {TABLE}"], os.environ)
    if int(out.strip()) != rows:
        raise SystemExit(f"W10: {server.name} streamed {out.strip()} rows to psycopg, not {rows}")
    return seconds


def stream_psql(server, rows: int) -> float:
    with open(os.devnull, "w") as devnull:
        seconds, _ = timed(["psql", "-X", *server.args, "-c", f"select * from {TABLE}"],
                           dict(os.environ, **server.env), stdout=devnull)
    return seconds


def count_round_trips(server, queries: int, rows: int) -> list[float]:
    _, out = timed([PYTHON, "-c", COUNT_CLIENT, server.url, str(queries)], os.environ)
    result = json.loads(out)
    if result["rows"] != rows:
        raise SystemExit(f"W10: {server.name} counted {result['rows']} rows, not {rows}")
    return result["ms"]


def concurrent_mix(server, each: int, rows: int) -> dict:
    _, out = timed([PYTHON, "-c", MIX_CLIENT, server.url, str(CLIENTS), str(each), str(rows)], os.environ)
    return json.loads(out)


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))] if ordered else float("nan")


def same_text(tessera, postgres, rows: int) -> None:
    """The first rows as psql prints them (unaligned): byte for byte the same from both."""
    sql = f"select * from {TABLE} where id < {min(rows, 5000)} order by id"
    ours, theirs = psql(tessera, sql, "-A"), psql(postgres, sql, "-A")
    if ours != theirs:
        for a, b in zip(ours.splitlines(), theirs.splitlines()):
            if a != b:
                raise SystemExit(f"W10: the servers print different rows:\n  tessera:  {a}\n  postgres: {b}")
        raise SystemExit("W10: the servers print a different number of rows")


# ---------------------------------------------------------------- the run

def measure(servers, args, rows: int) -> dict:
    streams = {(kind, s.name): [] for kind in ("psycopg", "psql") for s in servers}
    peaks = {s.name: 0.0 for s in servers}
    cpu = {(kind, s.name): [] for kind in ("psycopg", "psql") for s in servers}
    counts = {s.name: [] for s in servers}
    for rep in range(args.warmup + args.reps):
        order = servers if rep % 2 == 0 else servers[::-1]
        for kind, stream in (("psycopg", stream_psycopg), ("psql", stream_psql)):
            for server in order:
                before = cpu_seconds(server)
                with MemorySampler(server) as sampler:
                    seconds = stream(server, rows)
                time.sleep(0.2)  # a PostgreSQL backend exits after its client: count its time
                used = cpu_seconds(server) - before
                peaks[server.name] = max(peaks[server.name], sampler.peak)
                print(f"  round {rep + 1}{' (warm-up)' if rep < args.warmup else ''}: {kind:8} {server.name:8} "
                      f"{seconds:6.2f} s, server CPU {used:6.2f} s, peak {sampler.peak:5.0f} MiB", file=sys.stderr, flush=True)
                if rep >= args.warmup:
                    streams[(kind, server.name)].append(seconds)
                    cpu[(kind, server.name)].append(used)
        for server in order:
            ms = count_round_trips(server, args.count_queries, rows)
            if rep >= args.warmup:
                counts[server.name] += ms
    mixes = {s.name: concurrent_mix(s, args.mix_each, rows) for s in servers}
    return {"streams": streams, "cpu": cpu, "peaks": peaks, "counts": counts, "mixes": mixes}


def report(m: dict, args, rows: int, facts: dict) -> tuple[str, bool, dict]:
    med = {key: statistics.median(v) for key, v in m["streams"].items()}
    count50 = {name: percentile(v, 50) for name, v in m["counts"].items()}
    lines = [f"W10 PostgreSQL endpoint: {rows:,} rows x 6 columns, {args.reps} reps (+{args.warmup} warm-up), "
             f"alternating; {facts['postgres_version']}",
             "", "| measure | tessera | postgres | tessera / postgres | target |", "|---|---:|---:|---:|---|"]
    results, failed = {}, False
    for kind in ("psycopg", "psql"):
        t, p = med[(kind, "tessera")], med[(kind, "postgres")]
        verdict = "PASS" if t / p <= TARGET_STREAM else "FAIL"
        failed |= verdict == "FAIL" and not args.smoke
        label = "stream to psycopg (fetch + iterate)" if kind == "psycopg" else "stream to psql > /dev/null"
        lines.append(f"| {label}, median s | {t:.2f} | {p:.2f} | {t / p:.2f}x | <= {TARGET_STREAM:.1f}x {verdict} |")
        ct, cp = (statistics.median(m["cpu"][(kind, name)]) for name in ("tessera", "postgres"))
        lines.append(f"| {label}: server CPU, median s | {ct:.2f} | {cp:.2f} | {ct / cp if cp else float('nan'):.2f}x | info |")
        results[kind] = {"tessera": m["streams"][(kind, "tessera")], "postgres": m["streams"][(kind, "postgres")],
                         "ratio": t / p, "server_cpu": {"tessera": m["cpu"][(kind, "tessera")],
                                                        "postgres": m["cpu"][(kind, "postgres")]}}
    t, p = count50["tessera"], count50["postgres"]
    verdict = "PASS" if t / p <= TARGET_COUNT else "FAIL"
    failed |= verdict == "FAIL" and not args.smoke
    lines.append(f"| count(*) round trip p50 ({len(m['counts']['tessera'])} queries), ms | {t:.2f} | {p:.2f} | "
                 f"{t / p:.2f}x | <= {TARGET_COUNT:.0f}x {verdict} |")
    pt, pp = m["peaks"]["tessera"], m["peaks"]["postgres"]
    lines.append(f"| server peak memory during the streams (PSS), MiB | {pt:.0f} | {pp:.0f} | {pt / pp:.2f}x | info |")
    for name in ("tessera", "postgres"):
        mix = m["mixes"][name]
        errors = len(mix["errors"])
        failed |= name == "tessera" and errors > 0
        lines.append(f"| {CLIENTS} clients x {args.mix_each} mixed queries ({name}): p50 / p99 ms, errors | "
                     f"{percentile(mix['ms'], 50):.1f} / {percentile(mix['ms'], 99):.1f} | {errors} errors | "
                     f"{mix['wall']:.1f} s wall | {'no errors ' + ('PASS' if errors == 0 else 'FAIL') if name == 'tessera' else 'info'} |")
        for error in mix["errors"][:5]:
            lines.append(f"|   {name} error: {error[:150]} | | | | |")
    results.update(count_ms=m["counts"], peaks_mib=m["peaks"], mixes=m["mixes"])
    return "\n".join(lines), failed, results


def machine(tessera: str) -> str:
    cpu = next((l.split(":", 1)[1].strip() for l in Path("/proc/cpuinfo").read_text().splitlines()
                if l.startswith("model name")), platform.processor())
    version = subprocess.run([tessera, "--version"], capture_output=True, text=True).stdout.strip()
    commit = subprocess.run(["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"], capture_output=True,
                            text=True).stdout.strip()
    return (f"{os.cpu_count()} cores ({cpu}), {platform.platform()}, Python {platform.python_version()}, "
            f"tessera {version} at commit {commit}, load average {os.getloadavg()[0]:.2f} at the end")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--smoke", action="store_true", help="20,000 rows, one rep: does it still work?")
    parser.add_argument("--tessera", default=str(REPO / ".build/release/tessera"))
    parser.add_argument("--rows", type=int)
    parser.add_argument("--reps", type=int)
    parser.add_argument("--warmup", type=int)
    args = parser.parse_args()
    rows = args.rows or (20_000 if args.smoke else 5_000_000)
    args.reps = args.reps or (1 if args.smoke else 5)
    args.warmup = args.warmup if args.warmup is not None else (0 if args.smoke else 1)
    args.count_queries = 20 if args.smoke else 200
    args.mix_each = 3 if args.smoke else 10
    if not Path(args.tessera).exists():
        print(f"W10: {args.tessera} is not built: run `swift build -c release` (make release)", file=sys.stderr)
        return 1
    servers = []
    # A timeout's SIGTERM unwinds like an error, so that both servers are stopped.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit("W10: terminated"))
    try:
        servers.append(Tessera(args.tessera, rows))
        servers.append(Postgres(rows))
        facts = {"postgres_version": servers[1].version,
                 "build_seconds": {s.name: round(s.build_seconds, 1) for s in servers}}
        same_text(servers[0], servers[1], rows)
        measured = measure(servers, args, rows)
    finally:
        for server in servers:
            server.stop()
    table, failed, results = report(measured, args, rows, facts)
    text = f"{table}\n\nMachine: {machine(args.tessera)}.\n"
    print(text)
    now = dt.datetime.now(dt.timezone.utc)
    out = REPO / "Benchmarks" / (".work/results" if args.smoke else "results")
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{now:%Y-%m-%dT%H%M%SZ}-w10{'-smoke' if args.smoke else ''}"
    (out / f"{stem}.md").write_text(f"# W10 results, {now.isoformat(timespec='seconds')}\n\n{text}")
    (out / f"{stem}.json").write_text(json.dumps({"date": now.isoformat(timespec="seconds"), "rows": rows,
                                                  "reps": args.reps, "facts": facts, "results": results},
                                                 indent=1) + "\n")
    print(f"results: {out / stem}.{{md,json}}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
