"""Tessera's benchmark harness: Tessera and its peers on the same workloads, in one run.

    python3 Benchmarks/harness/bench.py [--smoke] [--workload W1 ...] [--reps N] [--warmup N]
                                        [--rows N] [--contender KEY ...] [--tessera PATH]
                                        [--baseline EARLIER_TESSERA]

Every folder of Benchmarks/ with a workload.py is a workload (see harness/benchlib.py); a folder
with only a run.sh (the decode benchmark) is run as it is, `run.sh --smoke` in smoke mode, and
its output passed through. Per workload: the peers' virtualenvs are created if missing (pinned,
from PyPI), the data is generated (seeded; cached in Benchmarks/data/), then every contender runs
as a whole process under /usr/bin/time -v, in rounds -- warm-ups first, then the measured
repetitions, the order of the contenders rotated each round -- each run in a fresh folder, its
output checked after the run. Prints a table per workload (median, min-max, peak memory,
Tessera's ratio to each contender, the targets) and writes it as JSON and Markdown.

Exit status: 1 if any contender crashed or produced a wrong output, or an external workload
failed; a Tessera command that is not built yet is "pending", not a failure. Standard library only.
"""
from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import importlib.util
import json
import os
import platform
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import benchlib  # noqa: E402
from benchlib import BENCH_DIR, REPO_DIR, RUN_ENV, ContenderResult, Context, Run  # noqa: E402

SKIP_FOLDERS = {"harness", "results", "data"}
GNU_TIME = "/usr/bin/time"


# ---------------------------------------------------------------- discovery

class External:
    """A workload folder with its own run.sh that prints its own table."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.ID = folder.name
        self.TITLE = f"{folder.name} (its own run.sh)"


def discover() -> list:
    workloads = []
    for folder in sorted(BENCH_DIR.iterdir()):
        if not folder.is_dir() or folder.name.startswith(".") or folder.name in SKIP_FOLDERS:
            continue
        if (folder / "workload.py").exists():
            spec = importlib.util.spec_from_file_location(f"workload_{folder.name.replace('-', '_')}", folder / "workload.py")
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.folder = folder
            workloads.append(module)
        else:
            workloads.append(External(folder))  # run.sh, or not written yet
    # Harness workloads first (in their ID order), then the ones with their own run.sh.
    return sorted(workloads, key=lambda w: (isinstance(w, External), w.ID.lower()))


def selected(workloads: list, names: list) -> list:
    if not names:
        return workloads
    wanted = {n.lower() for n in names}
    chosen = [w for w in workloads if w.ID.lower() in wanted or w.folder.name.lower() in wanted]
    unknown = wanted - {w.ID.lower() for w in chosen} - {w.folder.name.lower() for w in chosen}
    if unknown:
        known = ", ".join(f"{w.ID} ({w.folder.name})" for w in workloads)
        sys.exit(f"unknown workload {', '.join(sorted(unknown))}; there are: {known}")
    return chosen


# ---------------------------------------------------------------- timing one process

def ensure_gnu_time() -> bool:
    """GNU time gives wall time and peak memory; install Debian's `time` if we may."""
    if os.access(GNU_TIME, os.X_OK):
        return True
    if os.geteuid() == 0 and shutil.which("apt-get"):
        print("  /usr/bin/time is missing: apt-get install time")
        quiet = dict(stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        subprocess.run(["apt-get", "update", "-qq"], **quiet)
        subprocess.run(["apt-get", "install", "-y", "-qq", "time"], **quiet)
    if os.access(GNU_TIME, os.X_OK):
        return True
    print("  /usr/bin/time is not available: peak memory comes from wait4()'s rusage instead (the same kernel figure)")
    return False


def parse_gnu_time(text: str) -> dict:
    def grab(pattern, cast):
        m = re.search(pattern, text)
        return cast(m.group(1)) if m else None

    return {
        "rss": grab(r"Maximum resident set size \(kbytes\): (\d+)", int),
        "user": grab(r"User time \(seconds\): ([\d.]+)", float),
        "sys": grab(r"System time \(seconds\): ([\d.]+)", float),
        "rc": grab(r"Exit status: (\d+)", int),
    }


def timed(argv: list, cwd: Path, env: dict, log_path: Path, timeout: float, use_time: bool,
          stdout_path: Path = None) -> dict:
    """Runs argv as a whole process; wall seconds, peak RSS (KiB), CPU seconds, exit status.
    Its output goes to log_path, or its standard output to stdout_path when given."""
    time_file = log_path.with_suffix(".time")
    full = [GNU_TIME, "-v", "-o", str(time_file), *argv] if use_time else list(argv)
    timed_out = threading.Event()
    with open(log_path, "w") as log, open(stdout_path or os.devnull, "w") as out:
        started = time.perf_counter()
        streams = dict(stdout=out, stderr=log) if stdout_path else dict(stdout=log, stderr=subprocess.STDOUT)
        proc = subprocess.Popen(full, cwd=cwd, env=env, start_new_session=True, **streams)

        def kill():
            timed_out.set()
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

        timer = threading.Timer(timeout, kill)
        timer.start()
        try:
            if use_time:
                rc = proc.wait()
                rusage = None
            else:
                _, status, rusage = os.wait4(proc.pid, 0)
                proc.returncode = rc = os.waitstatus_to_exitcode(status)
        finally:
            timer.cancel()
        wall = time.perf_counter() - started
    result = {"wall": wall, "rss": None, "cpu": None, "rc": rc, "timed_out": timed_out.is_set()}
    if use_time and time_file.exists():
        facts = parse_gnu_time(time_file.read_text(errors="replace"))
        result["rss"] = facts["rss"]
        if facts["user"] is not None and facts["sys"] is not None:
            result["cpu"] = facts["user"] + facts["sys"]
    elif rusage is not None:
        result["rss"] = rusage.ru_maxrss
        result["cpu"] = rusage.ru_utime + rusage.ru_stime
    return result


def tail(path: Path, chars: int = 1500) -> str:
    try:
        return path.read_text(errors="replace")[-chars:].strip()
    except OSError:
        return ""


# ---------------------------------------------------------------- one workload

def run_workload(wl, args, use_time: bool) -> dict:
    mode = "smoke" if args.smoke else "full"
    rows = args.rows or wl.ROWS[mode]
    work = BENCH_DIR / ".work" / wl.folder.name
    if work.exists():
        shutil.rmtree(work)
    (work / "logs").mkdir(parents=True)
    ctx = Context(wl.ID, wl.folder, args.smoke, rows, args.seed, args.tessera, work)
    contenders = wl.contenders(ctx)
    if args.contender:
        contenders = [c for c in contenders if c.key in args.contender]
    if args.baseline:
        contenders += baseline_contenders(wl, ctx, args.baseline, contenders)
    results = {c.key: ContenderResult(c) for c in contenders}
    report = {"id": wl.ID, "folder": wl.folder.name, "title": wl.TITLE, "mode": mode, "rows": rows,
              "seed": args.seed, "warmup": args.warmup, "reps": args.reps}

    print(f"\n== {wl.ID}: {wl.TITLE}")
    started = time.perf_counter()
    try:
        return measure_workload(wl, args, use_time, ctx, contenders, results, report, started)
    finally:
        if hasattr(wl, "teardown"):  # e.g. stop the server setup() started, whatever happened
            try:
                wl.teardown(ctx)
            except Exception as e:
                print(f"  {wl.ID}: teardown failed: {e}")


class BaselineContext:
    """The workload's context with another Tessera binary: everything else (facts, folders) is
    the real context's, read when a contender runs."""

    def __init__(self, ctx: Context, tessera: Path):
        self._ctx, self.tessera = ctx, tessera

    def __getattr__(self, name):
        return getattr(self._ctx, name)


def baseline_contenders(wl, ctx: Context, baseline: Path, chosen: list) -> list:
    """`--baseline PATH`: each Tessera contender again, run by an earlier build, in the same
    rounds as the rest; its "Tessera/it" ratio is this build's time over the earlier one's."""
    keys = {c.key for c in chosen if c.kind == "tessera"}
    return [dataclasses.replace(c, key=f"{c.key}-baseline", name=f"{c.name} [baseline build]", kind="baseline",
                                compare_to=c.key)
            for c in wl.contenders(BaselineContext(ctx, baseline)) if c.kind == "tessera" and c.key in keys]


def baseline_targets(results: dict) -> list:
    out = []
    for key, result in results.items():
        if result.contender.kind != "baseline":
            continue
        current = results.get(result.contender.compare_to)
        if current is None:
            continue
        for measure in ("wall", "cpu"):
            out.append(benchlib.ratio_target(f"{current.contender.key}: this build / baseline build {measure} time <= 1.05x",
                                             current, result, 1.05, measure=measure))
    return out


def measure_workload(wl, args, use_time: bool, ctx: Context, contenders: list, results: dict, report: dict, started: float) -> dict:
    ctx.facts = wl.setup(ctx)
    report["data"] = ctx.facts
    report["setup_seconds"] = round(time.perf_counter() - started, 1)
    print(f"  data ready in {report['setup_seconds']} s: {describe_data(ctx.facts)}")

    for c in contenders:
        if c.kind == "tessera" and not Path(args.tessera).exists():
            results[c.key].status = "failed"
            results[c.key].detail = f"no tessera binary at {args.tessera} (build it: make release)"

    rounds = args.warmup + args.reps
    for rnd in range(rounds):
        warm = rnd < args.warmup
        active = [c for c in contenders if results[c.key].status == "ok"]
        if not active:
            break
        shift = rnd % len(active)
        for c in active[shift:] + active[:shift]:
            run_one(c, results[c.key], ctx, rnd, warm, args, use_time)
        label = "warm-up" if warm else f"run {rnd - args.warmup + 1}/{args.reps}"
        print(f"  {label}: " + "  ".join(f"{c.key} {fmt_run(results[c.key])}" for c in active))

    report["contenders"] = [result_json(r) for r in results.values()]
    targets = (wl.targets(ctx, results) if hasattr(wl, "targets") else []) + baseline_targets(results)
    report["targets"] = [t.__dict__ for t in targets]
    loads = [r.load for res in results.values() for r in res.runs]
    report["load_average"] = {"mean": round(sum(loads) / len(loads), 2), "max": round(max(loads), 2)} if loads else None
    report["failed"] = any(r.status == "failed" for r in results.values())
    report["seconds"] = round(time.perf_counter() - started, 1)
    report["table_text"] = text_table(report, results, targets, args.smoke)
    print(report["table_text"])
    if not args.keep and not report["failed"]:
        shutil.rmtree(ctx.work_dir / "runs", ignore_errors=True)
    return report


def run_one(c, result: ContenderResult, ctx: Context, rnd: int, warm: bool, args, use_time: bool) -> None:
    run_dir = ctx.work_dir / "runs" / f"{c.key}-r{rnd}"
    log_path = ctx.work_dir / "logs" / f"{c.key}-r{rnd}.log"
    run_dir.mkdir(parents=True)
    try:
        if c.prepare:
            c.prepare(run_dir)
        argv = [str(a) for a in c.command(run_dir)]
    except Exception as e:  # a broken setup is this contender's failure, not the harness's
        if c.kind == "tessera" and "not built yet" in str(e):  # e.g. a `tessera run` the run needs first
            result.status, result.detail = "pending", "pending: " + str(e).strip().splitlines()[-1]
        else:
            result.status, result.detail = "failed", " | ".join(f"preparing the run failed: {e}".strip().splitlines())
        return
    env = dict(os.environ, **RUN_ENV, **c.env)
    load = os.getloadavg()[0]
    stdout_path = run_dir / c.stdout if c.stdout else None
    t = timed(argv, run_dir, env, log_path, args.timeout, use_time, stdout_path)
    output = tail(log_path, 200_000) + ("\n" + tail(stdout_path, 200_000) if stdout_path else "")
    if c.kind == "tessera" and t["rc"] != 0 and "not built yet" in output:
        command = argv[1] if len(argv) > 1 else ""
        result.status, result.detail = "pending", f"pending: tessera {command} not built yet"
        return
    if t["timed_out"]:
        ok, detail = False, f"killed after the {args.timeout:g} s timeout"
    elif t["rc"] != 0:
        ok, detail = False, f"exited {t['rc']}: " + " | ".join(tail(log_path, 800).splitlines())
    else:
        ok, detail = c.check(run_dir)
        if not ok:
            detail = f"wrong output: {detail}"
    result.runs.append(Run(rnd, warm, t["wall"], t["rss"], t["cpu"], t["rc"], load, ok, detail))
    if ok:
        result.detail = detail
        if not args.keep:
            shutil.rmtree(run_dir, ignore_errors=True)
    else:
        result.status, result.detail = "failed", f"{detail} (log: {log_path.relative_to(REPO_DIR)}; run folder kept)"


def run_external(wl, args) -> dict:
    script = wl.folder / "run.sh"
    report = {"id": wl.ID, "folder": wl.folder.name, "title": wl.TITLE, "external": True,
              "mode": "smoke" if args.smoke else "full"}
    print(f"\n== {wl.ID}: {script.relative_to(REPO_DIR)}{' --smoke' if args.smoke else ''}")
    if not script.exists():
        report.update(status="pending", failed=False, output="", detail=f"pending: {script.relative_to(REPO_DIR)} is not written yet")
        print(f"  {report['detail']}")
        return report
    started = time.perf_counter()
    proc = subprocess.Popen(["bash", str(script), *(["--smoke"] if args.smoke else [])], cwd=wl.folder,
                            env=dict(os.environ, **RUN_ENV), stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    lines = []
    for line in proc.stdout:
        print(line, end="")
        lines.append(line)
    rc = proc.wait()
    report.update(status="ok" if rc == 0 else "failed", failed=rc != 0, rc=rc, output="".join(lines),
                  seconds=round(time.perf_counter() - started, 1),
                  detail="" if rc == 0 else f"{script.relative_to(REPO_DIR)} exited {rc}")
    if rc != 0:
        print(f"  FAILED: {report['detail']}")
    return report


# ---------------------------------------------------------------- formatting

def fmt_s(seconds) -> str:
    if seconds is None:
        return "-"
    return f"{seconds:.2f} s" if seconds < 100 else f"{seconds:.0f} s"


def fmt_mib(kb) -> str:
    return "-" if kb is None else f"{kb / 1024:,.0f} MiB"


def fmt_run(result: ContenderResult) -> str:
    if result.status == "pending":
        return "pending"
    if not result.runs:
        return result.status
    last = result.runs[-1]
    return f"{fmt_s(last.wall)}{'' if last.ok else ' FAILED'}"


def describe_data(facts: dict) -> str:
    parts = []
    if "rows" in facts:
        parts.append(f"{facts['rows']:,} rows")
    if "bytes" in facts:
        parts.append(f"{facts['bytes'] / 1e6:,.0f} MB")
    if "note" in facts:
        parts.append(facts["note"])
    return ", ".join(parts) or json.dumps(facts)


def rows_of(results: dict) -> list:
    """(name, median, min-max, peak, ratio, cpu, status) for every contender."""
    tessera = next((r for r in results.values() if r.contender.kind == "tessera"), None)
    out = []
    for r in results.values():
        if r.status != "ok":
            out.append((r.contender.name, r.status, r.detail))
            continue
        median, lo, hi = r.wall(), r.wall(min), r.wall(max)
        against = results.get(r.contender.compare_to) if r.contender.compare_to else tessera
        t_median = against.wall() if against else None
        ratio = "-"
        if r.contender.kind != "tessera" and t_median is not None and median:
            ratio = f"{t_median / median:.2f}"
        cpus = [x.cpu for x in r.measured if x.cpu is not None]
        cpu = f"{sorted(cpus)[len(cpus) // 2]:.1f} s" if cpus else "-"
        out.append((r.contender.name, fmt_s(median), f"{fmt_s(lo)[:-2]}-{fmt_s(hi)}", fmt_mib(r.peak_rss_kb()), ratio, cpu, r.detail))
    return out


MARKS = {"pass": "PASS", "fail": "FAIL", "pending": "pending", "info": "info"}


def text_table(report: dict, results: dict, targets: list, smoke: bool) -> str:
    n = report["reps"]
    lines = [f"\n{report['id']}: {report['title']}",
             f"  {describe_data(report.get('data', {}))}; {n} measured run{'s' if n != 1 else ''} each after "
             f"{report['warmup'] or 'no'} warm-up{'s' if report['warmup'] > 1 else ''}, order rotated every round"]
    header = ("contender", "median", "min-max", "peak RSS", "Tessera/it", "CPU", "output")
    rows = rows_of(results)
    full = [r for r in rows if len(r) == 7]
    widths = [max([len(header[i])] + [len(r[i]) for r in full]) for i in range(6)]
    fmt = "  " + "  ".join(f"{{:{'<' if i == 0 else '>'}{w}}}" for i, w in enumerate(widths)) + "  {}"
    lines.append(fmt.format(*header))
    for r in rows:
        if len(r) == 7:
            lines.append(fmt.format(*r))
        else:
            lines.append(f"  {r[0]:<{widths[0]}}  {r[1].upper()}: {r[2]}" if r[1] == "failed" else f"  {r[0]:<{widths[0]}}  {r[2]}")
    if targets:
        lines.append("  targets" + (" (smoke scale: not meaningful)" if smoke else "") + ":")
        for t in targets:
            lines.append(f"    [{MARKS[t.status]:>7}] {t.label}: {t.detail}")
    if report.get("load_average"):
        la = report["load_average"]
        lines.append(f"  machine load (1-min load average at each start): mean {la['mean']}, max {la['max']} on {os.cpu_count()} cores")
    return "\n".join(lines)


def md_table(report: dict) -> str:
    if report.get("external"):
        body = report.get("output", "").rstrip() or report.get("detail", "")
        return f"### {report['id']}\n\n```\n{body}\n```\n"
    lines = [f"### {report['id']}: {report['title']}", "",
             f"{describe_data(report.get('data', {}))}; {report['reps']} measured run(s) each after "
             f"{report['warmup']} warm-up(s), order rotated every round.", "",
             "| contender | median | min–max | peak RSS | Tessera ÷ contender | CPU (user+sys) | output check |",
             "|---|--:|--:|--:|--:|--:|---|"]
    for c in report["contenders"]:
        if c["status"] != "ok":
            what = c["detail"] if c["status"] == "pending" else f"**FAILED**: {c['detail']}"
            lines.append(f"| {c['name']} | {what} | | | | | |")
            continue
        lines.append(f"| {c['name']} | {fmt_s(c['median'])} | {fmt_s(c['min'])[:-2]}–{fmt_s(c['max'])} | "
                     f"{fmt_mib(c['peak_rss_kb'])} | {c['ratio'] or '—'} | {fmt_s(c['cpu_median'])} | {c['detail']} |")
    if report.get("targets"):
        lines += ["", "| target | result |", "|---|---|"]
        for t in report["targets"]:
            lines.append(f"| {t['label']} | **{MARKS[t['status']]}** {t['detail']} |")
    if report.get("load_average"):
        la = report["load_average"]
        lines += ["", f"Load average (1 min) when each run started: mean {la['mean']}, max {la['max']}."]
    return "\n".join(lines) + "\n"


def result_json(r: ContenderResult) -> dict:
    return {
        "key": r.contender.key, "name": r.contender.name, "kind": r.contender.kind,
        "status": r.status, "detail": r.detail, "compare_to": r.contender.compare_to,
        "median": r.wall(), "min": r.wall(min), "max": r.wall(max), "peak_rss_kb": r.peak_rss_kb(),
        "cpu_median": (lambda v: sorted(v)[len(v) // 2] if v else None)([x.cpu for x in r.measured if x.cpu is not None]),
        "ratio": None,
        "runs": [run.__dict__ for run in r.runs],
    }


# ---------------------------------------------------------------- machine facts

def machine_facts(tessera: Path, peers: set) -> dict:
    def read(path):
        try:
            return Path(path).read_text()
        except OSError:
            return ""

    cpu = re.search(r"model name\s*:\s*(.*)", read("/proc/cpuinfo"))
    mem = re.search(r"MemTotal:\s*(\d+) kB", read("/proc/meminfo"))
    osr = re.search(r'PRETTY_NAME="([^"]*)"', read("/etc/os-release"))
    git = subprocess.run(["git", "-C", str(REPO_DIR), "rev-parse", "--short", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run(["git", "-C", str(REPO_DIR), "status", "--porcelain", "--untracked-files=no"], capture_output=True, text=True)
    version = None
    if Path(tessera).exists():
        v = subprocess.run([str(tessera), "--version"], capture_output=True, text=True)
        version = v.stdout.strip() or v.stderr.strip()
    return {
        "cores": os.cpu_count(),
        "cpu": cpu.group(1).strip() if cpu else platform.processor(),
        "memory_gib": round(int(mem.group(1)) / 1024 / 1024, 1) if mem else None,
        "os": osr.group(1) if osr else platform.platform(),
        "kernel": platform.release(),
        "python": platform.python_version(),
        "tessera": version,
        "git": (git.stdout.strip() + ("+dirty" if dirty.stdout.strip() else "")) or None,
        "peers": {p: benchlib.venv_versions(p) for p in sorted(peers)},
    }


# ---------------------------------------------------------------- main

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--smoke", action="store_true", help="tiny scale, one run, no warm-up: does everything still work?")
    parser.add_argument("--workload", "-w", action="append", default=[], help="a workload ID or folder (repeatable; default: all)")
    parser.add_argument("--contender", "-c", action="append", default=[], help="only these contender keys (repeatable)")
    parser.add_argument("--reps", type=int, help="measured runs per contender (default 5; smoke 1)")
    parser.add_argument("--warmup", type=int, help="warm-up runs per contender, not counted (default 1; smoke 0)")
    parser.add_argument("--rows", type=int, help="the scale, overriding each workload's default")
    parser.add_argument("--seed", type=int, default=42)
    parser.add_argument("--tessera", type=Path, default=Path(os.environ.get("TESSERA_BIN", REPO_DIR / ".build/release/tessera")))
    parser.add_argument("--baseline", type=Path, help="an earlier tessera binary: each Tessera contender also runs with it, in the same rounds, and the ratios say whether this build is slower")
    parser.add_argument("--timeout", type=float, help="seconds before a run is killed (default 1800; smoke 300)")
    parser.add_argument("--results", type=Path, help="where to write JSON and Markdown (default Benchmarks/results; smoke: Benchmarks/.work/results)")
    parser.add_argument("--keep", action="store_true", help="keep every run folder under Benchmarks/.work")
    parser.add_argument("--list", action="store_true", help="list the workloads and their contenders")
    args = parser.parse_args()
    args.reps = args.reps if args.reps is not None else (1 if args.smoke else 5)
    args.warmup = args.warmup if args.warmup is not None else (0 if args.smoke else 1)
    args.timeout = args.timeout or (300 if args.smoke else 1800)
    args.tessera = args.tessera.resolve()
    args.baseline = args.baseline.resolve() if args.baseline else None
    if args.reps < 1:
        sys.exit("--reps must be at least 1")

    workloads = selected(discover(), args.workload)
    if args.list:
        for wl in workloads:
            if isinstance(wl, External):
                print(f"{wl.ID:8} {wl.folder.name}/run.sh{'' if (wl.folder / 'run.sh').exists() else ' (not written yet)'}")
                continue
            ctx = Context(wl.ID, wl.folder, False, wl.ROWS["full"], args.seed, args.tessera, BENCH_DIR / ".work")
            print(f"{wl.ID:8} {wl.folder.name}: {wl.TITLE}")
            for c in wl.contenders(ctx):
                print(f"           {c.key:12} {c.name}")
        return 0

    started = time.perf_counter()
    load_at_start = [round(x, 2) for x in os.getloadavg()]
    mode = "smoke" if args.smoke else "full"
    print(f"Tessera benchmarks ({mode}): {', '.join(w.ID for w in workloads)}")
    use_time = ensure_gnu_time()

    # Every virtualenv the selected workloads need, created in parallel.
    peers = set()
    for wl in workloads:
        if isinstance(wl, External):
            continue
        peers.update(wl.VENVS)
        ctx = Context(wl.ID, wl.folder, args.smoke, 0, args.seed, args.tessera, BENCH_DIR / ".work")
        peers.update(c.venv for c in wl.contenders(ctx) if c.venv and (not args.contender or c.key in args.contender))
    venv_started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=max(1, len(peers))) as pool:
        errors = [f.exception() for f in [pool.submit(benchlib.ensure_venv, p) for p in sorted(peers)]]
    errors = [e for e in errors if e]
    if errors:
        for e in errors:
            print(f"error: {e}", file=sys.stderr)
        return 1
    venv_seconds = time.perf_counter() - venv_started
    print(f"  virtualenvs ready ({', '.join(sorted(peers)) or 'none'}) in {venv_seconds:.0f} s")

    reports = []
    for wl in workloads:
        try:
            reports.append(run_external(wl, args) if isinstance(wl, External) else run_workload(wl, args, use_time))
        except Exception as e:  # a workload whose setup breaks fails, the others still run
            print(f"  FAILED: {wl.ID}: {e}")
            reports.append({"id": wl.ID, "folder": wl.folder.name, "title": wl.TITLE, "failed": True,
                            "external": True, "output": "", "detail": f"setup failed: {e}"})

    # The ratio column of the JSON, from the same numbers as the table.
    for rep in reports:
        cs = rep.get("contenders", [])
        first = next((c for c in cs if c["kind"] == "tessera"), None)
        for c in cs:
            t = next((x for x in cs if x["key"] == c["compare_to"]), None) if c["compare_to"] else first
            if t and t["median"] and c["kind"] != "tessera" and c["median"]:
                c["ratio"] = f"{t['median'] / c['median']:.2f}"

    failed = [r["id"] for r in reports if r.get("failed")]
    total = time.perf_counter() - started
    now = dt.datetime.now(dt.timezone.utc)
    document = {
        "date": now.isoformat(timespec="seconds"), "mode": mode, "seconds": round(total, 1),
        "venv_seconds": round(venv_seconds, 1), "machine": machine_facts(args.tessera, peers),
        "workloads": reports, "failed": failed,
    }
    document["machine"]["load_average_at_start"] = load_at_start
    document["machine"]["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    out_dir = args.results or (BENCH_DIR / ("results" if not args.smoke else ".work/results"))
    out_dir.mkdir(parents=True, exist_ok=True)
    stem = f"{now:%Y-%m-%dT%H%M%SZ}-{'-'.join(w.ID.lower() for w in workloads)}{'-smoke' if args.smoke else ''}"
    (out_dir / f"{stem}.json").write_text(json.dumps(document, indent=2, default=str) + "\n")
    (out_dir / f"{stem}.md").write_text(markdown_document(document))

    print(f"\nresults: {(out_dir / stem).relative_to(REPO_DIR) if out_dir.is_relative_to(REPO_DIR) else out_dir / stem}.{{json,md}}")
    print(f"total {total:.0f} s (virtualenvs {venv_seconds:.0f} s)")
    if failed:
        print(f"FAILED: {', '.join(failed)}", file=sys.stderr)
        return 1
    return 0


def markdown_document(doc: dict) -> str:
    m = doc["machine"]
    peers = "; ".join(f"{p}: " + ", ".join(f"{k} {v}" for k, v in vs.items()) for p, vs in m["peers"].items())
    lines = [f"# Benchmark results, {doc['date']} ({doc['mode']})", "",
             f"Machine: {m['cores']} cores ({m['cpu']}), {m['memory_gib']} GiB, {m['os']}, kernel {m['kernel']}, "
             f"Python {m['python']}. Tessera {m['tessera'] or '(no binary)'} at commit {m['git']}. Peers: {peers or 'none'}. "
             f"Load average (1/5/15 min) at start {m['load_average_at_start']}, at end {m['load_average_at_end']}.",
             "", "Wall time of whole processes (median of the measured runs), peak resident memory (the largest "
             "of the runs, from `/usr/bin/time -v`); `Tessera ÷ contender` is Tessera's median over the contender's.", ""]
    for rep in doc["workloads"]:
        lines.append(md_table(rep))
    if doc["failed"]:
        lines.append(f"**Failed:** {', '.join(doc['failed'])}.\n")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
