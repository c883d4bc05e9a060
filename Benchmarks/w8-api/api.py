"""W8: the HTTP API (50 concurrent clients) and web UI (20) of `tessera serve`, and its idle memory.

A mesh of DOMAINS domains with PRODUCTS products each (every product with a description, tags, a
contract of four columns and a published snapshot) is run once; `tessera serve --port 0` starts
on it, and `wrk` (Debian's package, 2 threads, 50 connections) asks, for SECONDS each:

- catalog search: `GET /api/v1/catalog/search?q=orders` (ranked full-text search, filtered to
  what the caller may read);
- a product page: `GET /api/v1/products/d1/orders_1` (contract, snapshot, checks, profile,
  freshness, lineage, consumers and its latest versions).

Then the web UI's own pages, rendered on the server, with 20 connections as the web UI's target
asks: the product page `GET /ui/products/d1/orders_1` (the same data plus sample rows read as the
viewer, which is a query of the warehouse and an audit entry each time) and the search page
`GET /ui/search?q=orders`, signed in with a browser session (the token pasted into the sign-in
form, the session cookie sent with each request).

The caller is a member of one domain, so every answer goes through the read policy. Before the
load, the service's resident memory is read from /proc after it has been idle for 3 s. Prints
p50/p99 per endpoint and the ratio to the issue's targets (p99 under 50 ms; idle under 100 MB);
exits 1 when a request failed or a target is missed. The API has no peer named in the issue, so
the comparison is against the targets.

    python3 api.py [--smoke] [--tessera PATH]
"""
from __future__ import annotations

import argparse
import json
import re
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
TARGET_P99_MS = 50.0
TARGET_IDLE_MB = 100.0


def project(domains: int, products: int) -> dict[str, str]:
    files = {
        "tessera.yaml": "mesh: bench\ngovernance: {require_description: false, require_classification: false}\n",
    }
    for d in range(1, domains + 1):
        files[f"domains/d{d}/domain.yaml"] = (
            f"owner: d{d}@bench.example\ndescription: Domain {d} of the benchmark\n"
            f"members:\n  - {{name: ana{d}@bench.example, role: owner}}\n"
        )
        for p in range(1, products + 1):
            files[f"domains/d{d}/models/orders_{p}.sql"] = (
                f"select range as order_id, range * {p} as amount, 'customer ' || range as customer, "
                f"current_date as day from range(100)\n"
            )
            files[f"domains/d{d}/products/orders_{p}.yaml"] = (
                f"description: Orders of shop {p} in domain {d}, one row per order\ntags: [orders, gold]\n"
                "contract:\n  primary_key: [order_id]\n  columns:\n"
                "    - {name: order_id, type: BIGINT}\n    - {name: amount, type: BIGINT}\n"
                "    - {name: customer, type: VARCHAR}\n    - {name: day, type: DATE}\n"
            )
    return files


def wrk(url: str, header: str, seconds: int, connections: int = 50) -> dict[str, float]:
    out = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", "-H", header, url],
        capture_output=True, text=True, check=True,
    ).stdout
    def ms(label: str) -> float:
        match = re.search(rf"^\s*{label}\s+([\d.]+)(us|ms|s)\s*$", out, re.M)
        if not match:
            raise SystemExit(f"wrk printed no {label} latency:\n{out}")
        value, unit = float(match.group(1)), match.group(2)
        return value / 1000 if unit == "us" else value * 1000 if unit == "s" else value
    errors = re.search(r"Non-2xx or 3xx responses: (\d+)", out)
    rate = re.search(r"Requests/sec:\s+([\d.]+)", out)
    return {"p50": ms("50%"), "p99": ms("99%"), "rps": float(rate.group(1)) if rate else 0.0,
            "errors": float(errors.group(1)) if errors else 0.0}


def web_session(base: str, token: str) -> str:
    """Signs in through the web UI's form with `token`; returns the session cookie's value."""
    import http.cookiejar
    import urllib.parse
    import urllib.request
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(f"{base}/ui/sign-in").read().decode()
    csrf = re.search(r'name="csrf" value="([^"]+)"', form).group(1)
    body = urllib.parse.urlencode({"csrf": csrf, "token": token, "next": "/ui/"}).encode()
    opener.open(f"{base}/ui/sign-in", data=body).read()
    for cookie in jar:
        if cookie.name == "tessera_session":
            return cookie.value
    raise SystemExit("W8: signing in to the web UI gave no session cookie")


def resident_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--smoke", action="store_true")
    parser.add_argument("--tessera", default=str(REPO / ".build/release/tessera"))
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("W8: wrk is missing: run scripts/setup-system.sh (make setup)", file=sys.stderr)
        return 1
    domains, products, seconds = (2, 3, 2) if args.smoke else (10, 20, 10)
    folder = Path(tempfile.mkdtemp(prefix="tessera-w8-"))
    for path, text in project(domains, products).items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_text(text)
    tessera = args.tessera
    subprocess.run([tessera, "run", "--quiet"], cwd=folder, check=True, capture_output=True)
    created = subprocess.run(
        [tessera, "token", "create", "--principal", "ana1@bench.example", "--format", "json"],
        cwd=folder, check=True, capture_output=True, text=True)
    token = json.loads(created.stdout)["token"]
    log = (folder / "serve.log").open("w")
    serve = subprocess.Popen([tessera, "serve", "--port", "0", "--log-format", "json"], cwd=folder, stdout=log,
                             stderr=subprocess.STDOUT)
    try:
        base = None
        for _ in range(600):
            for line in (folder / "serve.log").read_text().splitlines():
                event = json.loads(line) if line.startswith("{") else {}
                if event.get("event") == "listening":
                    base = event["url"]
            if base:
                break
            time.sleep(0.05)
        if not base:
            raise SystemExit("W8: serve never listened:\n" + (folder / "serve.log").read_text())
        time.sleep(3)
        idle = resident_mb(serve.pid)
        bearer = f"Authorization: Bearer {token}"
        search = wrk(f"{base}/api/v1/catalog/search?q=orders", bearer, seconds)
        page = wrk(f"{base}/api/v1/products/d1/orders_1", bearer, seconds)
        cookie = f"Cookie: tessera_session={web_session(base, token)}"
        web_page = wrk(f"{base}/ui/products/d1/orders_1", cookie, seconds, connections=20)
        web_search = wrk(f"{base}/ui/search?q=orders", cookie, seconds, connections=20)
    finally:
        serve.terminate()
        serve.wait(timeout=60)
        shutil.rmtree(folder, ignore_errors=True)
    print(f"W8 API and web UI, {domains * products} products, {seconds} s each (tessera: {tessera})")
    failed = False
    for name, result in (("API search", search), ("API product", page), ("web product", web_page),
                         ("web search", web_search)):
        ratio = result["p99"] / TARGET_P99_MS
        print(f"  {name:15} p50 {result['p50']:7.2f} ms  p99 {result['p99']:7.2f} ms  "
              f"{result['rps']:8.0f} req/s  p99/target {ratio:.2f}x  non-2xx {int(result['errors'])}")
        failed |= result["errors"] > 0 or (not args.smoke and ratio > 1)
    print(f"  idle serve      {idle:7.1f} MB resident  /target {idle / TARGET_IDLE_MB:.2f}x")
    failed |= not args.smoke and idle > TARGET_IDLE_MB
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
