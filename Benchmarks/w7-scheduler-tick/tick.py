"""W7: the scheduler's tick — one evaluation over a 2,000-model mesh, and 1,000 schedules falling
due in the same minute.

The mesh: one domain, 1,000 scheduled models `s_NNNN` (`schedule: "0 6 * * *"`, each reading
`range(10)`) and 1,000 models `m_NNNN`, each reading one `s_NNNN` (no schedule). `tessera serve
--verbose --log-format json` runs with its clock in a file (`TESSERA_CLOCK_FILE`), so the
benchmark decides when it is 06:00. Every tick logs how long it took (`ms`: reading the state,
sensing, evaluating every node, and committing the decisions and queued runs in one transaction).

  steady   ticks at 05:50, 05:51, … (nothing due): the tick's `ms`.
  due      the clock set to 06:00:05: every scheduled model is due; the tick that queues them
           (`queued` = 1,000), its `ms`, and the wall time from writing the clock file to that
           tick's log line (the file is read every 50 ms).

    python3 tick.py [--smoke] [--tessera PATH]

Smoke: 200 models (100 scheduled), 3 steady ticks. Targets: a steady tick under 50 ms (median);
1,000 due schedules all queued within 1 s. Exits 1 when a tick failed or did not queue them all.
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


def write_mesh(folder: Path, scheduled: int) -> None:
    models = folder / "domains/bench/models"
    models.mkdir(parents=True)
    (folder / "tessera.yaml").write_text(
        "mesh: bench\ngovernance: {require_description: false, require_classification: false}\n")
    (folder / "domains/bench/domain.yaml").write_text("owner: bench@bench.example\n")
    for n in range(scheduled):
        (models / f"s_{n:04d}.sql").write_text(f"select range + {n} as k from range(10)\n")
        (models / f"s_{n:04d}.yaml").write_text('schedule: "0 6 * * *"\n')
        (models / f"m_{n:04d}.sql").write_text(f"select k * 2 as k from s_{n:04d}\n")


class Service:
    def __init__(self, binary: str, folder: Path, start: str):
        self.folder, self.clock, self.log = folder, folder / "clock.txt", folder / "serve.log"
        self.set(start)
        env = {**os.environ, **benchlib.RUN_ENV, "TESSERA_CLOCK_FILE": str(self.clock)}
        self.process = subprocess.Popen(
            [binary, "serve", "--verbose", "--log-format", "json", "--port", "0"], cwd=folder, env=env,
            stdout=open(self.log, "w"), stderr=subprocess.STDOUT, start_new_session=True)

    def set(self, when: str) -> float:
        temporary = self.clock.with_suffix(".tmp")
        temporary.write_text(when)
        written = time.time()
        temporary.replace(self.clock)
        return written

    def ticks(self) -> list[dict]:
        lines = self.log.read_text().splitlines() if self.log.exists() else []
        events = [json.loads(line) for line in lines if line.startswith("{")]
        return [e for e in events if e.get("event") == "tick"]

    def tick_at(self, when: str, timeout: float = 120) -> dict | None:
        deadline = time.time() + timeout
        while time.time() < deadline:
            found = [t for t in self.ticks() if t.get("at", "").startswith(when)]
            if found:
                return found[0]
            if self.process.poll() is not None:
                return None
            time.sleep(0.01)
        return None

    def stop(self) -> None:
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)


def parse_time(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(text.replace("Z", "+00:00")).timestamp()


def measure(binary: str, scheduled: int, steady: int) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="w7-"))
    try:
        write_mesh(folder, scheduled)
        service = Service(binary, folder, "2026-12-07T05:49:00Z")
        try:
            if service.tick_at("2026-12-07T05:49:00") is None:
                raise RuntimeError(f"serve did not tick:\n{service.log.read_text()[-2000:]}")
            steady_ms = []
            for minute in range(50, 50 + steady):
                when = f"2026-12-07T05:{minute:02d}:00"
                service.set(when + "Z")
                tick = service.tick_at(when)
                if tick is None:
                    raise RuntimeError(f"no tick at {when}")
                steady_ms.append(float(tick["ms"]))
            written = service.set("2026-12-07T06:00:05Z")
            due = service.tick_at("2026-12-07T06:00:05")
            if due is None:
                raise RuntimeError("no tick at 06:00:05")
            return {"steady_ms": steady_ms, "due_ms": float(due["ms"]), "queued": int(due["queued"]),
                    "due_wall": parse_time(due["time"]) - written}
        finally:
            service.stop()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--tessera", default=str(benchlib.REPO_DIR / ".build/release/tessera"))
    args = parser.parse_args()
    scheduled, steady = (100, 3) if args.smoke else (1000, 9)
    print(f"W7 scheduler tick: {2 * scheduled} models, {scheduled} scheduled at 06:00; {steady} steady ticks")
    result = measure(args.tessera, scheduled, steady)
    median = statistics.median(result["steady_ms"])
    print(f"steady tick ({2 * scheduled} models, nothing due): median {median:.1f} ms "
          f"(min–max {min(result['steady_ms']):.1f}–{max(result['steady_ms']):.1f} ms, {steady} ticks)")
    print(f"due tick: {result['queued']} of {scheduled} queued in {result['due_ms']:.1f} ms; "
          f"clock file written → tick logged: {result['due_wall'] * 1000:.0f} ms")
    all_queued = result["queued"] == scheduled
    print(f"target: steady tick < 50 ms — {'met' if median < 50 else 'NOT MET'}")
    print(f"target: {scheduled} due schedules queued within 1 s — "
          f"{'met' if all_queued and result['due_wall'] < 1 else 'NOT MET'}")
    return 0 if all_queued else 1


if __name__ == "__main__":
    sys.exit(main())
