"""What a person does in Superset's UI with Tessera, done through Superset's REST API.

Run by scripts/bi-check.sh with Superset and `tessera serve --pg-port` already started. Every
expected result comes from `tessera query` over the same mesh (as the domain the principal acts
for), never from numbers written here. Each step prints `ok` or `FAIL` with what went wrong; the
exit status is 1 when any step failed.
"""

import argparse
import json
import secrets
import subprocess
import sys
import time
import urllib.parse
from decimal import Decimal

import requests

FAILURES = []


class StepFailed(Exception):
    pass


def step(name):
    """Runs the decorated function as a named step: `ok NAME` or `FAIL NAME: why`."""

    def wrap(function):
        def run(*args, **kwargs):
            started = time.monotonic()
            try:
                result = function(*args, **kwargs)
            except StepFailed as failure:
                FAILURES.append(name)
                print(f"FAIL  {name}: {failure}", flush=True)
                return None
            print(f"ok    {name} ({time.monotonic() - started:.2f} s)", flush=True)
            return result

        return run

    return wrap


class Superset:
    """A signed-in API client: bearer token from /security/login, CSRF token and session cookie."""

    def __init__(self, url, password):
        self.url = url
        self.http = requests.Session()
        self.wait_until_up()
        login = self.call("POST", "/api/v1/security/login",
                          {"username": "admin", "password": password, "provider": "db", "refresh": True})
        self.http.headers["Authorization"] = f"Bearer {login['access_token']}"
        csrf = self.call("GET", "/api/v1/security/csrf_token/")["result"]
        self.http.headers.update({"X-CSRFToken": csrf, "Referer": url})

    def wait_until_up(self, seconds=120):
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                if self.http.get(self.url + "/health", timeout=5).status_code == 200:
                    return
            except requests.ConnectionError:
                pass
            time.sleep(0.5)
        raise StepFailed(f"Superset did not answer /health at {self.url} within {seconds} s")

    def call(self, method, path, body=None, expect=(200, 201)):
        response = self.http.request(method, self.url + path, json=body, timeout=120)
        if response.status_code not in expect:
            raise StepFailed(f"{method} {path} answered {response.status_code}: {response.text[:1500]}")
        return response.json()


def client_id():
    """SQL Lab's id of a query as its UI makes one: 10 random letters and digits."""
    return secrets.token_hex(5)


def uri(user, token, port):
    return f"postgresql://{urllib.parse.quote(user, safe='')}:{token}@127.0.0.1:{port}/acme"


def tessera_rows(args, sql, domain):
    """Rows of `tessera query` as the domain reads them (json: a list of objects)."""
    done = subprocess.run([args.tessera, "query", sql, "--format", "json", "--as-domain", domain],
                          cwd=args.mesh, capture_output=True, text=True, timeout=120)
    if done.returncode != 0:
        raise StepFailed(f"tessera query {sql!r} failed: {done.stderr.strip()}")
    text = done.stdout.strip()
    if text.startswith("["):
        return json.loads(text)
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def same(left, right):
    """Values equal as a person reads them: numbers by value, dates by their ISO text."""
    if isinstance(left, bool) or isinstance(right, bool):
        return left is right
    if isinstance(left, (int, float, Decimal)) and isinstance(right, (int, float, Decimal)):
        return abs(Decimal(str(left)) - Decimal(str(right))) < Decimal("0.000001")
    if isinstance(left, str) and isinstance(right, str):
        return left[:10] == right[:10] if len(left) >= 10 and left[4:5] == "-" else left == right
    return left == right


def compare(label, got, expected, key):
    """Rows (dicts) compared by `key`, every expected column present and equal."""
    if len(got) != len(expected):
        raise StepFailed(f"{label}: {len(got)} rows, `tessera query` gives {len(expected)}: {got} vs {expected}")
    index = {str(row.get(key)): row for row in got}
    for want in expected:
        have = index.get(str(want[key]))
        if have is None:
            raise StepFailed(f"{label}: no row with {key} = {want[key]!r}; got {got}")
        for column, value in want.items():
            if column not in have or not same(have[column], value):
                raise StepFailed(f"{label}: {key} = {want[key]!r}: {column} is {have.get(column)!r}, expected {value!r}")


@step("test connection (POST /api/v1/database/test_connection/)")
def test_connection(superset, address):
    result = superset.call("POST", "/api/v1/database/test_connection/",
                           {"database_name": "Tessera", "sqlalchemy_uri": address})
    if result.get("message") != "OK":
        raise StepFailed(f"answered {result}")


@step("add the database (POST /api/v1/database/)")
def add_database(superset, name, address):
    result = superset.call("POST", "/api/v1/database/",
                           {"database_name": name, "sqlalchemy_uri": address, "expose_in_sqllab": True})
    return result["id"]


@step("a wrong token is refused by test connection")
def wrong_token(superset, args):
    address = uri("sales_reporting", "tsr_not_a_token", args.pg_port)
    response = superset.http.post(superset.url + "/api/v1/database/test_connection/",
                                  json={"database_name": "Wrong", "sqlalchemy_uri": address}, timeout=120)
    said = response.text
    if response.status_code < 400 or not ("CONNECTION_INVALID_PASSWORD_ERROR" in said or "password authentication failed" in said):
        raise StepFailed(f"expected a refusal naming the failed sign-in, got {response.status_code}: {response.text[:500]}")


@step("catalogs, schemas and tables (GET /api/v1/database/<id>/catalogs/, /schemas/, /tables/)")
def browse(superset, database, want_tables, hidden):
    catalogs = superset.call("GET", f"/api/v1/database/{database}/catalogs/?q=(force:!t)")["result"]
    if catalogs != ["acme"]:
        raise StepFailed(f"catalogs are {catalogs}; expected only the database signed in to, acme")
    schemas = superset.call("GET", f"/api/v1/database/{database}/schemas/?q=(force:!t)")["result"]
    if "sales" not in schemas:
        raise StepFailed(f"schemas are {schemas}; expected sales among them")
    query = urllib.parse.quote("(force:!t,schema_name:sales)")
    tables = superset.call("GET", f"/api/v1/database/{database}/tables/?q={query}")["result"]
    names = sorted(table["value"] for table in tables)
    if not set(want_tables) <= set(names) or set(hidden) & set(names):
        raise StepFailed(f"sales has tables {names}; expected {want_tables} and none of {hidden}")


@step("table metadata of sales.orders (GET /api/v1/database/<id>/table_metadata/)")
def table_metadata(superset, database):
    result = superset.call("GET", f"/api/v1/database/{database}/table_metadata/?name=orders&schema=sales")
    columns = {column["name"]: column["type"] for column in result["columns"]}
    want = ["order_id", "region", "customer", "ordered_on", "amount", "price", "paid"]
    if list(columns) != want:
        raise StepFailed(f"columns are {list(columns)}, expected {want}")
    if "DATE" not in columns["ordered_on"].upper() or "NUMERIC" not in columns["price"].upper():
        raise StepFailed(f"column types are {columns}")


@step("SQL Lab query (POST /api/v1/sqllab/execute/)")
def sql_lab(superset, args, database, domain, sql, key):
    body = {"database_id": database, "sql": sql, "runAsync": False, "schema": "sales",
            "client_id": client_id(), "queryLimit": 1000}
    result = superset.call("POST", "/api/v1/sqllab/execute/", body, expect=(200, 202))
    if result.get("status") != "success":
        raise StepFailed(f"status {result.get('status')}: {json.dumps(result)[:1000]}")
    compare("SQL Lab", result["data"], tessera_rows(args, sql, domain), key)
    return result["data"]


@step("dataset over sales.orders (POST /api/v1/dataset/)")
def add_dataset(superset, database):
    result = superset.call("POST", "/api/v1/dataset/", {"database": database, "schema": "sales", "table_name": "orders"})
    dataset = superset.call("GET", f"/api/v1/dataset/{result['id']}")["result"]
    names = sorted(column["column_name"] for column in dataset["columns"])
    if names != sorted(["order_id", "region", "customer", "ordered_on", "amount", "price", "paid"]):
        raise StepFailed(f"the dataset's columns are {names}")
    return result["id"]


def chart_query(superset, dataset, query):
    body = {"datasource": {"id": dataset, "type": "table"}, "force": True, "queries": [query],
            "result_format": "json", "result_type": "full"}
    result = superset.call("POST", "/api/v1/chart/data", body)["result"][0]
    if result.get("error") or result.get("status") not in (None, "success"):
        raise StepFailed(f"{result.get('status')}: {result.get('error')} (SQL: {result.get('query')})")
    return result["data"]


@step("bar chart: sum and count by region, paid orders only (POST /api/v1/chart/data)")
def chart_by_region(superset, args, dataset):
    query = {
        "columns": ["region"],
        "metrics": [{"expressionType": "SIMPLE", "column": {"column_name": "amount"}, "aggregate": "SUM",
                     "label": "total"}, "count"],
        "filters": [{"col": "paid", "op": "==", "val": True}],
        "orderby": [["total", False]], "row_limit": 100,
    }
    got = chart_query(superset, dataset, query)
    expected = tessera_rows(args, "select region, sum(amount) as total, count(*) as count from sales.orders "
                                  "where paid group by region", "sales")
    compare("chart by region", got, expected, "region")
    totals = [row["total"] for row in got]
    if totals != sorted(totals, reverse=True):
        raise StepFailed(f"not ordered by total, descending: {totals}")


@step("time series: average price per day, a time range filter (POST /api/v1/chart/data, time grain P1D)")
def chart_by_day(superset, args, dataset):
    query = {
        "columns": [{"timeGrain": "P1D", "columnType": "BASE_AXIS", "sqlExpression": "ordered_on",
                     "label": "ordered_on", "expressionType": "SQL"}],
        "metrics": [{"expressionType": "SQL", "sqlExpression": "AVG(price)", "label": "avg_price"}],
        "filters": [{"col": "ordered_on", "op": "TEMPORAL_RANGE", "val": "2026-11-29 : 2026-12-02"}],
        "orderby": [["ordered_on", True]], "row_limit": 100,
    }
    got = chart_query(superset, dataset, query)
    for row in got:
        if isinstance(row["ordered_on"], (int, float)):  # epoch milliseconds in JSON results
            row["ordered_on"] = time.strftime("%Y-%m-%d", time.gmtime(row["ordered_on"] / 1000))
    expected = tessera_rows(args, "select ordered_on::VARCHAR as ordered_on, avg(price) as avg_price from sales.orders "
                                  "where ordered_on >= DATE '2026-11-29' and ordered_on < DATE '2026-12-02' "
                                  "group by ordered_on", "sales")
    compare("time series", got, expected, "ordered_on")


@step("a reader of another domain: masked values, no private product (SQL Lab as mia@acme.example)")
def reader(superset, args):
    database = superset.call("POST", "/api/v1/database/", {
        "database_name": "Tessera as marketing", "sqlalchemy_uri": uri("mia@acme.example", args.reader_token, args.pg_port),
        "expose_in_sqllab": True})["id"]
    query = urllib.parse.quote("(force:!t,schema_name:sales)")
    names = sorted(t["value"] for t in superset.call("GET", f"/api/v1/database/{database}/tables/?q={query}")["result"])
    if names != ["orders"]:
        raise StepFailed(f"marketing's reader sees sales tables {names}; expected only orders (ledger is private)")
    body = {"database_id": database, "sql": "select order_id, customer from sales.orders order by order_id",
            "runAsync": False, "schema": "sales", "client_id": client_id(), "queryLimit": 100}
    rows = superset.call("POST", "/api/v1/sqllab/execute/", body, expect=(200, 202))["data"]
    if len(rows) != 8 or any(row["customer"] != "****" for row in rows):
        raise StepFailed(f"expected 8 rows with customer masked as ****, got {rows}")
    body.update(sql="select * from sales.ledger", client_id=client_id())
    response = superset.http.post(superset.url + "/api/v1/sqllab/execute/", json=body, timeout=120)
    if response.status_code < 400 or "ledger" not in response.text:
        raise StepFailed(f"reading sales.ledger should be refused; got {response.status_code}: {response.text[:500]}")


def main():
    parser = argparse.ArgumentParser()
    for option in ("superset", "admin-password", "pg-port", "token", "reader-token", "tessera", "mesh",
                   "superset-log", "serve-log"):
        parser.add_argument(f"--{option}", required=True)
    args = parser.parse_args()
    try:
        superset = Superset(args.superset, args.admin_password)
    except (StepFailed, requests.RequestException, KeyError) as failure:
        print(f"FAIL  sign in to Superset: {failure}\n      see {args.superset_log}", flush=True)
        return 1
    address = uri("sales_reporting", args.token, args.pg_port)
    test_connection(superset, address)
    wrong_token(superset, args)
    database = add_database(superset, "Tessera", address)
    if database is not None:
        browse(superset, database, ["ledger", "orders"], [])
        table_metadata(superset, database)
        sql_lab(superset, args, database, "sales",
                "select order_id, region, customer, ordered_on, amount, price, paid from sales.orders", "order_id")
        dataset = add_dataset(superset, database)
        if dataset is not None:
            chart_by_region(superset, args, dataset)
            chart_by_day(superset, args, dataset)
    reader(superset, args)
    if FAILURES:
        print(f"{len(FAILURES)} step(s) failed: {', '.join(FAILURES)}\n"
              f"      Superset's log: {args.superset_log}\n      tessera serve's log: {args.serve_log}", flush=True)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
