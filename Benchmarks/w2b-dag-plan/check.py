"""Checks a W2b contender's output: the whole DAG was parsed. Standard library only.

    python check.py EXPECTED_JSON --dbt-manifest FILE    (dbt: target/manifest.json)
    python check.py EXPECTED_JSON --tessera-plan FILE    (the standard output of
                                                          `tessera plan --format json`)

dbt: the manifest's nodes with "resource_type": "model" are exactly the generated models, each
materialized as a table, each depending on exactly its upstream models.
Tessera: one JSON document with a list under the key "nodes"; its entries with "kind": "model"
are as many as the generated models. Where those entries have a "name" (the model's name,
optionally as "<domain>.<name>"), the names must be exactly the models'; where they have a
"depends_on" list (names, as above), it must be exactly the model's upstream models.
Prints {"ok": bool, "detail": "..."}; exits 0 when ok.
"""
import argparse
import json
import sys


def short(name: str) -> str:
    """m_001_002 from m_001_002, bench.m_001_002 or model.bench.m_001_002."""
    return str(name).rsplit(".", 1)[-1]


def check_dbt(path: str, expected: dict) -> list:
    with open(path) as f:
        manifest = json.load(f)
    models = {n["name"]: n for n in manifest.get("nodes", {}).values() if n.get("resource_type") == "model"}
    problems = names(set(models), expected)
    for name, node in models.items():
        if name not in expected["depends_on"]:
            continue
        if node.get("config", {}).get("materialized") != "table":
            problems.append(f"{name} is materialized as {node.get('config', {}).get('materialized')}")
        upstream = sorted(short(u) for u in node.get("depends_on", {}).get("nodes", []))
        if upstream != expected["depends_on"][name]:
            problems.append(f"{name} depends on {upstream}, expected {expected['depends_on'][name]}")
    return problems


def check_tessera(path: str, expected: dict) -> tuple:
    with open(path) as f:
        text = f.read()
    try:
        plan = json.loads(text)
    except ValueError as e:
        return [f"the standard output is not one JSON document ({e}): {text[:200]!r}"], ""
    nodes = plan.get("nodes") if isinstance(plan, dict) else None
    if not isinstance(nodes, list):
        return [f'no list under "nodes" (top-level keys: {sorted(plan) if isinstance(plan, dict) else type(plan).__name__})'], ""
    models = [n for n in nodes if isinstance(n, dict) and n.get("kind") == "model"]
    problems, checked = [], []
    if len(models) != expected["models"]:
        problems.append(f'{len(models)} nodes with "kind": "model", expected {expected["models"]}')
    if models and all("name" in n for n in models):
        checked.append("names")
        problems += names({short(n["name"]) for n in models}, expected)
        if len({short(n["name"]) for n in models}) != len(models):
            problems.append("a model is listed twice")
    if models and all("name" in n and isinstance(n.get("depends_on"), list) for n in models):
        checked.append("depends_on")
        for n in models:
            name, upstream = short(n["name"]), sorted(short(u) for u in n["depends_on"])
            if name in expected["depends_on"] and upstream != expected["depends_on"][name]:
                problems.append(f"{name} depends on {upstream}, expected {expected['depends_on'][name]}")
    return problems, " and ".join(checked)


def names(found: set, expected: dict) -> list:
    want = set(expected["depends_on"])
    problems = []
    if found - want:
        problems.append(f"unexpected models {sorted(found - want)[:3]}")
    if want - found:
        problems.append(f"{len(want - found)} models missing, e.g. {sorted(want - found)[:3]}")
    return problems


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("expected")
    parser.add_argument("--dbt-manifest")
    parser.add_argument("--tessera-plan")
    args = parser.parse_args()
    with open(args.expected) as f:
        expected = json.load(f)
    try:
        if args.dbt_manifest:
            problems, detail = check_dbt(args.dbt_manifest, expected), "names, tables and depends_on right"
        else:
            problems, checked = check_tessera(args.tessera_plan, expected)
            detail = f"{checked} right" if checked else "counted (the entries have no names)"
    except OSError as e:
        problems = [str(e)]
    if problems:
        print(json.dumps({"ok": False, "detail": "; ".join(problems[:5]) + (" …" if len(problems) > 5 else "")}))
        return 1
    print(json.dumps({"ok": True, "detail": f"{expected['models']:,} models, {detail}"}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
