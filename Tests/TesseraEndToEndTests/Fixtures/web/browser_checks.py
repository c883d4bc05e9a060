"""The web UI in a real browser: headless Chromium (Debian's), driven by Selenium through
Debian's chromedriver, against a running `tessera serve`. One browser session makes every check;
each page is saved as a screenshot at 1280x800, and the main ones again at a phone's width.

Usage: browser_checks.py BASE_URL SCREENSHOT_DIR  (passwords and tokens in the environment:
ANA_PASSWORD, MIA_TOKEN). Prints `ok <check>` per check; exits 1 at the first that fails.
"""
import os
import sys
import time

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException, TimeoutException, WebDriverException
from selenium.webdriver.chrome.options import Options
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE, SHOTS = sys.argv[1].rstrip("/"), sys.argv[2]
os.makedirs(SHOTS, exist_ok=True)
for old_shot in os.listdir(SHOTS):
    if old_shot.startswith("FAILED-"):
        os.remove(os.path.join(SHOTS, old_shot))


def browser():
    options = Options()
    for argument in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                     "--window-size=1280,800", "--hide-scrollbars", "--lang=en-US"):
        options.add_argument(argument)
    options.binary_location = "/usr/bin/chromium"
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


driver = browser()
wait = WebDriverWait(driver, 60)
MODE = sys.argv[3] if len(sys.argv) > 3 else "pages"


def check(name, condition, detail=""):
    if not condition:
        shot(f"FAILED-{name}")
        print(f"FAILED {name}: {detail}\nat {driver.current_url}\n{driver.page_source[:3000]}")
        driver.quit()
        sys.exit(1)
    print(f"ok {name}")


def shot(name):
    """The window as a 1280x800 screen shows it, and the whole page."""
    driver.save_screenshot(os.path.join(SHOTS, f"{name}.png"))
    width, height = driver.get_window_size()["width"], driver.get_window_size()["height"]
    full = driver.execute_script("return document.documentElement.scrollHeight")
    if full > height - 150:
        driver.set_window_size(width, full + 200)
        driver.save_screenshot(os.path.join(SHOTS, f"{name}-full.png"))
        driver.set_window_size(width, height)


def text():
    return driver.find_element(By.TAG_NAME, "body").text


def submit(element):
    """Clicks a form's button and waits until the next page has replaced this one."""
    old = driver.find_element(By.TAG_NAME, "html")
    element.click()

    def replaced(_):
        # Chromium answers "stale" or, mid-navigation, "node does not belong to the document".
        try:
            old.is_enabled()
            return False
        except (StaleElementReferenceException, WebDriverException):
            return True

    wait.until(replaced)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")


def go(path):
    driver.get(BASE + path)


def fetch(path, method="GET", body=None):
    """Status and selected headers of a same-origin request, with the browser's cookies."""
    return driver.execute_async_script(
        """
        const [path, method, body, done] = arguments;
        const init = {method, credentials: 'same-origin', redirect: 'manual'};
        if (body !== null) {
          init.body = body;
          init.headers = {'Content-Type': 'application/x-www-form-urlencoded'};
        }
        fetch(path, init).then(r => done({status: r.status,
          csp: r.headers.get('content-security-policy'), frame: r.headers.get('x-frame-options'),
          sniff: r.headers.get('x-content-type-options')})).catch(e => done({status: -1, error: String(e)}));
        """, path, method, body)


def fetch_text(path):
    """Status and body of a same-origin GET, with the browser's cookies."""
    return driver.execute_async_script(
        """
        const [path, done] = arguments;
        fetch(path, {credentials: 'same-origin', redirect: 'manual'})
          .then(r => r.text().then(body => done({status: r.status, body})))
          .catch(e => done({status: -1, body: String(e)}));
        """, path)


def sign_in_with_password(name, password):
    driver.find_element(By.ID, "name").clear()
    driver.find_element(By.ID, "name").send_keys(name)
    driver.find_element(By.ID, "password").send_keys(password)
    submit(driver.find_element(By.ID, "sign-in-password"))


def sign_out():
    submit(driver.find_element(By.CSS_SELECTOR, ".who button"))
    wait.until(lambda d: "/ui/sign-in" in d.current_url)


def at_phone_width(name):
    driver.set_window_size(390, 844)
    shot(f"{name}-phone")
    width = driver.execute_script("return [document.documentElement.scrollWidth, window.innerWidth]")
    driver.set_window_size(1280, 800)
    return width


def big_mesh():
    """The whole lineage of a 500-model mesh, drawn in one page."""
    go("/ui/sign-in")
    driver.find_element(By.ID, "token").send_keys(os.environ["ROOT_TOKEN"])
    submit(driver.find_element(By.ID, "sign-in-token"))
    go("/ui/lineage")
    drawn = len(driver.find_elements(By.CSS_SELECTOR, "svg.lineage a[data-id]"))
    edges = len(driver.find_elements(By.CSS_SELECTOR, "svg.lineage path.edge"))
    took = driver.execute_script(
        "const n = performance.getEntriesByType('navigation')[0]; return n.loadEventEnd - n.startTime;")
    check("lineage-500-nodes", drawn == int(os.environ["NODES"]) and edges > drawn, (drawn, edges))
    print(f"lineage of {drawn} nodes and {edges} edges: navigation to load {took:.0f} ms")
    check("lineage-500-first-view", nodes_in_view() > 0, nodes_in_view())
    shot("lineage-500")
    # The zoom buttons answer the keyboard: Tab to one, press Enter.
    driver.execute_script("document.getElementById('zoom-out').focus()")
    driver.switch_to.active_element.send_keys(Keys.TAB)
    driver.switch_to.active_element.send_keys(Keys.ENTER)
    level = driver.find_element(By.ID, "zoom-level").text
    check("lineage-500-zoom-by-keyboard", level == "125 %", level)
    # Fit: the whole graph in the view, every node drawn in it.
    zoom = driver.find_element(By.ID, "zoom-fit")
    check("lineage-500-zoom-shown", zoom.is_displayed() and zoom.text == "Fit to view", zoom.text)
    zoom.click()
    check("lineage-500-fit", nodes_in_view() == drawn, (nodes_in_view(), drawn))
    shot("lineage-500-fit")
    at_phone_width("lineage-500")
    # Around a node deep in the mesh, at every depth: it opens in the middle of the view.
    go("/ui/lineage/model.big.m10_12?direction=both&depth=all")
    root = driver.find_elements(By.CSS_SELECTOR, "svg.lineage a.root")
    check("lineage-500-root-in-view", root and nodes_in_view("svg.lineage a.root") == 1,
          driver.execute_script("return [arguments[0].scrollLeft, arguments[0].scrollTop]",
                                driver.find_element(By.ID, "graph")))
    shot("lineage-500-root")


def nodes_in_view(selector="svg.lineage a[data-id]"):
    """How many of the nodes lie wholly inside both the graph's scrolled box and the window."""
    return driver.execute_script(
        """
        const box = document.getElementById('graph').getBoundingClientRect();
        const top = Math.max(box.top, 0), bottom = Math.min(box.bottom, window.innerHeight);
        const left = Math.max(box.left, 0), right = Math.min(box.right, window.innerWidth);
        return Array.from(document.querySelectorAll(arguments[0])).filter(node => {
          const r = node.getBoundingClientRect();
          return r.width > 0 && r.left >= left && r.right <= right && r.top >= top && r.bottom <= bottom;
        }).length;
        """, selector)


def expiry():
    """A session idle longer than `serve --session-idle` is over: the next page asks to sign in."""
    go("/ui/sign-in")
    driver.find_element(By.ID, "token").send_keys(os.environ["MIA_TOKEN"])
    submit(driver.find_element(By.ID, "sign-in-token"))
    go("/ui/")
    check("signed-in-before-expiry", driver.current_url.endswith("/ui/") and "Sign out" in text(), text())
    time.sleep(float(os.environ["IDLE_SECONDS"]) + 1.5)
    go("/ui/")
    check("idle-session-expired", "/ui/sign-in" in driver.current_url, driver.current_url)
    shot("session-expired")


try:
    if MODE == "expiry":
        expiry()
        print("browser checks: all passed")
        driver.quit()
        sys.exit(0)
    if MODE == "big-mesh":
        big_mesh()
        print("browser checks: all passed")
        driver.quit()
        sys.exit(0)
    # Signed out, a product's URL leads to the sign-in form, which comes back to it afterwards.
    go("/ui/products/sales/orders")
    check("redirect-to-sign-in", "/ui/sign-in" in driver.current_url and "Sign in" in text())
    shot("sign-in")
    body = driver.find_element(By.TAG_NAME, "body")
    body.send_keys(Keys.TAB)
    active = driver.switch_to.active_element
    check("skip-link-first", active.get_attribute("class") == "skip", active.get_attribute("outerHTML"))
    sign_in_with_password("ana@acme.example", "wrong password here")
    check("wrong-password-refused", "are not right" in text() and "/ui/sign-in" in driver.current_url)
    shot("sign-in-refused")
    sign_in_with_password("ana@acme.example", os.environ["ANA_PASSWORD"])
    wait.until(lambda d: "/ui/products/sales/orders" in d.current_url)
    page = text()
    check("owner-reads-clear", "ann@example.com" in page and "You read every value as published" in page, page)
    shot("product-owner")
    check("profile-charts", len(driver.find_elements(By.CSS_SELECTOR, "svg.spark rect")) >= 2, page)

    # The product's history: each check on each snapshot, and what changed between two versions.
    go("/ui/products/sales/orders/checks")
    page = text()
    check("checks-history", "unique" in page and "v1.0.0" in page and "v1.1.0" in page, page)
    shot("checks-history")
    go("/ui/products/sales/orders")
    submit(driver.find_element(By.CSS_SELECTOR, "form.inline button"))
    page = text()
    check("version-diff", "From v1.0.0 to v1.1.0" in page and "channel" in page and "compatible" in page, page)
    shot("version-diff")
    go("/ui/dashboards")
    check("dashboards-list", "sales.overview" in text() and "Orders at a glance" in text(), text())
    driver.find_element(By.CSS_SELECTOR, "a[href='/ui/dashboards/sales.overview']").click()
    image = driver.find_element(By.CSS_SELECTOR, "figure.dashboard img")
    wait.until(lambda d: d.execute_script("return arguments[0].complete && arguments[0].naturalWidth > 0", image))
    svg = fetch_text(image.get_attribute("src"))
    check("dashboard-drawn", svg["status"] == 200 and "Amount by order" in svg["body"]
          and "cy@example.com" in svg["body"], svg["status"])
    shot("dashboard")
    pdf = fetch_text(driver.find_element(By.LINK_TEXT, "PDF").get_attribute("href"))
    check("dashboard-pdf", pdf["status"] == 200 and pdf["body"].startswith("%PDF"), pdf["status"])
    go("/ui/automation")
    page = text()
    check("automation-status", "Runs when asked" in page and "sales.orders" in page, page)
    shot("automation")
    check("session-cookie-http-only", "tessera_session" not in driver.execute_script("return document.cookie"))

    headers = fetch("/ui/")
    check("security-headers", headers["status"] == 200 and "default-src 'self'" in (headers["csp"] or "")
          and headers["frame"] == "DENY" and headers["sniff"] == "nosniff", headers)
    forged = fetch("/ui/sign-out", "POST", "csrf=forged")
    check("csrf-refused", forged["status"] == 403, forged)
    missing = fetch("/ui/sign-out", "POST", "")
    check("csrf-missing-refused", missing["status"] == 403, missing)

    go("/ui/")
    page = text()
    check("home", "The mesh at a glance" in page and "sales.margins" in page and "Recent runs" in page, page)
    check("home-shows-failing-checks", "Needs attention" in page and "1 failing check" in page, page)
    shot("home")
    width = at_phone_width("home")
    check("home-fits-a-phone", width[0] <= width[1], width)

    go("/ui/search")
    driver.find_element(By.ID, "q").send_keys("orders")
    try:
        wait.until(lambda d: "sales.orders" in d.find_element(By.ID, "results").text)
    except TimeoutException:
        check("search-as-you-type", False, driver.find_element(By.ID, "results").text)
    check("search-as-you-type", "q=orders" in driver.current_url)
    shot("search")
    go("/ui/search?q=&kind=product&domain=sales")
    check("search-facets", "sales.orders" in text() and "sales.margins" in text() and "campaigns" not in text())
    go("/ui/search?q=%22unclosed")
    check("search-syntax-error", "role" in driver.page_source and "error" in driver.page_source)

    go("/ui/domains/sales")
    page = text()
    check("domain", "Domain sales" in page and "ana@acme.example — owner" in page and "sales.orders" in page, page)
    shot("domain")

    # Lineage: the graph around a product, a column's path highlighted, the whole mesh.
    go("/ui/lineage/sales.orders?direction=both&depth=2")
    nodes = driver.find_elements(By.CSS_SELECTOR, "svg.lineage a[data-id]")
    check("lineage-graph", len(nodes) >= 2 and driver.find_elements(By.CSS_SELECTOR, "svg.lineage a.root"),
          [n.get_attribute("data-id") for n in nodes])
    shot("lineage")
    go("/ui/lineage/sales.orders?direction=both&depth=2&column=email")
    lit = driver.find_elements(By.CSS_SELECTOR, "svg.lineage a.hl")
    check("lineage-column-path", len(lit) >= 2 and driver.find_elements(By.CSS_SELECTOR, "svg.lineage path.edge.hl"),
          [n.get_attribute("data-id") for n in lit])
    shot("lineage-column")
    go("/ui/lineage")
    # Ana sees sales' models, products and dashboard; marketing's model is not hers to see.
    mesh = [n.get_attribute("data-id") for n in driver.find_elements(By.CSS_SELECTOR, "svg.lineage a[data-id]")]
    check("lineage-mesh", len(mesh) == 5 and "model.marketing.order_reach" not in mesh, mesh)
    shot("lineage-mesh")
    # The dashboard charting sales.orders: drawn in its own style, its box opens the dashboard.
    go("/ui/lineage/sales.orders?direction=downstream&depth=1")
    boxes = driver.find_elements(By.CSS_SELECTOR, "svg.lineage a.kind-dashboard[data-id='dashboard.sales.overview']")
    # An SVG link's href is read from the DOM: the property is an SVGAnimatedString.
    check("lineage-dashboard", len(boxes) == 1 and boxes[0].get_dom_attribute("href") == "/ui/dashboards/sales.overview",
          [b.get_dom_attribute("href") for b in boxes])

    # Runs: the owner triggers one and sees it finish through the service's queue.
    go("/ui/runs")
    driver.find_element(By.ID, "select").send_keys("sales.orders")
    submit(driver.find_element(By.ID, "trigger"))
    check("run-queued", "Queued run" in text(), text())
    finished = False
    for _ in range(120):
        go("/ui/runs")
        queue = driver.find_element(By.ID, "queue").find_element(By.XPATH, "..").text
        if "finished" in queue and "sales.orders" in queue:
            finished = True
            break
        time.sleep(0.5)
    check("run-finished", finished, text())
    shot("runs")
    submit(driver.find_element(By.CSS_SELECTOR, "section[aria-labelledby=history] a"))
    check("run-timeline", driver.find_elements(By.CSS_SELECTOR, "svg.gantt rect") and "Timeline" in text(), text())
    shot("run")

    # A node's log, reached from the run table by keyboard: the second run (the CLI's, which
    # published sales.orders 1.1.0) ran its checks; the failing range check quotes its rows.
    go("/ui/runs")
    history = driver.find_elements(By.CSS_SELECTOR, "section[aria-labelledby=history] a")
    check("runs-history", len(history) >= 3, [a.text for a in history])
    submit(history[1])
    link = driver.find_element(By.CSS_SELECTOR, "a[aria-label='Full log of product sales.orders']")
    # Focused and followed with Enter, as a keyboard user does.
    driver.execute_script("arguments[0].focus()", link)
    check("node-log-link-focusable", driver.switch_to.active_element == link)
    link.send_keys(Keys.ENTER)
    wait.until(lambda d: "/nodes/" in d.current_url)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    node_log = driver.current_url.replace(BASE, "")
    page = text()
    levels = [li.get_attribute("class") for li in driver.find_elements(By.CSS_SELECTOR, "ol.nodelog li")]
    check("node-log", "Log of product sales.orders" in page and "start publish product.sales.orders" in page
          and "range" in page and "level-warning" in levels, page)
    check("node-log-samples-for-the-domain", driver.find_elements(By.CSS_SELECTOR, "ol.nodelog pre.samples")
          and "hidden" not in page, page)
    shot("node-log")
    width = at_phone_width("node-log")
    check("node-log-fits-a-phone", width[0] <= width[1], width)

    # SQL lab: rows, the next page, a CSV; the audit page is for admins only.
    go("/ui/sql")
    driver.find_element(By.ID, "sql").send_keys("select email, amount from sales.orders order by amount desc")
    submit(driver.find_element(By.ID, "run-sql"))
    page = text()
    check("sql-rows", "cy@example.com" in page and "99" in page, page)
    check("sql-chart", driver.find_elements(By.CSS_SELECTOR, "svg.bars rect"))
    shot("sql")
    # A chart chosen in the form: a line of amount by day (the guess for text then a date is
    # the table alone), then a choice that cannot be drawn, refused in words.
    go("/ui/sql")
    driver.find_element(By.ID, "sql").send_keys(
        "select email, date '2026-12-01' + order_id::INTEGER as day, amount, amount / 2 as half from sales.orders"
        " order by email")
    submit(driver.find_element(By.ID, "run-sql"))
    check("sql-chart-guess-table", not driver.find_elements(By.CSS_SELECTOR, "figure.chart svg")
          and "table only" in text(), text())
    choose = lambda field, value: Select(driver.find_element(By.ID, field)).select_by_value(value)
    choose("chart-kind", "line")
    choose("chart-x", "day")
    choose("chart-y1", "amount")
    choose("chart-y2", "half")
    submit(driver.find_element(By.ID, "draw-chart"))
    plot = driver.find_elements(By.CSS_SELECTOR, "svg.plot[role=img]")
    label = plot[0].get_attribute("aria-label") if plot else ""
    check("sql-line-chart", label.startswith("Line chart of amount, half against day: 6 points")
          and len(driver.find_elements(By.CSS_SELECTOR, "svg.plot path.line")) == 2
          and Select(driver.find_element(By.ID, "chart-kind")).first_selected_option.text == "Line chart"
          and "cy@example.com" in text(), label)
    shot("sql-line")
    phone = at_phone_width("sql-line")
    check("sql-line-fits-a-phone", phone[0] <= phone[1], phone)
    choose("chart-x", "email")
    submit(driver.find_element(By.ID, "draw-chart"))
    problem = driver.find_elements(By.ID, "chart-problem")
    check("sql-chart-refused-in-words", problem and "email holds text" in problem[0].text
          and not driver.find_elements(By.CSS_SELECTOR, "svg.plot"), text())
    choose("chart-kind", "scatter")
    choose("chart-x", "amount")
    choose("chart-y1", "half")
    choose("chart-y2", "")
    submit(driver.find_element(By.ID, "draw-chart"))
    plot = driver.find_elements(By.CSS_SELECTOR, "svg.plot[role=img]")
    check("sql-scatter", plot and plot[0].get_attribute("aria-label").startswith("Scatter plot of half against amount")
          and len(driver.find_elements(By.CSS_SELECTOR, "svg.plot circle")) == 3
          and not driver.find_elements(By.CSS_SELECTOR, "svg.plot path.line"), text())
    shot("sql-scatter")
    csrf = driver.find_element(By.CSS_SELECTOR, "input[name=csrf]").get_attribute("value")
    csv = driver.execute_async_script(
        """
        const [csrf, done] = arguments;
        const body = new URLSearchParams({csrf, sql: 'select order_id, email from sales.orders order by 1'});
        fetch('/ui/sql/csv', {method: 'POST', body, credentials: 'same-origin'})
          .then(r => r.text().then(t => done([r.status, r.headers.get('content-disposition'), t])));
        """, csrf)
    check("sql-csv", csv[0] == 200 and "attachment" in (csv[1] or "") and csv[2].startswith("order_id,email")
          and "ann@example.com" in csv[2], csv)
    go("/ui/audit")
    check("audit-refused-to-a-non-admin", "Not allowed" in text() and "Only mesh admins" in text(), text())

    sign_out()
    go("/ui/")
    check("signed-out", "/ui/sign-in" in driver.current_url)

    # A mesh admin, signed in with a token, reads the audit log.
    driver.find_element(By.ID, "token").send_keys(os.environ["ROOT_TOKEN"])
    submit(driver.find_element(By.ID, "sign-in-token"))
    wait.until(lambda d: d.current_url.endswith("/ui/"))
    go("/ui/audit")
    page = text()
    check("audit-for-admins", "Audit log" in page and "web.sign_in" in page and "run.trigger" in page
          and "verifies" in page, page)
    shot("audit")
    # An admin sees every domain: the email column's path runs on into marketing's model, and
    # into the dashboard whose table and parameter show it.
    go("/ui/lineage/sales.orders?direction=both&depth=3&column=email")
    lit = [n.get_attribute("data-id") for n in driver.find_elements(By.CSS_SELECTOR, "svg.lineage a.hl")]
    check("lineage-across-domains", "model.marketing.order_reach" in lit and "dashboard.sales.overview" in lit
          and len(lit) == 4, lit)
    shot("lineage-admin")
    sign_out()

    # A reader of another domain, signed in with a token: masked values, no private product.
    driver.find_element(By.ID, "token").send_keys(os.environ["MIA_TOKEN"])
    submit(driver.find_element(By.ID, "sign-in-token"))
    wait.until(lambda d: d.current_url.endswith("/ui/"))
    page = text()
    check("reader-home-has-no-private-product", "sales.orders" in page and "margins" not in page, page)
    shot("home-reader")
    go("/ui/products/sales/orders")
    page = text()
    reader_svg = fetch_text("/ui/dashboards/sales.overview/svg")
    check("reader-dashboard-masked", reader_svg["status"] == 200 and "cy@example.com" not in reader_svg["body"]
          and "Who ordered" in reader_svg["body"], reader_svg["status"])
    check("reader-sees-masked-rows", "ann@example.com" not in page and "masked" in page
          and "email" in page, page)
    shot("product-reader")
    width = at_phone_width("product-reader")
    check("product-page-fits-a-phone", width[0] <= width[1], width)
    go("/ui/products/sales/margins")
    check("private-product-not-found", "Not found" in text() and fetch("/ui/products/sales/margins")["status"] == 404,
          text())
    shot("not-found")
    go("/ui/search?q=margins")
    check("private-product-not-searchable", "Nothing you may read matches" in text(), text())
    go("/ui/lineage")
    check("private-product-not-in-lineage", "margins" not in driver.page_source, text())
    go("/ui/sql")
    driver.find_element(By.ID, "sql").send_keys("select * from sales.margins")
    submit(driver.find_element(By.ID, "run-sql"))
    check("reader-query-refused", "margins" in text() and driver.find_elements(By.CSS_SELECTOR, ".error"), text())
    # The same node's log for a reader of another domain: the lines, not the rows they quote.
    go(node_log)
    page = text()
    check("node-log-reader", "range" in page and "sample row" in page and "hidden" in page
          and not driver.find_elements(By.CSS_SELECTOR, "ol.nodelog pre.samples")
          and "cy@example.com" not in driver.page_source, page)
    shot("node-log-reader")
    go("/ui/runs")
    driver.find_element(By.ID, "select").send_keys("sales.orders")
    submit(driver.find_element(By.ID, "trigger"))
    check("non-member-cannot-trigger", "may not run" in text(), text())
    shot("runs-refused")
    sign_out()
finally:
    driver.quit()
print("browser checks: all passed")
