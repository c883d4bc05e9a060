"""W9's two servers, each started on first use and stopped by the workload's teardown: `tessera
serve` on the generated project, and `dagster dev` on the same graph as Dagster assets. Standard
library only.
"""
from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import benchlib

_running: dict = {}  # name -> (process, base URL, extra)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def tessera(ctx, data: Path) -> tuple:
    """(base URL, token of the mesh's admin): `tessera serve --port 0` on a copy of the project."""
    if "tessera" in _running:
        return _running["tessera"][1:]
    folder = ctx.work_dir / "servers" / "tessera"
    shutil.copytree(data / "project", folder)
    created = ctx.run([ctx.tessera, "token", "create", "--principal", "root@w9.example", "--format", "json"], cwd=folder)
    token = json.loads(created.stdout)["token"]
    log = folder / "serve.log"
    process = subprocess.Popen([str(ctx.tessera), "serve", "--port", "0", "--log-format", "json"], cwd=folder,
                               stdout=log.open("w"), stderr=subprocess.STDOUT, start_new_session=True,
                               env=dict(os.environ, **benchlib.RUN_ENV))
    _running["tessera"] = (process, None, token)
    deadline = time.time() + 120
    while time.time() < deadline and process.poll() is None:
        for line in log.read_text().splitlines():
            event = json.loads(line) if line.startswith("{") else {}
            if event.get("event") == "listening":
                _running["tessera"] = (process, event["url"], token)
                return event["url"], token
        time.sleep(0.05)
    raise RuntimeError(f"tessera serve never listened:\n{log.read_text()[-2000:]}")


def dagster(ctx, data: Path, nodes: int) -> str:
    """The base URL of `dagster dev -f dagster_assets.py`, once its GraphQL API knows every asset."""
    if "dagster" in _running:
        return _running["dagster"][1]
    home = ctx.work_dir / "servers" / "dagster-home"
    home.mkdir(parents=True)
    (home / "dagster.yaml").write_text("telemetry:\n  enabled: false\n")
    port = free_port()
    binary = Path(benchlib.venv_python("dagster")).parent / "dagster"
    process = subprocess.Popen([str(binary), "dev", "-f", str(data / "dagster_assets.py"), "-p", str(port)],
                               cwd=home, stdout=(home / "dev.log").open("w"), stderr=subprocess.STDOUT,
                               start_new_session=True, env=dict(os.environ, **benchlib.RUN_ENV, DAGSTER_HOME=str(home)))
    base = f"http://127.0.0.1:{port}"
    _running["dagster"] = (process, base, None)
    deadline = time.time() + 900
    while time.time() < deadline and process.poll() is None:
        if asset_count(base) == nodes:
            return base
        time.sleep(1)
    raise RuntimeError(f"dagster dev never served the {nodes} assets:\n{(home / 'dev.log').read_text()[-2000:]}")


def asset_count(base: str) -> int:
    request = urllib.request.Request(f"{base}/graphql", data=json.dumps({"query": "{ assetNodes { id } }"}).encode(),
                                     headers={"Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(request, timeout=30) as answer:
            return len(json.loads(answer.read())["data"]["assetNodes"])
    except (OSError, ValueError, KeyError, TypeError):
        return -1


def stop_all() -> None:
    for name in list(_running):
        process = _running.pop(name)[0]
        if process.poll() is not None:
            continue
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()
