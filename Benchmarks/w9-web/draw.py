"""W9: one lineage page drawn in headless Chromium, timed from navigation start to "drawn".

    python draw.py tessera BASE_URL NODES [--timeout 120]     (TESSERA_TOKEN or TESSERA_TOKEN_FILE)
    python draw.py dagster BASE_URL NODES [--timeout 120] [--path /asset-groups?expanded=…]

Runs with Selenium (the pinned one of .deps/web-venv, scripts/setup-web-test.sh) driving Debian's
chromium through chromedriver, a fresh browser each time. First the tool's own pages are loaded
once (Tessera: signing in with the token; Dagster: its home page), so that both start with their
style sheets and scripts in the HTTP cache, as a user already in the app would; then a new tab
is opened and the lineage page navigated to. Before the page's first byte, a script added through
the DevTools protocol watches every animation frame and notes `performance.now()` (milliseconds
since the navigation started, the page's time origin) when the criterion is met:

- Tessera (`/ui/lineage`, the whole mesh): all NODES node elements (`svg.lineage a[data-id]`) are
  in the document, then the next frame has been painted.
- Dagster (`/asset-groups`, its "Global asset lineage"; `--path` for another view of it, e.g. with
  every group expanded): its graph is drawn when the number of its node boxes (`svg
  foreignObject`: one per group box or asset box, at the zoom it opens with) is above zero and
  has not changed for 2 s; the time noted is the frame of the last change. Dagster lays the graph
  out in the browser and draws only what its viewport shows, so its count is what it draws (a
  box per group while the groups are collapsed, as it opens a graph of this size), not NODES.

Prints one JSON object: {"tool", "drawn_ms" (null: did not finish within --timeout), "nodes" (the
count at that moment), "finished": bool, and the navigation's own milestones (first byte, whole
response, DOM ready, load event, in ms since it started; the page's bytes)}.
"""
import argparse
import json
import os
import sys
import time

from selenium import webdriver
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By

SELECTORS = {"tessera": "svg.lineage a[data-id]", "dagster": "svg foreignObject"}
PATHS = {"tessera": "/ui/lineage", "dagster": "/asset-groups"}
QUIET_MS = 2000

# Watches every frame from the document's creation on. `want` > 0: done when that many nodes are
# there (noted one frame later, once painted); 0: done when the count stopped changing for QUIET_MS.
WATCH = """
(() => {
  const selector = %s, want = %d, quiet = %d;
  const state = window.__w9 = {count: 0, changed: null, drawn: null};
  function frame() {
    const count = document.querySelectorAll(selector).length;
    const now = performance.now();
    if (count !== state.count) { state.count = count; state.changed = now; }
    if (want > 0 && count >= want) {
      requestAnimationFrame(() => { state.drawn = performance.now(); });
      return;
    }
    if (want === 0 && count > 0 && now - state.changed >= quiet) { state.drawn = state.changed; return; }
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
})();
"""


def browser() -> webdriver.Chrome:
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,800", "--hide-scrollbars", "--lang=en-US"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(300)
    return driver


def token() -> str:
    """TESSERA_TOKEN, or the first line of the file TESSERA_TOKEN_FILE names."""
    if "TESSERA_TOKEN" in os.environ:
        return os.environ["TESSERA_TOKEN"]
    with open(os.environ["TESSERA_TOKEN_FILE"]) as file:
        return file.readline().strip()


def warm_up(driver, tool: str, base: str) -> None:
    """The tool's own pages once, in the first tab: signed in, its assets cached."""
    if tool == "tessera":
        driver.get(base + "/ui/sign-in")
        driver.find_element(By.ID, "token").send_keys(token())
        driver.find_element(By.ID, "sign-in-token").click()
        deadline = time.time() + 60
        while "/ui/sign-in" in driver.current_url and time.time() < deadline:
            time.sleep(0.05)
        if "/ui/sign-in" in driver.current_url:
            raise SystemExit("signing in to Tessera's web UI failed")
    else:
        driver.get(base + "/")
        time.sleep(3)  # its scripts fetched and run once


def measure(driver, tool: str, base: str, nodes: int, timeout: float, path: str) -> dict:
    driver.switch_to.new_window("tab")
    want = nodes if tool == "tessera" else 0
    source = WATCH % (json.dumps(SELECTORS[tool]), want, QUIET_MS)
    driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
    driver.get(base + path)
    deadline = time.time() + timeout
    state = {}
    while time.time() < deadline:
        state = driver.execute_script("return window.__w9 || {}") or {}
        if state.get("drawn") is not None:
            break
        time.sleep(0.1)
    timing = driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0];"
        "return n ? [n.responseStart, n.responseEnd, n.domContentLoadedEventEnd, n.loadEventEnd, n.transferSize]"
        " : [null, null, null, null, null];")
    first_byte, response, parsed, load, size = (None if v is None else round(v, 1) for v in timing)
    drawn = state.get("drawn")
    return {"tool": tool, "finished": drawn is not None, "drawn_ms": None if drawn is None else round(drawn, 1),
            "nodes": state.get("count", 0), "first_byte_ms": first_byte, "response_ms": response,
            "dom_ready_ms": parsed, "load_ms": load, "page_bytes": size,
            "url": path, "criterion": "all nodes" if want else f"node count unchanged {QUIET_MS} ms"}


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("tool", choices=sorted(SELECTORS))
    parser.add_argument("base")
    parser.add_argument("nodes", type=int)
    parser.add_argument("--timeout", type=float, default=120)
    parser.add_argument("--path", help="the page to draw (default: the tool's whole lineage)")
    parser.add_argument("--screenshot", help="save the drawn page here (PNG)")
    args = parser.parse_args()
    driver = browser()
    try:
        warm_up(driver, args.tool, args.base.rstrip("/"))
        result = measure(driver, args.tool, args.base.rstrip("/"), args.nodes, args.timeout,
                         args.path or PATHS[args.tool])
        if args.screenshot:
            driver.save_screenshot(args.screenshot)
    finally:
        driver.quit()
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
