"""W6: from an upstream product's publish to the start of its eager consumer's run.

The chain, in both tools: an upstream (Tessera: the product up.orders over a CSV source; Dagster:
the asset `upstream`), then two eager consumers (Tessera: the models down.middle and down.totals
and the product down.totals, all `automation: eager`; Dagster: `middle` and `downstream` with
`AutomationCondition.eager()` and an automation condition sensor switched on, at its default
interval). One sample: the upstream publishes once, then we wait for the consumer's run to start.

Tessera: `tessera serve` runs; a row is appended to the CSV and `tessera run +up.orders` hands the
run to the service. The publish time is the one the run reports for up.orders; the consumer's
start is the `startedAt` of the first later run in `tessera runs`. Dagster: `dagster dev` runs;
`upstream` is materialized into its instance; the publish time is the materialization event's,
the consumer's start the start time of the run that materializes `middle`.

    python3 eager.py [--smoke] [--tessera PATH] [--samples N] [--dagster-samples N]

Smoke runs Tessera only (3 samples): Dagster's sensor interval makes each of its samples take up to
30 s. Prints p50/p90 per tool, the ratio and the target (Tessera's p50 under 0.5 s); exits 1 when
a consumer never started or a tool failed.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "harness"))
import benchlib  # noqa: E402

TARGET_P50 = 0.5
PROJECT = {
    "tessera.yaml": "mesh: bench\ngovernance: {require_description: false, require_classification: false}\n",
    "domains/up/domain.yaml": "owner: up@bench.example\n",
    "domains/up/sources/orders.yaml": "connector: {type: csv, path: domains/up/data/orders.csv}\n",
    "domains/up/data/orders.csv": "order_id,amount\n1,10\n",
    "domains/up/models/orders.sql": "select order_id, amount from src.orders\n",
    "domains/up/products/orders.yaml": (
        "contract:\n  primary_key: [order_id]\n  columns:\n"
        "    - {name: order_id, type: BIGINT}\n    - {name: amount, type: BIGINT}\n"
    ),
    "domains/down/domain.yaml": "owner: down@bench.example\n",
    "domains/down/models/middle.sql": "select count(*) as orders, sum(amount) as amount from up.orders\n",
    "domains/down/models/middle.yaml": "automation: eager\n",
    "domains/down/models/totals.sql": "select orders, amount from middle\n",
    "domains/down/models/totals.yaml": "automation: eager\n",
    "domains/down/products/totals.yaml": (
        "automation: eager\ncontract:\n  columns:\n"
        "    - {name: orders, type: BIGINT}\n    - {name: amount, type: HUGEINT}\n"
    ),
}


def parse_time(text: str) -> float:
    # `2026-12-06T21:27:51.813Z`, as Tessera writes every time in JSON.
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def tessera(binary: str, folder: Path, *args: str) -> str:
    env = {**os.environ, **benchlib.RUN_ENV}
    done = subprocess.run([binary, *args], cwd=folder, env=env, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"tessera {' '.join(args)} exited {done.returncode}: {done.stderr.strip()}")
    return done.stdout


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def wait_for(predicate, timeout: float, step: float = 0.02):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value is not None:
            return value
        time.sleep(step)
    return None


def tessera_sample(binary: str, folder: Path, row: int) -> float | None:
    with open(folder / "domains/up/data/orders.csv", "a") as csv:
        csv.write(f"{row},{row * 10}\n")
    report = json.loads(tessera(binary, folder, "run", "+up.orders", "--format", "json"))
    published = next(p for p in report["published"] if p["product"] == "up.orders")
    at = parse_time(published["time"])

    def consumer_started():
        runs = json.loads(tessera(binary, folder, "runs", "--format", "json", "--limit", "10"))
        later = [parse_time(r["startedAt"]) for r in runs if r["id"] != report["run"]["id"]]
        later = [t for t in later if t >= at]
        return min(later) if later else None

    started = wait_for(consumer_started, timeout=30)
    # Let the rest of the chain finish before the next publish.
    wait_for(lambda: None if queue_busy(binary, folder) else True, timeout=30, step=0.1)
    return None if started is None else started - at


def queue_busy(binary: str, folder: Path) -> bool:
    runs = json.loads(tessera(binary, folder, "runs", "--format", "json", "--limit", "3"))
    newest_end = max((parse_time(r["finishedAt"]) for r in runs if r.get("finishedAt")), default=0)
    return any(not r.get("finishedAt") for r in runs) or time.time() - newest_end < 1.0


def run_tessera(binary: str, samples: int) -> list[float | None]:
    folder = Path(tempfile.mkdtemp(prefix="w6-tessera-"))
    for path, text in PROJECT.items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)
    tessera(binary, folder, "run")  # the first publish, untimed
    log = open(folder / "serve.log", "w")
    env = {**os.environ, **benchlib.RUN_ENV}
    serve = subprocess.Popen([binary, "serve", "--log-format", "json", "--port", "0"], cwd=folder, stdout=log,
                             stderr=subprocess.STDOUT, env=env, start_new_session=True)
    try:
        wait_for(lambda: True if '"started"' in (folder / "serve.log").read_text() else None, timeout=30)
        return [tessera_sample(binary, folder, 100 + n) for n in range(samples)]
    finally:
        serve.send_signal(signal.SIGTERM)
        serve.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)


def run_dagster(samples: int) -> list[float | None]:
    benchlib.ensure_venv("dagster")
    home = Path(tempfile.mkdtemp(prefix="w6-dagster-"))
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    env = {**os.environ, **benchlib.RUN_ENV, "DAGSTER_HOME": str(home)}
    bin_dir = Path(benchlib.venv_python("dagster")).parent
    port = str(free_port())
    dev = subprocess.Popen([str(bin_dir / "dagster"), "dev", "-f", str(HERE / "dagster_chain.py"), "-p", port],
                           cwd=HERE, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                           start_new_session=True)
    try:
        # A warm-up, not counted: the sensor's first evaluation has no earlier one to compare
        # with, so a publish before it (the daemon starts slowly) is never seen as an update.
        time.sleep(20)
        results = []
        for sample in range(samples + 1):
            out = subprocess.run([benchlib.venv_python("dagster"), str(HERE / "dagster_sample.py"), "120"],
                                 cwd=HERE, env=env, capture_output=True, text=True)
            line = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "{}"
            if sample > 0:
                results.append(json.loads(line).get("latency"))
        return results
    finally:
        os.killpg(dev.pid, signal.SIGTERM)
        try:
            dev.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(dev.pid, signal.SIGKILL)
        shutil.rmtree(home, ignore_errors=True)


def summary(name: str, values: list[float | None]) -> tuple[float | None, bool]:
    good = sorted(v for v in values if v is not None)
    missing = len(values) - len(good)
    if not good:
        print(f"{name:<10}{'no sample':>12}")
        return None, False
    p50 = statistics.median(good)
    p90 = good[min(len(good) - 1, int(round(0.9 * (len(good) - 1))))]
    print(f"{name:<10}{p50:>10.3f} s{p90:>10.3f} s{good[0]:>9.3f}–{good[-1]:.3f} s{len(good):>6}"
          + (f"  ({missing} never started)" if missing else ""))
    return p50, missing == 0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--tessera", default=str(benchlib.REPO_DIR / ".build/release/tessera"))
    parser.add_argument("--samples", type=int)
    parser.add_argument("--dagster-samples", type=int)
    args = parser.parse_args()
    samples = args.samples or (3 if args.smoke else 15)
    dagster_samples = args.dagster_samples if args.dagster_samples is not None else (0 if args.smoke else 6)
    print(f"W6 eager latency: publish → consumer run start; {samples} Tessera sample(s), "
          f"{dagster_samples} Dagster sample(s)")
    tessera_values = run_tessera(args.tessera, samples)
    dagster_values = run_dagster(dagster_samples) if dagster_samples else []
    print(f"{'tool':<10}{'p50':>12}{'p90':>12}{'min–max':>18}{'n':>6}")
    ours, ok = summary("tessera", tessera_values)
    if dagster_values:
        theirs, dagster_ok = summary("dagster", dagster_values)
        ok = ok and dagster_ok
        if ours and theirs:
            print(f"tessera ÷ dagster (p50): {ours / theirs:.3f}×")
    else:
        print("dagster   skipped (smoke: its sensor evaluates every 30 s)")
    if ours is not None:
        verdict = "met" if ours < TARGET_P50 else "NOT MET"
        print(f"target: tessera p50 < {TARGET_P50} s — {verdict}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
