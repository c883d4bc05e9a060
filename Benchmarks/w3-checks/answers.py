"""W3: each contender's own output, turned into the answer keys of expected.json. Standard library
only; runs inside the harness, after a run, untimed.

The answer of a check is the number of rows that fail it, except `row_count` (the count) and
`freshness_ordered_at` (the latest ordered_at as DuckDB prints a TIMESTAMP: `2025-12-31 23:59:59`).
Every converter returns (answers, problems): the answers it could read, and why others are missing.
"""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

KEYS = ["unique_order_id", "not_null_order_id", "not_null_customer_id", "accepted_values_status",
        "range_amount", "regex_email", "row_count", "freshness_ordered_at",
        "relationship_customer_id", "sql_no_free_orders"]


def timestamp_text(value) -> str:
    """A timestamp in any of the peers' spellings (`2025-12-31T23:59:59`, `…+00:00`, `… UTC`) the
    way DuckDB casts a TIMESTAMP to VARCHAR, so that every contender is compared on one text."""
    text = str(value).strip().replace("T", " ").removesuffix(" UTC").removesuffix("Z")
    parsed = dt.datetime.fromisoformat(text)
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(dt.timezone.utc).replace(tzinfo=None)
    return parsed.isoformat(sep=" ")


# ---------------------------------------------------------------- tessera check --format json

TESSERA_NAMES = {
    "unique(order_id)": "unique_order_id",
    "not_null(order_id)": "not_null_order_id",
    "not_null(customer_id)": "not_null_customer_id",
    "accepted_values(status)": "accepted_values_status",
    "range(amount)": "range_amount",
    "regex(email)": "regex_email",
    "row_count": "row_count",
    "freshness(ordered_at)": "freshness_ordered_at",
    "relationship(customer_id → sales.customers.customer_id)": "relationship_customer_id",
    "sql(no_free_orders)": "sql_no_free_orders",
}


def from_tessera(path: Path) -> tuple:
    """`tessera check sales.orders --format json`: the product's checks by name; failingRows,
    except row_count and freshness, whose answer is the `observed` value."""
    document = json.loads(path.read_text())
    product = next((p for p in document.get("products", []) if p.get("product") == "sales.orders"), None)
    if product is None:
        return {}, ["no product sales.orders in the output"]
    answers, problems = {}, []
    for check in product.get("checks", []):
        key = TESSERA_NAMES.get(check.get("name"))
        if key is None:
            continue
        if check.get("status") == "error":
            problems.append(f"{check['name']}: error: {check.get('message')}")
        elif key == "row_count":
            answers[key] = check.get("observed")
        elif key == "freshness_ordered_at":
            answers[key] = timestamp_text(check["observed"]) if check.get("observed") else None
        else:
            # `failing_rows` before the JSON field names became camelCase: a --baseline binary
            # from before then still answers.
            answers[key] = check.get("failingRows", check.get("failing_rows"))
    return answers, problems


# ---------------------------------------------------------------- soda scan -srf results.json

def from_soda(path: Path) -> tuple:
    """`soda scan … -srf results.json`: each check's `diagnostics.value` is what it measured
    (duplicate/missing/invalid counts, the row count, the reference check's missing references,
    the failed-rows query's row count); freshness reports the column's maximum as
    `diagnostics.maxColumnTimestamp`. Checks are told apart by their `name:` (checks.yml)."""
    document = json.loads(path.read_text())
    answers, problems = {}, []
    for check in document.get("checks", []):
        key = check.get("name")
        if key not in KEYS:
            continue
        diagnostics = check.get("diagnostics") or {}
        if check.get("outcome") not in ("pass", "fail", "warn"):
            problems.append(f"{key}: outcome {check.get('outcome')!r}")
        elif key == "freshness_ordered_at":
            value = diagnostics.get("maxColumnTimestamp")
            answers[key] = timestamp_text(value) if value else None
        else:
            value = diagnostics.get("value")
            answers[key] = int(value) if isinstance(value, (int, float)) else value
    for log in document.get("logs", []):
        if log.get("level") == "error":
            problems.append(f"soda: {log.get('message')}")
    return answers, problems


# ---------------------------------------------------------------- Great Expectations validation result

def from_gx(path: Path) -> tuple:
    """gx_checks.py's validation result: one expectation per answer, told apart by its `meta`
    (`{"answer": key}`); unexpected_count for the column map expectations, observed_value for
    the aggregates. `unique`: GX counts every row of a duplicated value as unexpected; the
    answer (rows beyond the first per value) comes from the COMPLETE result's unexpected_list."""
    document = json.loads(path.read_text())
    answers, problems = {}, []
    for result in document.get("results", []):
        config = result.get("expectation_config") or {}
        key = (config.get("meta") or {}).get("answer")
        if key not in KEYS:
            continue
        if (result.get("exception_info") or {}).get("raised_exception"):
            problems.append(f"{key}: {result['exception_info'].get('exception_message')}")
            continue
        body = result.get("result") or {}
        if key == "unique_order_id":
            values = body.get("unexpected_list") or []
            answers[key] = len(values) - len({json.dumps(v, sort_keys=True, default=str) for v in values})
        elif key == "row_count":
            answers[key] = body.get("observed_value")
        elif key == "freshness_ordered_at":
            value = body.get("observed_value")
            answers[key] = timestamp_text(value) if value else None
        else:
            answers[key] = body.get("unexpected_count")
    return answers, problems


def compare(answers: dict, problems: list, expected: dict) -> tuple:
    """(ok, detail) for the harness: every expected answer equal, as text."""
    wrong = [f"{k}: {answers.get(k)!r}, expected {v!r}" for k, v in expected.items() if str(answers.get(k)) != str(v)]
    wrong += problems
    return (not wrong), ("; ".join(wrong) if wrong else f"{len(expected)} checks, every answer right")


def check(converter, path: Path, expected: dict) -> tuple:
    try:
        answers, problems = converter(path)
    except (OSError, ValueError, KeyError, TypeError, AttributeError) as e:
        return False, f"no readable result at {path.name}: {type(e).__name__}: {e}"
    return compare(answers, problems, expected)
